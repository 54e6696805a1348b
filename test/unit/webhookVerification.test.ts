// Both webhook signature schemes Google uses: Standard Webhooks HMAC (project webhooks) and
// RS256 JWTs checked against a JWKS (per-request webhook_config). Signatures here are made with
// node:crypto directly, not with the code under test.
import { createHmac, generateKeyPairSync, randomBytes, sign as rsaSign, type KeyObject } from 'node:crypto';

import { DeliveryLedger } from '../../nodes/shared/webhooks/deliveryLedger';
import { clearJwksCache, verifyJwt } from '../../nodes/shared/webhooks/jwt';
import { verifyStandardWebhook, webhookHeaders } from '../../nodes/shared/webhooks/standardWebhooks';

describe('Standard Webhooks HMAC', () => {
	const secret = `whsec_${randomBytes(32).toString('base64')}`;
	const body = '{"type":"interaction.completed","data":{"id":"v1_abc"}}';
	const now = 1_760_000_000;
	const hmac = (key: string, id: string, ts: number, payload: string) =>
		createHmac('sha256', Buffer.from(key.slice(6), 'base64')).update(`${id}.${ts}.${payload}`).digest('base64');
	const headers = (signature: string, ts = now, id = 'msg_1') => ({ id, timestamp: String(ts), signature });

	it('accepts a good signature', () => {
		const result = verifyStandardWebhook({ headers: headers(`v1,${hmac(secret, 'msg_1', now, body)}`), rawBody: body, secrets: [secret], nowSeconds: now });
		expect(result).toEqual({ ok: true, webhookId: 'msg_1', timestamp: now });
	});

	it('refuses a signature over another body', () => {
		const result = verifyStandardWebhook({ headers: headers(`v1,${hmac(secret, 'msg_1', now, body)}`), rawBody: body.replace('abc', 'xyz'), secrets: [secret], nowSeconds: now });
		expect(result).toEqual({ ok: false, reason: 'bad_signature' });
	});

	it('refuses a signature made with another secret', () => {
		const other = `whsec_${randomBytes(32).toString('base64')}`;
		const result = verifyStandardWebhook({ headers: headers(`v1,${hmac(other, 'msg_1', now, body)}`), rawBody: body, secrets: [secret], nowSeconds: now });
		expect(result).toEqual({ ok: false, reason: 'bad_signature' });
	});

	it('refuses timestamps more than 5 minutes away', () => {
		const old = now - 301;
		const result = verifyStandardWebhook({ headers: headers(`v1,${hmac(secret, 'msg_1', old, body)}`, old), rawBody: body, secrets: [secret], nowSeconds: now });
		expect(result).toEqual({ ok: false, reason: 'stale_timestamp' });
		const edge = now - 300;
		expect(verifyStandardWebhook({ headers: headers(`v1,${hmac(secret, 'msg_1', edge, body)}`, edge), rawBody: body, secrets: [secret], nowSeconds: now }).ok).toBe(true);
	});

	it('during a rotation accepts any v1 entry made with a known secret, and either stored secret', () => {
		const rotated = `whsec_${randomBytes(32).toString('base64')}`;
		const signature = `v1,${hmac(rotated, 'msg_1', now, body)} v1,${hmac(secret, 'msg_1', now, body)}`;
		expect(verifyStandardWebhook({ headers: headers(signature), rawBody: body, secrets: [secret], nowSeconds: now }).ok).toBe(true);
		expect(verifyStandardWebhook({ headers: headers(signature), rawBody: body, secrets: [rotated], nowSeconds: now }).ok).toBe(true);
		const onlyNew = `v1,${hmac(rotated, 'msg_1', now, body)}`;
		expect(verifyStandardWebhook({ headers: headers(onlyNew), rawBody: body, secrets: [rotated, secret], nowSeconds: now }).ok).toBe(true);
	});

	it('ignores entries of other versions and refuses missing headers', () => {
		const good = hmac(secret, 'msg_1', now, body);
		expect(verifyStandardWebhook({ headers: headers(`v2,${good}`), rawBody: body, secrets: [secret], nowSeconds: now }).ok).toBe(false);
		expect(verifyStandardWebhook({ headers: { id: 'msg_1', signature: `v1,${good}` }, rawBody: body, secrets: [secret], nowSeconds: now })).toEqual({ ok: false, reason: 'missing_headers' });
	});

	it('reads the headers from n8n’s lower-cased header object', () => {
		expect(webhookHeaders({ 'webhook-id': 'msg_9', 'webhook-timestamp': '1', 'webhook-signature': 'v1,x' })).toEqual({ id: 'msg_9', timestamp: '1', signature: 'v1,x' });
	});

	it('the ledger lets a webhook-id through once (replay / duplicate delivery)', () => {
		const store = {};
		const ledger = new DeliveryLedger(store);
		expect(ledger.firstTime('msg_1', now)).toBe(true);
		expect(ledger.firstTime('msg_1', now + 5)).toBe(false);
		expect(new DeliveryLedger(store).firstTime('msg_1', now + 10)).toBe(false); // kept in the store
		expect(ledger.firstTime('msg_2', now + 10)).toBe(true);
		// Ids older than twice the tolerance are forgotten: such a replay fails the timestamp check instead.
		expect(ledger.firstTime('msg_1', now + 601)).toBe(true);
	});
});

describe('RS256 JWT with a JWKS', () => {
	const jwksUrl = 'https://keys.example/jwks.json';
	const now = 1_760_000_000_000;
	const nowS = now / 1000;
	const pair = () => generateKeyPairSync('rsa', { modulusLength: 2048 });
	const google = pair();
	const stranger = pair();
	const jwks = { keys: [{ ...google.publicKey.export({ format: 'jwk' }), kid: 'k1', alg: 'RS256', use: 'sig' }] };
	const b64 = (v: object) => Buffer.from(JSON.stringify(v)).toString('base64url');
	const jwt = (claims: object, key: KeyObject = google.privateKey, header: object = { alg: 'RS256', typ: 'JWT', kid: 'k1' }) => {
		const input = `${b64(header)}.${b64(claims)}`;
		return `${input}.${rsaSign('RSA-SHA256', Buffer.from(input), key).toString('base64url')}`;
	};
	const claims = { iss: 'https://generativelanguage.googleapis.com', aud: 'https://n8n.example/webhook-waiting/7', iat: nowS, exp: nowS + 300 };
	let fetches: string[];
	const fetchJwks = async (url: string) => {
		fetches.push(url);
		return jwks;
	};
	const check = (token: string, extra: Partial<Parameters<typeof verifyJwt>[1]> = {}) =>
		verifyJwt(token, { jwksUrl, fetchJwks, nowMs: now, audiences: [claims.aud], ...extra });

	beforeEach(() => {
		clearJwksCache();
		fetches = [];
	});

	it('accepts a token signed by the key its kid names, and caches the key set', async () => {
		await expect(check(jwt(claims))).resolves.toEqual({ ok: true, claims, kid: 'k1' });
		await expect(check(jwt(claims))).resolves.toMatchObject({ ok: true });
		expect(fetches).toEqual([jwksUrl]);
	});

	it('refuses a tampered payload', async () => {
		const [h, , s] = jwt(claims).split('.');
		await expect(check(`${h}.${b64({ ...claims, aud: 'https://evil.example' })}.${s}`)).resolves.toEqual({ ok: false, reason: 'bad_signature' });
	});

	it('refuses a token signed with another key under a known kid', async () => {
		await expect(check(jwt(claims, stranger.privateKey))).resolves.toEqual({ ok: false, reason: 'bad_signature' });
	});

	it('refuses an unknown kid (after one refetch of the key set)', async () => {
		await expect(check(jwt(claims, stranger.privateKey, { alg: 'RS256', kid: 'k2' }))).resolves.toEqual({ ok: false, reason: 'unknown_key' });
		expect(fetches).toHaveLength(1);
	});

	it('refuses an expired token and one issued in the future', async () => {
		await expect(check(jwt({ ...claims, iat: nowS - 900, exp: nowS - 61 }))).resolves.toEqual({ ok: false, reason: 'expired' });
		await expect(check(jwt({ ...claims, iat: nowS + 600, exp: nowS + 900 }))).resolves.toEqual({ ok: false, reason: 'not_yet_valid' });
	});

	it('refuses another audience, and alg other than RS256', async () => {
		await expect(check(jwt({ ...claims, aud: 'https://other.example/hook' }))).resolves.toEqual({ ok: false, reason: 'wrong_audience' });
		await expect(check(jwt(claims, google.privateKey, { alg: 'none', kid: 'k1' }))).resolves.toEqual({ ok: false, reason: 'unsupported_algorithm' });
		await expect(check('not.a-jwt')).resolves.toEqual({ ok: false, reason: 'malformed' });
	});

	it('uses the overridden JWKS URL and says when it cannot be fetched', async () => {
		await expect(check(jwt(claims), { jwksUrl: 'https://gateway.example/keys' })).resolves.toMatchObject({ ok: true });
		expect(fetches).toEqual(['https://gateway.example/keys']);
		const failing = async () => {
			throw new Error('ECONNREFUSED');
		};
		await expect(check(jwt(claims), { jwksUrl: 'https://down.example/keys', fetchJwks: failing })).resolves.toEqual({ ok: false, reason: 'jwks_unavailable' });
	});
});
