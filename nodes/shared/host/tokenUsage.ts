import type { IExecuteFunctions } from 'n8n-workflow';
import * as workflow from 'n8n-workflow';

import { tokenCounts } from '../wire/response/usage';
import type { Usage } from '../wire/types';

type Accumulate = (context: IExecuteFunctions, inputTokens: number, outputTokens: number) => void;

/**
 * Adds a turn's tokens to the node's `tokenUsage` in the execution data, with the helper n8n's own
 * AI vendor nodes use (`accumulateTokenUsage`, n8n-workflow ≥ 2.x). It is looked up when called:
 * on older hosts it does not exist and usage stays in the output items only.
 */
export function reportTokenUsage(ctx: IExecuteFunctions, usage: Usage | undefined): boolean {
	const accumulate = (workflow as unknown as { accumulateTokenUsage?: Accumulate }).accumulateTokenUsage;
	const counts = tokenCounts(usage);
	if (typeof accumulate !== 'function' || typeof ctx.setMetadata !== 'function' || !counts) return false;
	accumulate(ctx, counts.inputTokens, counts.outputTokens);
	return true;
}
