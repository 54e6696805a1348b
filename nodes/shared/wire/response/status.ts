import type { Interaction, ModelOutputStep } from '../types';

export interface FailedInteraction {
	message: string;
	description: string;
}

const FAILURE_MESSAGES: Record<string, string> = {
	failed: 'failed',
	cancelled: 'was cancelled',
	incomplete: 'ended incomplete',
	budget_exceeded: 'stopped: its token budget was exceeded',
};

export const TERMINAL_STATUSES = new Set(['completed', 'failed', 'cancelled', 'incomplete', 'budget_exceeded']);

export function isTerminal(status: string | undefined): boolean {
	return status !== undefined && TERMINAL_STATUSES.has(status);
}

/** Statuses that end a run without the answer that was asked for; `completed` and waiting states return undefined. */
export function describeFailure(
	interaction: Interaction,
	failingStatuses: readonly string[] = ['failed', 'cancelled', 'incomplete', 'budget_exceeded'],
): FailedInteraction | undefined {
	const status = interaction.status ?? '';
	if (!failingStatuses.includes(status)) return undefined;
	const who = interaction.agent ? `Agent run ${interaction.agent}` : 'The interaction';
	const id = interaction.id ? ` (id ${interaction.id})` : '';
	const reasons = [
		...(interaction.errors ?? []).map((error) => [error.code, error.message].filter(Boolean).join(': ')),
		...(interaction.steps ?? [])
			.filter((step): step is ModelOutputStep => step.type === 'model_output')
			.map((step) => step.error?.message ?? ''),
	].filter((reason) => reason !== '');
	return {
		message: `${who}${id} ${FAILURE_MESSAGES[status] ?? `ended with status ${status}`}`,
		description: [
			reasons.length > 0 ? `Reason: ${reasons.join('; ')}.` : undefined,
			interaction.id ? `Use the Get operation with id ${interaction.id} to inspect it.` : undefined,
		]
			.filter(Boolean)
			.join(' '),
	};
}
