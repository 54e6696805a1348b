import type { IDataObject } from 'n8n-workflow';

import type { FunctionCallStep, Interaction } from '../types';
import { outputText, thoughtSummaries } from './outputText';

/** What the node adds beside the API's answer: a model substitution notice, a parsed object. */
export interface SimplifyExtras {
	notice?: string;
	modelSubstitution?: IDataObject;
	output?: unknown;
}

export function functionCalls(interaction: Interaction): Array<{ id: string; name: string; arguments: IDataObject }> {
	return (interaction.steps ?? [])
		.filter((step): step is FunctionCallStep => step.type === 'function_call')
		.map((step) => ({ id: step.id, name: step.name, arguments: (step.arguments ?? {}) as IDataObject }));
}

/** `{ id, status, text, usage, model }` plus what is present: thoughts, function calls, environment. */
export function simplifyInteraction(interaction: Interaction, extras: SimplifyExtras = {}): IDataObject {
	const simplified: IDataObject = {
		id: interaction.id ?? null,
		status: interaction.status ?? null,
		text: outputText(interaction.steps),
	};
	if (extras.output !== undefined) simplified.output = extras.output as IDataObject;
	const thoughts = thoughtSummaries(interaction.steps);
	if (thoughts.length > 0) simplified.thoughts = thoughts;
	const calls = functionCalls(interaction);
	if (calls.length > 0) simplified.functionCalls = calls;
	simplified.usage = (interaction.usage ?? null) as IDataObject | null;
	if (interaction.agent) simplified.agent = interaction.agent;
	else simplified.model = interaction.model ?? null;
	if (interaction.environment_id) simplified.environmentId = interaction.environment_id;
	if (extras.notice) simplified.notice = extras.notice;
	if (extras.modelSubstitution) simplified.modelSubstitution = extras.modelSubstitution;
	return simplified;
}

/** The raw interaction for `simplify: off`, with the node's notices kept visible. */
export function rawInteraction(interaction: Interaction, extras: SimplifyExtras = {}): IDataObject {
	return {
		...(interaction as IDataObject),
		...(extras.output !== undefined ? { output: extras.output as IDataObject } : {}),
		...(extras.notice ? { notice: extras.notice } : {}),
		...(extras.modelSubstitution ? { modelSubstitution: extras.modelSubstitution } : {}),
	};
}
