import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Standard Webhooks 1.0 signatures, as Google signs project webhooks
 * (https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md):
 * `webhook-signature` holds space-separated `v1,<base64 HMAC-SHA256>` entries (several while a secret
 * is rotated) over `{webhook-id}.{webhook-timestamp}.{raw body}`, keyed with the base64-decoded secret
 * after `whsec_`.
 */

export const DEFAULT_TOLERANCE_SECONDS = 5 * 60;

export interface WebhookHeaders {
	id?: string;
	timestamp?: string;
	signature?: string;
}

export type SignatureCheck =
	| { ok: true; webhookId: string; timestamp: number }
	| { ok: false; reason: 'missing_headers' | 'stale_timestamp' | 'bad_signature' | 'no_secret' };

/** Reads the three headers from n8n's lower-cased header object. */
export function webhookHeaders(headers: Record<string, unknown>): WebhookHeaders {
	const one = (name: string) => {
		const value = headers[name];
		return typeof value === 'string' ? value : Array.isArray(value) ? String(value[0]) : undefined;
	};
	return { id: one('webhook-id'), timestamp: one('webhook-timestamp'), signature: one('webhook-signature') };
}

/** Seconds since the epoch, or undefined when the header is not an integer. */
export function parseTimestamp(value: string | undefined): number | undefined {
	if (value === undefined || !/^\d{1,12}$/.test(value)) return undefined;
	return Number(value);
}

export function isFresh(timestamp: number, nowSeconds: number, toleranceSeconds = DEFAULT_TOLERANCE_SECONDS): boolean {
	return Math.abs(nowSeconds - timestamp) <= toleranceSeconds;
}

function secretKey(secret: string): Buffer {
	return Buffer.from(secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : secret, 'base64');
}

export function sign(secret: string, id: string, timestamp: number, rawBody: string | Buffer): string {
	const mac = createHmac('sha256', secretKey(secret));
	mac.update(`${id}.${timestamp}.`);
	mac.update(rawBody);
	return mac.digest('base64');
}

function sameBytes(a: string, b: string): boolean {
	const left = Buffer.from(a);
	const right = Buffer.from(b);
	return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * Checks one delivery against every secret that may have signed it (current and, during a rotation,
 * previous). Replays are not detected here: see `DeliveryLedger`.
 */
export function verifyStandardWebhook(input: {
	headers: WebhookHeaders;
	rawBody: string | Buffer;
	secrets: string[];
	nowSeconds?: number;
	toleranceSeconds?: number;
}): SignatureCheck {
	const { id, signature } = input.headers;
	const timestamp = parseTimestamp(input.headers.timestamp);
	if (!id || !signature || timestamp === undefined) return { ok: false, reason: 'missing_headers' };
	const secrets = input.secrets.filter((s) => s.length > 0);
	if (secrets.length === 0) return { ok: false, reason: 'no_secret' };
	const now = input.nowSeconds ?? Math.floor(Date.now() / 1000);
	if (!isFresh(timestamp, now, input.toleranceSeconds)) return { ok: false, reason: 'stale_timestamp' };
	const offered = signature
		.split(' ')
		.map((entry) => entry.split(','))
		.filter(([version, value]) => version === 'v1' && value)
		.map(([, value]) => value);
	const expected = secrets.map((secret) => sign(secret, id, timestamp, input.rawBody));
	// Compare every pair so the time taken does not depend on which entry matched.
	let matched = false;
	for (const candidate of offered) {
		for (const good of expected) matched = sameBytes(candidate, good) || matched;
	}
	return matched ? { ok: true, webhookId: id, timestamp } : { ok: false, reason: 'bad_signature' };
}
