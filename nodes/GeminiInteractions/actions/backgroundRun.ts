import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { openChatStream } from '../../shared/host/chatStream';
import { outputText } from '../../shared/wire/response/outputText';
import { rawInteraction, simplifyInteraction } from '../../shared/wire/response/simplify';
import { describeFailure } from '../../shared/wire/response/status';
import type { GeminiApiClient } from '../../shared/transport/client';
import { cancelInteraction, followInteraction, isSettled } from '../../shared/interactions/follow';
import type { Interaction } from '../../shared/wire/types';
import type { TimeoutCancel } from '../helpers/runErrors';
import { cancelledWhileWaitingError, followFailedError, timedOutError } from '../helpers/runErrors';
import { maxWaitOption, pollIntervalOption } from './descriptions';
import { TIMEOUT_SECONDS } from './timeouts';

/**
 * Shared by Run Agent and Interaction → Get / Cancel: waiting for a background run, turning
 * unsuccessful endings into errors, and shaping the output item.
 */

/** The waiting options (see `waitOptions` in descriptions.ts) plus the request timeout. */
export interface WaitOptionValues {
	maxWait?: number;
	pollInterval?: number;
	cancelOnTimeout?: boolean;
	timeout?: number;
}


export function requestTimeoutMs(options: WaitOptionValues): number {
	return (Number(options.timeout) || TIMEOUT_SECONDS.request) * 1000;
}

/** Follows a run until it settles (no-op when it already has), forwarding its text to a streaming chat. */
export async function followToEnd(
	ctx: IExecuteFunctions,
	itemIndex: number,
	client: GeminiApiClient,
	interaction: Interaction,
	options: WaitOptionValues,
): Promise<Interaction> {
	if (isSettled(interaction.status)) return interaction;
	if (!interaction.id) {
		throw new NodeOperationError(ctx.getNode(), 'The interaction has no ID, so it cannot be followed', {
			itemIndex,
			description: 'Background runs need a stored interaction; Google sent none.',
		});
	}
	const chat = openChatStream(ctx, itemIndex);
	let streamedText = false;
	const maxWaitMs = (Number(options.maxWait) || (maxWaitOption.default as number)) * 60_000;
	const follow = { node: ctx.getNode(), interactionId: interaction.id, itemIndex, maxWaitMs };
	try {
		const outcome = await followInteraction(
			client,
			{
				interactionId: interaction.id,
				itemIndex,
				maxWaitMs,
				pollIntervalMs: (Number(options.pollInterval) || (pollIntervalOption.default as number)) * 1000,
				requestTimeoutMs: requestTimeoutMs(options),
				known: interaction,
				onText: chat.active
					? (text) => {
							streamedText = true;
							chat.text(text);
						}
					: undefined,
			},
			ctx.getExecutionCancelSignal?.(),
		);
		if (outcome.kind === 'settled') {
			// Polled runs bring no deltas: the chat still gets the answer, in one piece.
			if (chat.active && !streamedText) chat.text(outputText(outcome.interaction.steps));
			return outcome.interaction;
		}
		if (outcome.kind !== 'stopped') throw followFailedError(follow, outcome);
		if (outcome.reason === 'cancelled') throw cancelledWhileWaitingError(follow);
		let cancel: TimeoutCancel = { sent: false };
		if (options.cancelOnTimeout !== false) {
			const cancelled = await cancelInteraction(client, interaction.id, itemIndex);
			cancel = cancelled.ok
				? { sent: true, ok: true }
				: { sent: true, ok: false, reason: (cancelled.error as Error)?.message ?? String(cancelled.error) };
		}
		throw timedOutError(follow, cancel);
	} finally {
		chat.end();
	}
}

/** failed / cancelled / incomplete / budget_exceeded → an error that carries the interaction's ID. */
export function assertSuccessful(ctx: IExecuteFunctions, itemIndex: number, interaction: Interaction): void {
	const failure = describeFailure(interaction);
	if (!failure) return;
	throw new NodeApiError(
		ctx.getNode(),
		{ message: failure.message, interactionId: interaction.id ?? null },
		{ ...failure, itemIndex },
	);
}

/** The output item: simplified (`id, status, text, usage, agent, environmentId …`) or the raw interaction. */
export function interactionItem(
	ctx: IExecuteFunctions,
	itemIndex: number,
	interaction: Interaction,
	extras: IDataObject = {},
): INodeExecutionData[] {
	const simplify = ctx.getNodeParameter('simplify', itemIndex, true) as boolean;
	const json = simplify ? { ...simplifyInteraction(interaction), ...extras } : rawInteraction(interaction);
	return [{ json, pairedItem: { item: itemIndex } }];
}
