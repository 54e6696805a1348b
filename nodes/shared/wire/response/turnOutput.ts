import type { IDataObject } from 'n8n-workflow';

import type { Interaction } from '../types';
import type { SimplifyExtras } from './simplify';
import { functionCalls, rawInteraction, simplifyInteraction } from './simplify';

export interface TurnOutputOptions {
	simplify: boolean;
	/** One item per function call (for routing with a Switch node) instead of one item with all calls. */
	itemPerCall?: boolean;
	extras?: SimplifyExtras;
}

/**
 * The JSON of the output items of a turn: one item (simplified or raw), or, when the model asks
 * for functions and the node is set so, one item per call with `callId`, `name` and `args`.
 */
export function turnOutputJson(interaction: Interaction, options: TurnOutputOptions): IDataObject[] {
	const extras = options.extras ?? {};
	const calls = options.itemPerCall ? functionCalls(interaction) : [];
	if (calls.length === 0) {
		return [options.simplify ? simplifyInteraction(interaction, extras) : rawInteraction(interaction, extras)];
	}
	return calls.map((call) => ({
		id: interaction.id ?? null,
		status: interaction.status ?? null,
		callId: call.id,
		name: call.name,
		args: call.args,
		...(extras.notice ? { notice: extras.notice } : {}),
	}));
}
