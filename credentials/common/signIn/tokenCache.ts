import { createHash } from 'node:crypto';

import type { TokenGrant } from './types';
import { SignInError } from './types';

/**
 * A token this close to its expiry is renewed before use rather than sent to be refused: a
 * minute, or a quarter of a lifetime shorter than four minutes.
 */
const EXPIRY_MARGIN_MS = 60_000;
/** How long a refused sign-in is answered from memory, so a batch gets one refusal, not one per item. */
export const REFUSAL_MEMORY_MS = 30_000;

interface Entry {
	token?: string;
	/** When to stop handing the token out; undefined when the issuer gave no lifetime (then only a 401 ends it). */
	renewAt?: number;
	pending?: Promise<string>;
	refusal?: { error: Error; until: number };
}

/**
 * Access tokens by secret, one fetch at a time: concurrent callers share the fetch in flight,
 * later callers get the cached token until it nears its expiry or is reported rejected, and a
 * refused fetch is remembered briefly. Keys are hashes; no secret is kept as a key.
 */
export class TokenCache {
	private readonly entries = new Map<string, Entry>();

	constructor(private readonly now: () => number = () => Date.now()) {}

	static key(method: string, identity: string): string {
		return createHash('sha256').update(`${method}\0${identity}`).digest('hex');
	}

	/** The cached token when it is still good; never fetches. */
	current(key: string): string | undefined {
		const entry = this.entries.get(key);
		return entry?.token !== undefined && this.fresh(entry) ? entry.token : undefined;
	}

	/**
	 * A usable token: the cached one, the fetch in flight, or a new fetch. `rejected` is a token a
	 * server just refused with 401: it is not handed out again.
	 */
	async token(key: string, fetch: () => Promise<TokenGrant>, rejected?: string): Promise<string> {
		let entry = this.entries.get(key);
		if (!entry) {
			entry = {};
			this.entries.set(key, entry);
		}
		if (entry.pending) return await entry.pending;
		if (entry.token !== undefined && entry.token !== rejected && this.fresh(entry)) return entry.token;
		if (entry.refusal && entry.refusal.until > this.now()) throw entry.refusal.error;
		const target = entry;
		const pending = fetch().then(
			(grant) => {
				target.token = grant.accessToken;
				const lifetimeMs = grant.expiresInSeconds === undefined ? undefined : grant.expiresInSeconds * 1000;
				target.renewAt =
					lifetimeMs === undefined ? undefined : this.now() + lifetimeMs - Math.min(EXPIRY_MARGIN_MS, lifetimeMs / 4);
				target.refusal = undefined;
				return grant.accessToken;
			},
			(error: unknown) => {
				target.token = undefined;
				if (error instanceof SignInError && error.refused) {
					target.refusal = { error, until: this.now() + REFUSAL_MEMORY_MS };
				}
				throw error;
			},
		);
		target.pending = pending;
		try {
			return await pending;
		} finally {
			target.pending = undefined;
		}
	}

	private fresh(entry: Entry): boolean {
		return entry.renewAt === undefined || entry.renewAt > this.now();
	}
}

/** One cache per n8n process: every execution and item signing in with the same secret shares it. */
export const enterpriseTokens = new TokenCache();
