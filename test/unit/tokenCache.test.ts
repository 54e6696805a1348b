import { REFUSAL_MEMORY_MS, TokenCache } from '../../credentials/common/signIn/tokenCache';
import { SignInError } from '../../credentials/common/signIn/types';

/** A fetch whose answers the test releases one at a time, counting the calls. */
function controlledFetch() {
	const calls: Array<{ resolve: (token: string, ttl?: number) => void; reject: (error: Error) => void }> = [];
	const fetch = () =>
		new Promise<{ accessToken: string; expiresInSeconds?: number }>((resolve, reject) => {
			calls.push({ resolve: (accessToken, expiresInSeconds) => resolve({ accessToken, expiresInSeconds }), reject });
		});
	return { fetch, calls };
}

const flush = async () => await new Promise((resolve) => setImmediate(resolve));

describe('TokenCache', () => {
	let now: number;
	let cache: TokenCache;
	const key = TokenCache.key('serviceAccount', 'sa@example.iam');
	beforeEach(() => {
		now = 1_000_000;
		cache = new TokenCache(() => now);
	});

	it('lets concurrent callers share one fetch', async () => {
		const { fetch, calls } = controlledFetch();
		const callers = Array.from({ length: 10 }, async () => await cache.token(key, fetch));
		await flush();
		expect(calls).toHaveLength(1);
		calls[0].resolve('tok-1', 3600);
		expect(await Promise.all(callers)).toEqual(Array(10).fill('tok-1'));
	});

	it('answers later callers from the cache until the token nears its expiry', async () => {
		const { fetch, calls } = controlledFetch();
		const first = cache.token(key, fetch);
		await flush();
		calls[0].resolve('tok-1', 3600);
		await first;
		now += 3600_000 - 61_000;
		expect(await cache.token(key, fetch)).toBe('tok-1');
		expect(cache.current(key)).toBe('tok-1');
		now += 2_000; // within the last minute: renewed before use
		expect(cache.current(key)).toBeUndefined();
		const renewed = cache.token(key, fetch);
		await flush();
		expect(calls).toHaveLength(2);
		calls[1].resolve('tok-2', 3600);
		expect(await renewed).toBe('tok-2');
	});

	it('shares one refresh among the requests that were refused with the same token', async () => {
		const { fetch, calls } = controlledFetch();
		const first = cache.token(key, fetch);
		await flush();
		calls[0].resolve('tok-1'); // no lifetime given: only a 401 ends it
		await first;
		const refused = Array.from({ length: 5 }, async () => await cache.token(key, fetch, 'tok-1'));
		await flush();
		expect(calls).toHaveLength(2);
		calls[1].resolve('tok-2');
		expect(await Promise.all(refused)).toEqual(Array(5).fill('tok-2'));
		// a request that still carried the old token and was refused after the refresh gets the new one
		expect(await cache.token(key, fetch, 'tok-1')).toBe('tok-2');
		expect(calls).toHaveLength(2);
	});

	it('gives every waiting caller the refusal, and remembers it briefly instead of asking again', async () => {
		const { fetch, calls } = controlledFetch();
		const callers = Array.from({ length: 5 }, async () => await cache.token(key, fetch).catch((error: Error) => error));
		await flush();
		calls[0].reject(new SignInError('invalid_grant: Invalid JWT Signature.'));
		const errors = await Promise.all(callers);
		expect(errors.map((error) => (error as Error).message)).toEqual(Array(5).fill('invalid_grant: Invalid JWT Signature.'));
		await expect(cache.token(key, fetch)).rejects.toThrow('invalid_grant');
		expect(calls).toHaveLength(1);
		now += REFUSAL_MEMORY_MS + 1;
		const retried = cache.token(key, fetch);
		await flush();
		expect(calls).toHaveLength(2);
		calls[1].resolve('tok-ok', 3600);
		expect(await retried).toBe('tok-ok');
	});

	it('renews a short-lived token at three quarters of its lifetime', async () => {
		const { fetch, calls } = controlledFetch();
		const first = cache.token(key, fetch);
		await flush();
		calls[0].resolve('short', 8);
		await first;
		now += 5_900;
		expect(cache.current(key)).toBe('short');
		now += 200;
		expect(cache.current(key)).toBeUndefined();
	});

	it('does not remember a failure to reach the issuer', async () => {
		const { fetch, calls } = controlledFetch();
		const first = cache.token(key, fetch);
		await flush();
		calls[0].reject(new SignInError('could not reach the token endpoint', false));
		await expect(first).rejects.toThrow('could not reach');
		const second = cache.token(key, fetch);
		await flush();
		expect(calls).toHaveLength(2);
		calls[1].resolve('tok-1');
		expect(await second).toBe('tok-1');
	});

	it('keeps secrets apart: another identity has its own token', async () => {
		const { fetch, calls } = controlledFetch();
		const other = TokenCache.key('serviceAccount', 'other@example.iam');
		expect(other).not.toBe(key);
		expect(other).not.toContain('other@example.iam');
		const a = cache.token(key, fetch);
		const b = cache.token(other, fetch);
		await flush();
		expect(calls).toHaveLength(2);
		calls[0].resolve('tok-a');
		calls[1].resolve('tok-b');
		expect([await a, await b]).toEqual(['tok-a', 'tok-b']);
	});
});
