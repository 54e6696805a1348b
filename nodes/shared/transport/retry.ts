import { parseBody } from './errors';

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

/**
 * A proto3 `google.protobuf.Duration` in its JSON form (`"12s"`, `"1.500s"`, `"0.000250s"`), or the
 * `{seconds, nanos}` object some gateways send, in milliseconds (rounded up: waiting a hair longer
 * than asked is safe, a hair shorter is another 429).
 */
export function parseProtoDuration(value: unknown): number | undefined {
	if (typeof value === 'string') {
		const match = /^\s*(\d+(?:\.\d+)?)s\s*$/.exec(value);
		return match ? Math.ceil(Number(match[1]) * 1000) : undefined;
	}
	if (value && typeof value === 'object') {
		const { seconds, nanos } = value as { seconds?: unknown; nanos?: unknown };
		const s = Number(seconds ?? 0);
		const n = Number(nanos ?? 0);
		if (!Number.isFinite(s) || !Number.isFinite(n) || (seconds === undefined && nanos === undefined)) return undefined;
		return Math.ceil(s * 1000 + n / 1e6);
	}
	return undefined;
}

/** One `google.rpc.QuotaFailure` violation (only the fields this node reads). */
export interface QuotaViolation {
	quotaId?: string;
	quotaMetric?: string;
	quotaValue?: string;
}

/** What a 429 says about when to try again and which quota ran out. */
export interface RetryHint {
	/** The longer of `Retry-After`/`retry-after-ms` and the body's `google.rpc.RetryInfo.retryDelay`. */
	delayMs?: number;
	violations: QuotaViolation[];
	/** A violated quota counts per day: waiting minutes will not help. */
	daily: boolean;
}

/** `error.details` of Google's error body; Vertex sometimes wraps the body in a one-element array. */
function errorDetails(body: unknown): unknown[] {
	const parsed = parseBody(body);
	const root = Array.isArray(parsed) ? parsed[0] : parsed;
	const details = (root as { error?: { details?: unknown } } | undefined)?.error?.details;
	return Array.isArray(details) ? details : [];
}

const typeOf = (detail: unknown) => String((detail as { '@type'?: unknown })?.['@type'] ?? '');

/**
 * Reads a 429: the header hint and the body's `google.rpc.RetryInfo` / `google.rpc.QuotaFailure`
 * details (googleapis/googleapis google/rpc/error_details.proto, in their JSON mapping:
 * `retryDelay` is a Duration string, violations carry `quotaId`, `quotaMetric`, `quotaValue`).
 */
export function parseRetryHint(
	headers: Record<string, unknown> | undefined,
	body: unknown,
	nowMs: number = Date.now(),
): RetryHint {
	const details = errorDetails(body);
	const fromHeader = parseRetryAfter(headers, nowMs);
	const retryInfo = details.find((detail) => typeOf(detail).endsWith('google.rpc.RetryInfo'));
	const fromBody = parseProtoDuration((retryInfo as { retryDelay?: unknown } | undefined)?.retryDelay);
	const delays = [fromHeader, fromBody].filter((ms): ms is number => ms !== undefined);
	const violations: QuotaViolation[] = details
		.filter((detail) => typeOf(detail).endsWith('google.rpc.QuotaFailure'))
		.flatMap((detail) => {
			const list = (detail as { violations?: unknown }).violations;
			return Array.isArray(list) ? list : [];
		})
		.map((violation: Record<string, unknown>) => ({
			...(typeof violation?.quotaId === 'string' ? { quotaId: violation.quotaId } : {}),
			...(typeof violation?.quotaMetric === 'string' ? { quotaMetric: violation.quotaMetric } : {}),
			...(violation?.quotaValue !== undefined ? { quotaValue: String(violation.quotaValue) } : {}),
		}));
	return {
		...(delays.length > 0 ? { delayMs: Math.max(...delays) } : {}),
		violations,
		daily: violations.some((violation) => /PerDay/i.test(violation.quotaId ?? '')),
	};
}
