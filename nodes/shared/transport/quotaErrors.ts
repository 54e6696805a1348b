import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { googleErrorMessage, parseBody } from './errors';
import type { RetryHint } from './retry';

/** Why an item stopped waiting for the quota. */
export type QuotaStop =
	| { kind: 'daily' }
	| { kind: 'hintTooLong'; delayMs: number; maxWaitMs: number }
	| { kind: 'waitedTooLong'; waitedMs: number };

export function describeDuration(ms: number): string {
	if (ms < 60_000) return `${Math.round(ms / 100) / 10} seconds`;
	if (ms < 2 * 3_600_000) {
		const minutes = Math.round(ms / 6000) / 10;
		return `${minutes} minute${minutes === 1 ? '' : 's'}`;
	}
	return `${Math.round(ms / 360_000) / 10} hours`;
}

function quotaName(hint: RetryHint): string {
	const violation = hint.violations.find((v) => /PerDay/i.test(v.quotaId ?? '')) ?? hint.violations[0];
	if (!violation?.quotaId) return 'the Gemini API quota';
	return `the Gemini API quota ${violation.quotaId}${violation.quotaValue ? ` (limit ${violation.quotaValue})` : ''}`;
}

const QUOTA_EXHAUSTED = 'quotaExhausted';

/** A 429 the node stopped retrying: a daily quota, a delay beyond the waiting limit, or the limit reached. */
export function quotaError(
	node: INode,
	stop: QuotaStop,
	hint: RetryHint,
	response: { body: unknown; method: string; path: string; itemIndex?: number },
): NodeApiError {
	const quota = quotaName(hint);
	const google = googleErrorMessage(response.body);
	const said = google ? ` Google said: ${google}` : '';
	let message: string;
	let description: string;
	switch (stop.kind) {
		case 'daily':
			message = `${capitalize(quota)} is used up for today; it resets later`;
			description = `A per-day quota cannot be waited out within a run, so the item was not retried. Run it again once the quota has reset, or raise the quota in Google's console.${said}`;
			break;
		case 'hintTooLong':
			message = `${capitalize(quota)} is used up; it resets later, in ${describeDuration(stop.delayMs)}`;
			description = `That is longer than the node waits for a quota (Maximum Quota Wait: ${describeDuration(stop.maxWaitMs)}), so the item was not retried. Raise Maximum Quota Wait to wait for it.${said}`;
			break;
		default:
			message = `Gave up after waiting ${describeDuration(stop.waitedMs)} for ${quota}`;
			description = `Google kept refusing requests with 429 (quota or rate limit exceeded) until the node's Maximum Quota Wait ran out. Raise Maximum Quota Wait, lower Concurrency, or spread the items over more time.${said}`;
	}
	const parsed = asJsonObject(response.body) ?? { message };
	const error = new NodeApiError(node, parsed, {
		message,
		description: `${description} (${response.method} ${response.path} answered 429.)`,
		httpCode: '429',
		itemIndex: response.itemIndex,
	});
	error.context[QUOTA_EXHAUSTED] = stop.kind;
	return error;
}

/** A quota error the client already stopped retrying: callers that retry 429s themselves must not. */
export function isQuotaExhausted(error: unknown): boolean {
	return (error as NodeApiError)?.context?.[QUOTA_EXHAUSTED] !== undefined;
}

function asJsonObject(body: unknown): JsonObject | undefined {
	const value = parseBody(body);
	return value && typeof value === 'object' && !Array.isArray(value) ? (value as JsonObject) : undefined;
}

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
