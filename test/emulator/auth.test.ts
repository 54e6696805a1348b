/* eslint-disable -- test code runs in Node, not in n8n: eslint.dev.config.mjs lints it instead of n8n's node rules */
import { generateKeyPairSync } from 'node:crypto';
import { startEmulator, type Emulator } from './index';
import { call, create, jwtClaims, mintToken, requestToken, signJwt, sleep } from './testUtils';

let emu: Emulator;
beforeAll(async () => {
	emu = await startEmulator({ accessTokens: ['static-token'] });
});
afterAll(() => emu.close());

const BODY = { model: 'gemini-3.5-flash', input: 'Hi' };
const ENTERPRISE = '/v1beta1/projects/my-proj/locations/us-central1/interactions';
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe('Gemini API keys', () => {
	it('accepts x-goog-api-key on v1 and v1beta and logs the scheme', async () => {
		emu.clearRequests();
		expect((await create(emu, BODY)).status).toBe(200);
		expect((await call(emu, 'POST', '/v1beta/interactions', BODY)).status).toBe(200);
		expect(emu.requests.map((r) => [r.apiVersion, r.family, r.auth])).toEqual([
			['v1', 'gemini', { scheme: 'api-key', valid: true }],
			['v1beta', 'gemini', { scheme: 'api-key', valid: true }],
		]);
		expect(emu.requests[0].headers['x-goog-api-key']).toBe('<redacted>');
	});

	it('accepts ?key= but logs it as query-key, redacted', async () => {
		emu.clearRequests();
		expect((await call(emu, 'POST', '/v1/interactions?key=test-api-key', BODY, {})).status).toBe(200);
		expect(emu.requests[0]).toMatchObject({ auth: { scheme: 'query-key', valid: true }, query: { key: '<redacted>' }, url: '/v1/interactions?key=<redacted>' });
	});

	it('answers Google-shaped 401/403 for invalid or missing keys', async () => {
		const invalid = await create(emu, BODY, { 'x-goog-api-key': 'wrong' });
		expect([invalid.status, invalid.json]).toEqual([
			401,
			{ error: { code: 401, message: 'API key not valid. Please pass a valid API key.', status: 'UNAUTHENTICATED' } },
		]);
		const missing = await create(emu, BODY, {});
		expect([missing.status, missing.json.error.status]).toEqual([403, 'PERMISSION_DENIED']);
		expect(JSON.stringify(emu.requests)).not.toContain('wrong');
	});

	it('tolerates a gateway prefix and serves express mode', async () => {
		expect((await call(emu, 'POST', '/gw/some/v1/interactions', BODY)).status).toBe(200);
		emu.clearRequests();
		expect((await call(emu, 'POST', '/v1beta1/interactions', BODY)).status).toBe(200);
		expect(emu.requests[0]).toMatchObject({ family: 'express', apiVersion: 'v1beta1' });
	});

	it('answers 404 with a JSON body for unknown routes', async () => {
		const res = await call(emu, 'GET', '/v1/nothing-here');
		expect([res.status, res.json.error.status]).toEqual([404, 'NOT_FOUND']);
	});
});

describe('model lists', () => {
	it('lists Gemini models with pagination', async () => {
		const all = await call(emu, 'GET', '/v1beta/models');
		const names = all.json.models.map((m: any) => m.name);
		expect(names).toEqual(expect.arrayContaining(['models/gemini-3.5-flash', 'models/gemini-3.5-pro', 'models/gemini-3-flash-preview', 'models/gemini-3.1-flash-lite', 'models/gemini-2.5-flash', 'models/text-embedding-004', 'models/imagen-4.0-generate']));
		expect(all.json.models[0]).toMatchObject({ displayName: expect.any(String), description: expect.any(String), supportedGenerationMethods: ['generateContent', 'countTokens'] });
		expect(all.json).not.toHaveProperty('nextPageToken');
		const page = await call(emu, 'GET', '/v1/models?pageSize=3');
		expect(page.json.models).toHaveLength(3);
		const rest = await call(emu, 'GET', `/v1/models?pageSize=100&pageToken=${page.json.nextPageToken}`);
		expect([...page.json.models, ...rest.json.models].map((m: any) => m.name)).toEqual(names);
		expect((await call(emu, 'GET', '/v1/models/gemini-3.5-pro')).json.name).toBe('models/gemini-3.5-pro');
		expect((await call(emu, 'GET', '/v1/models', undefined, {})).status).toBe(403);
	});

	it('lists Vertex publisher models with a bearer token', async () => {
		const res = await call(emu, 'GET', '/v1beta1/publishers/google/models?pageSize=2', undefined, bearer('static-token'));
		expect(res.json.publisherModels[0]).toMatchObject({ name: 'publishers/google/models/gemini-3.5-flash', versionId: expect.any(String), launchStage: 'GA' });
		expect(res.json.nextPageToken).toEqual(expect.any(String));
		expect((await call(emu, 'GET', '/v1beta1/publishers/google/models')).status).toBe(401);
	});
});

describe('enterprise bearer tokens', () => {
	it('accepts minted and static tokens and records project, location and principal', async () => {
		const key = emu.createServiceAccountKey({ projectId: 'my-proj' });
		expect(key).toMatchObject({ type: 'service_account', project_id: 'my-proj', token_uri: emu.tokenUrl, client_email: expect.stringMatching(/@my-proj\.iam\.gserviceaccount\.com$/) });
		expect(key.private_key).toMatch(/^-----BEGIN PRIVATE KEY-----/);
		const token = await requestToken(emu, signJwt(key.private_key, jwtClaims(key.client_email, key.token_uri)));
		expect(token).toEqual({ status: 200, json: { access_token: expect.stringMatching(/^ya29\.emu-/), expires_in: 3599, token_type: 'Bearer' } });
		emu.clearRequests();
		expect((await call(emu, 'POST', ENTERPRISE, BODY, bearer(token.json.access_token))).status).toBe(200);
		expect((await call(emu, 'POST', ENTERPRISE, BODY, bearer('static-token'))).status).toBe(200);
		expect(emu.requests.map((r) => [r.family, r.project, r.location, r.auth])).toEqual([
			['enterprise', 'my-proj', 'us-central1', { scheme: 'bearer', valid: true, principal: key.client_email }],
			['enterprise', 'my-proj', 'us-central1', { scheme: 'bearer', valid: true }],
		]);
		expect(emu.requests[0].headers.authorization).toBe('<redacted>');
	});

	it('answers 401 for missing, unknown, API-key and revoked credentials', async () => {
		const token = await mintToken(emu);
		const statuses = [
			(await call(emu, 'POST', ENTERPRISE, BODY, {})).json,
			(await call(emu, 'POST', ENTERPRISE, BODY, bearer('ya29.unknown'))).json,
			(await call(emu, 'POST', ENTERPRISE, BODY)).json,
		];
		expect(statuses.map((b) => [b.error.code, b.error.status])).toEqual(Array(3).fill([401, 'UNAUTHENTICATED']));
		expect(statuses[2].error.message).toMatch(/API keys are not supported/);
		expect((await call(emu, 'POST', ENTERPRISE, BODY, bearer(token))).status).toBe(200);
		emu.revokeTokens();
		expect((await call(emu, 'POST', ENTERPRISE, BODY, bearer(token))).status).toBe(401);
		expect((await call(emu, 'POST', ENTERPRISE, BODY, bearer('static-token'))).status).toBe(200);
	});

	it('expires minted tokens after tokenTtlSeconds', async () => {
		const short = await startEmulator({ tokenTtlSeconds: 0.05 });
		try {
			const token = await mintToken(short);
			await sleep(80);
			expect((await call(short, 'POST', ENTERPRISE, BODY, bearer(token))).status).toBe(401);
		} finally {
			await short.close();
		}
	});

	it('keeps interactions separate per project/location', async () => {
		const made = await call(emu, 'POST', ENTERPRISE, BODY, bearer('static-token'));
		const other = await call(emu, 'GET', `/v1beta1/projects/other/locations/us-central1/interactions/${made.json.id}`, undefined, bearer('static-token'));
		expect(other.status).toBe(404);
		expect((await call(emu, 'GET', `/v1/interactions/${made.json.id}`)).status).toBe(404);
	});
});

describe('token endpoint', () => {
	const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
	const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
	const email = 'outside@elsewhere.iam.gserviceaccount.com';
	beforeAll(() => emu.registerServiceAccount(email, publicKey.export({ type: 'spki', format: 'pem' }).toString()));

	it('accepts a JWT of a registered key and logs the request without the assertion', async () => {
		emu.clearRequests();
		const res = await requestToken(emu, signJwt(pem, jwtClaims(email, emu.tokenUrl)));
		expect(res.status).toBe(200);
		expect(emu.requests[0]).toMatchObject({
			path: '/token',
			family: 'oauth',
			auth: { valid: true, principal: email },
			body: { grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: '<redacted>' },
		});
		expect(JSON.stringify(emu.requests)).not.toContain(res.json.access_token);
	});

	const now = () => Math.floor(Date.now() / 1000);
	it.each([
		['a bad signature', () => signJwt(generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), jwtClaims(email, emu.tokenUrl)), 'invalid_grant', 'Invalid JWT Signature.'],
		['an unknown account', () => signJwt(pem, jwtClaims('nobody@x.iam.gserviceaccount.com', emu.tokenUrl)), 'invalid_grant', 'Invalid grant: account not found'],
		['a wrong audience', () => signJwt(pem, jwtClaims(email, 'https://oauth2.googleapis.com/token')), 'invalid_grant', /Failed audience check/],
		['a missing scope', () => signJwt(pem, jwtClaims(email, emu.tokenUrl, { scope: 'openid' })), 'invalid_scope', /Invalid OAuth scope/],
		['an iat in the future', () => signJwt(pem, jwtClaims(email, emu.tokenUrl, { iat: now() + 600, exp: now() + 1200 })), 'invalid_grant', /short-lived token/],
		['an expired exp', () => signJwt(pem, jwtClaims(email, emu.tokenUrl, { iat: now() - 7200, exp: now() - 3600 })), 'invalid_grant', /short-lived token/],
		['a lifetime over an hour', () => signJwt(pem, jwtClaims(email, emu.tokenUrl, { exp: now() + 7200 })), 'invalid_grant', /short-lived token/],
		['HS256', () => signJwt(pem, jwtClaims(email, emu.tokenUrl), 'HS256'), 'invalid_grant', 'Invalid JWT Signature.'],
		['garbage', () => 'not-a-jwt', 'invalid_grant', /malformed/],
	])('rejects %s with 400 %s', async (_name, assertion, error, description) => {
		const res = await requestToken(emu, assertion());
		expect(res.status).toBe(400);
		expect(res.json.error).toBe(error);
		expect(res.json.error_description).toEqual(typeof description === 'string' ? description : expect.stringMatching(description));
	});

	it('rejects other grant types', async () => {
		const res = await requestToken(emu, 'x', 'client_credentials');
		expect([res.status, res.json.error]).toEqual([400, 'unsupported_grant_type']);
	});
});
