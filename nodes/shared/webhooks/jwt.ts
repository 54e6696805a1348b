import { createPublicKey, verify, type JsonWebKey } from 'node:crypto';

/**
 * RS256 JWTs checked against a JSON Web Key Set, as Google signs per-request webhooks
 * (`webhook-signature`, keys at https://generativelanguage.googleapis.com/.well-known/jwks.json).
 * Google has not documented the token's claims; what is checked: the signature with the key named by
 * `kid`, `exp` (when present), `iat` not in the future, and `aud` when the caller knows what it should be.
 */

export const GOOGLE_WEBHOOK_JWKS_URL = 'https://generativelanguage.googleapis.com/.well-known/jwks.json';
const CLOCK_LEEWAY_SECONDS = 60;
const JWKS_TTL_MS = 60 * 60 * 1000;
/** An unknown kid refetches the key set, but not more often than this (a flood of forged kids). */
const JWKS_REFETCH_MIN_MS = 30 * 1000;

export interface JwtClaims {
	iss?: string;
	aud?: string | string[];
	exp?: number;
	iat?: number;
	[claim: string]: unknown;
}

export type JwtCheck =
	| { ok: true; claims: JwtClaims; kid: string }
	| {
			ok: false;
			reason: 'malformed' | 'unsupported_algorithm' | 'unknown_key' | 'bad_signature' | 'expired' | 'not_yet_valid' | 'wrong_audience' | 'jwks_unavailable';
	  };

type JwkWithKid = JsonWebKey & { kid?: string };
export type FetchJwks = (url: string) => Promise<unknown>;

interface CachedKeySet {
	keys: JwkWithKid[];
	fetchedAt: number;
}

/** Key sets by URL, shared by every execution in this n8n process. */
const cache = new Map<string, CachedKeySet>();

export function clearJwksCache(): void {
	cache.clear();
}

function decodeSegment(segment: string): unknown {
	return JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
}

function keysOf(document: unknown): JwkWithKid[] {
	const keys = (document as { keys?: unknown })?.keys;
	return Array.isArray(keys) ? (keys.filter((k) => k && typeof k === 'object') as JwkWithKid[]) : [];
}

async function keyFor(kid: string, url: string, fetchJwks: FetchJwks, now: number): Promise<JwkWithKid | 'unavailable' | undefined> {
	let entry = cache.get(url);
	const find = () => entry?.keys.find((k) => k.kid === kid);
	const stale = !entry || now - entry.fetchedAt > JWKS_TTL_MS;
	const mayRefetch = !entry || now - entry.fetchedAt > JWKS_REFETCH_MIN_MS;
	if (stale || (!find() && mayRefetch)) {
		try {
			entry = { keys: keysOf(await fetchJwks(url)), fetchedAt: now };
			cache.set(url, entry);
		} catch {
			if (!entry) return 'unavailable';
		}
	}
	return find();
}

function audienceMatches(aud: JwtClaims['aud'], expected: string[]): boolean {
	const values = Array.isArray(aud) ? aud : [aud];
	return values.some((value) => typeof value === 'string' && expected.includes(value));
}

export async function verifyJwt(
	token: string,
	options: {
		jwksUrl: string;
		fetchJwks: FetchJwks;
		/** Accepted `aud` values; a token without `aud` passes (Google has not documented it). */
		audiences?: string[];
		nowMs?: number;
	},
): Promise<JwtCheck> {
	const parts = token.trim().split('.');
	if (parts.length !== 3) return { ok: false, reason: 'malformed' };
	let header: { alg?: string; kid?: string };
	let claims: JwtClaims;
	try {
		header = decodeSegment(parts[0]) as typeof header;
		claims = decodeSegment(parts[1]) as JwtClaims;
	} catch {
		return { ok: false, reason: 'malformed' };
	}
	if (!claims || typeof claims !== 'object') return { ok: false, reason: 'malformed' };
	if (header.alg !== 'RS256') return { ok: false, reason: 'unsupported_algorithm' };
	if (typeof header.kid !== 'string') return { ok: false, reason: 'unknown_key' };
	const now = options.nowMs ?? Date.now();
	const jwk = await keyFor(header.kid, options.jwksUrl, options.fetchJwks, now);
	if (jwk === 'unavailable') return { ok: false, reason: 'jwks_unavailable' };
	if (!jwk) return { ok: false, reason: 'unknown_key' };
	let signatureOk = false;
	try {
		const key = createPublicKey({ key: jwk, format: 'jwk' });
		signatureOk = verify('RSA-SHA256', Buffer.from(`${parts[0]}.${parts[1]}`), key, Buffer.from(parts[2], 'base64url'));
	} catch {
		signatureOk = false;
	}
	if (!signatureOk) return { ok: false, reason: 'bad_signature' };
	const nowSeconds = Math.floor(now / 1000);
	if (typeof claims.exp === 'number' && claims.exp + CLOCK_LEEWAY_SECONDS < nowSeconds) return { ok: false, reason: 'expired' };
	if (typeof claims.iat === 'number' && claims.iat - CLOCK_LEEWAY_SECONDS > nowSeconds) return { ok: false, reason: 'not_yet_valid' };
	if (claims.aud !== undefined && options.audiences && !audienceMatches(claims.aud, options.audiences)) {
		return { ok: false, reason: 'wrong_audience' };
	}
	return { ok: true, claims, kid: header.kid };
}
