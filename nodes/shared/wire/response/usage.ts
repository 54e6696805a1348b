import type { Usage } from '../types';

/** Usage of two requests of one turn (continuation hops, tool rounds): counts added, other fields kept. */
export function addUsage(total: Usage | undefined, next: Usage | undefined): Usage | undefined {
	if (!total || !next) return total ?? next;
	const sum: Usage = { ...total };
	for (const [key, value] of Object.entries(next)) {
		const current = sum[key];
		sum[key] = typeof value === 'number' && typeof current === 'number' ? current + value : (current ?? value);
	}
	return sum;
}

/**
 * The two numbers n8n records per node (`tokenUsage` in the execution data): prompt tokens in,
 * and everything the model generated out — answer and thinking, both billed as output.
 */
export function tokenCounts(usage: Usage | undefined): { inputTokens: number; outputTokens: number } | undefined {
	if (!usage) return undefined;
	const count = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : 0);
	const inputTokens = count(usage.total_input_tokens);
	const outputTokens = count(usage.total_output_tokens) + count(usage.total_thought_tokens);
	return inputTokens + outputTokens > 0 ? { inputTokens, outputTokens } : undefined;
}
