export interface RetryPolicy {
	/** Total attempts, the first included. */
	maxAttempts: number;
	baseDelayMs: number;
	maxDelayMs: number;
	/** A server asking to wait longer than this is not retried: the error is reported instead. */
	maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
	maxAttempts: 4,
	baseDelayMs: 1000,
	maxDelayMs: 16_000,
	maxRetryAfterMs: 60_000,
};

export function isRetryableStatus(status: number): boolean {
	return status === 408 || status === 429 || (status >= 500 && status <= 599);
}

const RETRYABLE_NETWORK_CODES = new Set([
	'ECONNRESET',
	'ECONNREFUSED',
	'ETIMEDOUT',
	'ECONNABORTED',
	'EPIPE',
	'EAI_AGAIN',
	'ENETUNREACH',
	'UND_ERR_SOCKET',
]);

export function isRetryableNetworkCode(code: unknown): boolean {
	return typeof code === 'string' && RETRYABLE_NETWORK_CODES.has(code);
}

/** `Retry-After` (seconds or an HTTP date) or `retry-after-ms`, in milliseconds. */
export function parseRetryAfter(
	headers: Record<string, unknown> | undefined,
	nowMs: number = Date.now(),
): number | undefined {
	if (!headers) return undefined;
	const header = (name: string) => {
		const value = headers[name] ?? headers[name.toLowerCase()];
		return Array.isArray(value) ? value[0] : value;
	};
	const ms = Number(header('retry-after-ms'));
	if (header('retry-after-ms') !== undefined && Number.isFinite(ms) && ms >= 0) return ms;
	const raw = header('retry-after');
	if (raw === undefined || raw === null || raw === '') return undefined;
	const seconds = Number(raw);
	if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
	const date = Date.parse(String(raw));
	return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}

/**
 * How long to wait before attempt `attempt + 1` (attempt counts from 1), or undefined when
 * no further attempt should be made.
 */
export function nextRetryDelay(
	attempt: number,
	retryAfterMs: number | undefined,
	policy: RetryPolicy = DEFAULT_RETRY_POLICY,
	random: () => number = Math.random,
): number | undefined {
	if (attempt >= policy.maxAttempts) return undefined;
	if (retryAfterMs !== undefined) {
		return retryAfterMs > policy.maxRetryAfterMs ? undefined : retryAfterMs;
	}
	const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
	return Math.round(exponential * (1 - random() * 0.25));
}
