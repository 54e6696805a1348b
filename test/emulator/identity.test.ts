import { Gaxios, instance as gaxiosDefault } from 'gaxios';
import { Compute, IdentityPoolClient, Impersonated, UserRefreshClient } from 'google-auth-library';

import { startEmulator, type Emulator } from './index';

// The emulator's identity endpoints, driven by Google's own google-auth-library. Under Jest,
// gaxios must be handed Node's fetch (its default loader needs --experimental-vm-modules).
const transporterOptions = { fetchImplementation: fetch };
gaxiosDefault.defaults = { ...gaxiosDefault.defaults, fetchImplementation: fetch };

/** An IdentityPoolClient whose STS helper (which builds its own gaxios) gets Node's fetch too. */
function identityPoolClient(config: ReturnType<Emulator['createExternalAccount']>) {
	const client = new IdentityPoolClient({ ...config, transporterOptions });
	(client as unknown as { stsCredential: { transporter: Gaxios } }).stsCredential.transporter = new Gaxios(transporterOptions);
	return client;
}

let emu: Emulator;
beforeAll(async () => {
	emu = await startEmulator();
});
afterAll(() => emu.close());
beforeEach(() => emu.clearRequests());

const CLOUD_PLATFORM = 'https://www.googleapis.com/auth/cloud-platform';
const TARGET = 'impersonated@emulator-project.iam.gserviceaccount.com';
const AGENTS = '/v1beta1/projects/emulator-project/locations/global/agents';

/** What the API says about a token: 200 when it is accepted, with the principal the log recorded. */
async function useToken(token: string | null | undefined) {
	const response = await fetch(`${emu.url}${AGENTS}`, { headers: { authorization: `Bearer ${token}` } });
	return { status: response.status, principal: emu.requests.at(-1)?.auth.principal };
}

describe('OAuth refresh grant (UserRefreshClient)', () => {
	it('gives an access token for the refresh token of an ADC user JSON', async () => {
		const adc = emu.createAuthorizedUser({ quotaProjectId: 'quota-project' });
		const client = new UserRefreshClient({
			clientId: adc.client_id,
			clientSecret: adc.client_secret,
			refreshToken: adc.refresh_token,
			endpoints: { oauth2TokenUrl: emu.tokenUrl },
			transporterOptions,
		});
		const { token } = await client.getAccessToken();
		expect(token).toMatch(/^ya29\.emu-/);
		const [grant] = emu.requests;
		expect(grant).toMatchObject({ path: '/token', family: 'oauth', status: 200 });
		expect(grant.body).toMatchObject({ grant_type: 'refresh_token', client_id: adc.client_id, refresh_token: '<redacted>', client_secret: '<redacted>' });
		expect(await useToken(token)).toEqual({ status: 200, principal: 'user1@example.com' });
	});

	it("refuses a wrong client secret with OAuth's invalid_client", async () => {
		const adc = emu.createAuthorizedUser();
		const client = new UserRefreshClient({
			clientId: adc.client_id,
			clientSecret: 'wrong',
			refreshToken: adc.refresh_token,
			endpoints: { oauth2TokenUrl: emu.tokenUrl },
			transporterOptions,
		});
		await expect(client.getAccessToken()).rejects.toMatchObject({ status: 401, response: { data: { error: 'invalid_client' } } });
	});
});

describe('metadata server (Compute with GCE_METADATA_HOST)', () => {
	const saved = process.env.GCE_METADATA_HOST;
	beforeAll(() => {
		process.env.GCE_METADATA_HOST = new URL(emu.url).host;
	});
	afterAll(() => {
		if (saved === undefined) delete process.env.GCE_METADATA_HOST;
		else process.env.GCE_METADATA_HOST = saved;
	});

	it("hands out the runtime service account's token to a request with Metadata-Flavor: Google", async () => {
		const { token } = await new Compute({ transporterOptions }).getAccessToken();
		const [request] = emu.requests;
		expect(request).toMatchObject({ path: '/computeMetadata/v1/instance/service-accounts/default/token', family: 'metadata' });
		expect(request.headers['metadata-flavor']).toBe('Google');
		expect(await useToken(token)).toEqual({ status: 200, principal: 'emulator-runtime@emulator-project.iam.gserviceaccount.com' });
	});

	it('answers the project ID as text, and 403 without the header', async () => {
		const withHeader = await fetch(`${emu.url}/computeMetadata/v1/project/project-id`, { headers: { 'Metadata-Flavor': 'Google' } });
		expect(await withHeader.text()).toBe('emulator-project');
		const without = await fetch(`${emu.url}/computeMetadata/v1/project/project-id`);
		expect(without.status).toBe(403);
		expect(await without.text()).toMatch(/Metadata-Flavor/);
	});
});

describe('STS token exchange (IdentityPoolClient with a URL source)', () => {
	it.each(['json', 'text'] as const)('exchanges the subject token the IdP served (%s format)', async (format) => {
		const client = identityPoolClient(emu.createExternalAccount({ format }));
		const { token } = await client.getAccessToken();
		const [idp, sts] = emu.requests;
		expect(idp).toMatchObject({ path: '/external-idp/token', family: 'idp', status: 200 });
		expect(idp.headers.metadata).toBe('True');
		expect(sts).toMatchObject({ path: '/v1/token', family: 'sts', status: 200 });
		expect(sts.body).toMatchObject({
			grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
			requested_token_type: 'urn:ietf:params:oauth:token-type:access_token',
			subject_token_type: 'urn:ietf:params:oauth:token-type:jwt',
			scope: CLOUD_PLATFORM,
			subject_token: '<redacted>',
		});
		expect((await useToken(token)).principal).toMatch(/^principal:\/\/iam\.googleapis\.com\/projects\/123456789\/.*\/subject\/workload-/);
	});

	it('then impersonates the service account the configuration names', async () => {
		const client = identityPoolClient(emu.createExternalAccount({ impersonate: TARGET }));
		const { token } = await client.getAccessToken();
		expect(emu.requests.map((entry) => entry.family)).toEqual(['idp', 'sts', 'iam']);
		expect(emu.requests[2].body).toMatchObject({ scope: [CLOUD_PLATFORM] });
		expect(await useToken(token)).toEqual({ status: 200, principal: TARGET });
	});

	it("refuses a subject token it did not issue, in OAuth's error shape", async () => {
		const response = await fetch(`${emu.url}/v1/token`, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({
				grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
				requested_token_type: 'urn:ietf:params:oauth:token-type:access_token',
				subject_token_type: 'urn:ietf:params:oauth:token-type:jwt',
				audience: '//iam.googleapis.com/projects/1/locations/global/workloadIdentityPools/p/providers/q',
				scope: CLOUD_PLATFORM,
				subject_token: 'forged',
			}),
		});
		expect(response.status).toBe(400);
		expect(await response.json()).toEqual({ error: 'invalid_grant', error_description: 'The given subject token is invalid or has expired.' });
	});
});

describe('IAM generateAccessToken (Impersonated)', () => {
	const sourceClient = () => {
		const adc = emu.createAuthorizedUser();
		return new UserRefreshClient({
			clientId: adc.client_id,
			clientSecret: adc.client_secret,
			refreshToken: adc.refresh_token,
			endpoints: { oauth2TokenUrl: emu.tokenUrl },
			transporterOptions,
		});
	};

	it("gives the target's token to a caller with a valid token", async () => {
		const client = new Impersonated({ sourceClient: sourceClient(), targetPrincipal: TARGET, targetScopes: [CLOUD_PLATFORM], lifetime: 3600, endpoint: emu.url, transporterOptions });
		const { token } = await client.getAccessToken();
		const iam = emu.requests.find((entry) => entry.family === 'iam');
		expect(iam).toMatchObject({ path: `/v1/projects/-/serviceAccounts/${TARGET}:generateAccessToken`, status: 200, auth: { valid: true } });
		expect(iam?.body).toEqual({ scope: [CLOUD_PLATFORM], lifetime: '3600s', delegates: [] });
		expect(await useToken(token)).toEqual({ status: 200, principal: TARGET });
	});

	it("answers 403 PERMISSION_DENIED for a service account it does not know, 401 for a bad caller token", async () => {
		const client = new Impersonated({ sourceClient: sourceClient(), targetPrincipal: 'nobody@x.iam.gserviceaccount.com', targetScopes: [CLOUD_PLATFORM], endpoint: emu.url, transporterOptions });
		await expect(client.getAccessToken()).rejects.toThrow(/iam\.serviceAccounts\.getAccessToken' denied/);
		const response = await fetch(`${emu.url}/v1/projects/-/serviceAccounts/${TARGET}:generateAccessToken`, {
			method: 'POST',
			headers: { authorization: 'Bearer forged', 'content-type': 'application/json' },
			body: JSON.stringify({ scope: [CLOUD_PLATFORM] }),
		});
		expect(response.status).toBe(401);
		expect(await response.json()).toMatchObject({ error: { code: 401, status: 'UNAUTHENTICATED' } });
	});
});

describe('Vertex express mode', () => {
	it('serves interactions and agents with an API key and no project in the path', async () => {
		const headers = { 'x-goog-api-key': 'test-api-key' };
		expect((await fetch(`${emu.url}/v1beta1/agents`, { headers })).status).toBe(200);
		expect((await fetch(`${emu.url}/v1beta1/agents`, { headers: { 'x-goog-api-key': 'wrong' } })).status).toBe(401);
		expect(emu.requests.map((entry) => entry.family)).toEqual(['express', 'express']);
	});
});
