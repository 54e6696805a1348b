import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { GeminiInteractionsEnterpriseApi } from '../../credentials/GeminiInteractionsEnterpriseApi.credentials';
import { GeminiInteractions } from '../../nodes/GeminiInteractions/GeminiInteractions.node';
import type { Emulator, RequestLogEntry } from '../emulator';
import { startEmulator } from '../emulator';
import { createCredentialStore, runNode, testCredential } from '../harness';
import { itemsOf, modelLocator, PROJECT } from './fixtures';

// Each sign-in method through the node against the emulator: the token chain on the wire, one
// chain for a concurrent batch, exactly one more after the tokens are revoked mid-batch, and the
// words of each failure. Tokens are cached per process and per secret, so every test signs in
// with a secret (or a metadata host) of its own.

const BATCH = 6;
const TARGET = `impersonated@${PROJECT}.iam.gserviceaccount.com`;
const SIGN_IN_FAMILIES = new Set(['oauth', 'metadata', 'idp', 'sts', 'iam']);

let emu: Emulator;
beforeAll(async () => {
	emu = await startEmulator({ backgroundDurationMs: 300, streamChunkDelayMs: 1 });
});
afterAll(async () => await emu.close());
beforeEach(() => {
	emu.clearRequests();
	emu.clearFaults();
});

const signInRequests = (log: RequestLogEntry[] = emu.requests) => log.filter((entry) => SIGN_IN_FAMILIES.has(entry.family));
const apiRequests = (log: RequestLogEntry[] = emu.requests) => log.filter((entry) => !SIGN_IN_FAMILIES.has(entry.family));

function enterprise(fields: ICredentialDataDecryptedObject, on: Emulator = emu): ICredentialDataDecryptedObject {
	return { location: 'global', baseUrl: on.url, oauthToken: '', ...fields };
}

async function run(credentials: ICredentialDataDecryptedObject, items = 1) {
	return await runNode({
		node: new GeminiInteractions(),
		credentialTypes: [new GeminiInteractionsEnterpriseApi()],
		credentials: createCredentialStore({ geminiInteractionsEnterpriseApi: credentials }),
		parameters: {
			authentication: 'enterprise',
			resource: 'interaction',
			operation: 'create',
			model: modelLocator('gemini-3.5-flash'),
			input: '={{ "question " + $json.n }}',
			options: { concurrency: BATCH },
		},
		inputItems: Array.from({ length: items }, (_, n) => ({ json: { n } })),
	});
}

async function until(condition: () => boolean) {
	for (let waited = 0; !condition(); waited += 20) {
		if (waited > 10_000) throw new Error('timed out waiting for the emulator');
		await new Promise((resolve) => setTimeout(resolve, 20));
	}
}

/**
 * A batch at concurrency BATCH, then a batch whose requests the emulator holds until the test
 * has revoked every token: all of them get 401 and share one new sign-in.
 */
async function batchThenRevokeMidBatch(credentials: ICredentialDataDecryptedObject) {
	const first = itemsOf(await run(credentials, BATCH));
	const firstLog = [...emu.requests];
	emu.clearRequests();
	emu.addFault({ match: { path: '/interactions' }, times: BATCH, delayMs: 400 });
	const second = run(credentials, BATCH);
	await until(() => apiRequests().length >= BATCH);
	emu.revokeTokens();
	const secondItems = itemsOf(await second);
	return { first, firstLog, secondItems, secondLog: [...emu.requests] };
}

function expectSecretsAbsent(error: Error | undefined, secrets: string[]) {
	const everything = JSON.stringify({ message: error?.message, description: (error as { description?: string })?.description, error });
	for (const secret of secrets) expect(everything).not.toContain(secret);
}

describe('Application Default Credentials (user)', () => {
	it('refreshes once per batch, bills the quota project, and signs in once more after a revocation', async () => {
		const adc = emu.createAuthorizedUser({ quotaProjectId: 'quota-project' });
		const { first, firstLog, secondItems, secondLog } = await batchThenRevokeMidBatch(
			enterprise({ authType: 'authorizedUser', authorizedUserJson: JSON.stringify(adc) }),
		);
		expect(first.map((item) => item.json.text)).toEqual(first.map((_, n) => expect.stringContaining(`question ${n}`)));
		expect(signInRequests(firstLog).map((entry) => [entry.path, entry.body.grant_type])).toEqual([['/token', 'refresh_token']]);
		expect(signInRequests(firstLog)[0].body).toMatchObject({ client_id: adc.client_id, client_secret: '<redacted>', refresh_token: '<redacted>' });
		for (const call of apiRequests(firstLog)) {
			expect(call).toMatchObject({ path: '/v1beta1/projects/quota-project/locations/global/interactions', status: 200 });
			expect(call.auth.principal).toMatch(/@example\.com$/);
			expect(call.headers['x-goog-user-project']).toBe('quota-project');
		}
		expect(secondItems).toHaveLength(BATCH);
		expect(signInRequests(secondLog)).toHaveLength(1);
		const statuses = apiRequests(secondLog).map((entry) => entry.status);
		expect(statuses.filter((status) => status === 401)).toHaveLength(BATCH);
		expect(statuses.filter((status) => status === 200)).toHaveLength(BATCH);
	});

	it('a refused grant names the method and the step, never the secrets', async () => {
		const adc = { ...emu.createAuthorizedUser({ quotaProjectId: 'q' }), client_secret: 'GOCSPX-wrong-secret' };
		const result = await run(enterprise({ authType: 'authorizedUser', authorizedUserJson: JSON.stringify(adc) }));
		expect(result.error?.message).toBe(
			`Application Default Credentials (user): the refresh-token grant at ${emu.url}/token was refused with HTTP 401: invalid_client: Unauthorized`,
		);
		expectSecretsAbsent(result.error, [adc.client_secret, adc.refresh_token]);
		expect(apiRequests()).toHaveLength(0);
	});

	it.each([
		['malformed JSON', '{"type": "authorized_user", "refresh_token": "1//secret-', /reading the ADC JSON failed: it is not valid JSON/],
		['a missing field', JSON.stringify({ type: 'authorized_user', client_id: 'c', refresh_token: '1//secret-rt' }), /reading the ADC JSON failed: it has no client_secret/],
		['no project', JSON.stringify({ type: 'authorized_user', client_id: 'c', client_secret: 'secret-cs', refresh_token: '1//secret-rt' }), /\(Application Default Credentials \(user\)\) has no project: set "Project ID" or give the ADC a quota project/],
	])('%s is named before anything is sent', async (_case, json, message) => {
		const result = await run(enterprise({ authType: 'authorizedUser', authorizedUserJson: json }));
		expect(result.error?.message).toMatch(message);
		expectSecretsAbsent(result.error, ['secret-']);
		expect(emu.requests).toHaveLength(0);
	});

	it('its credential test proves the grant and the project', async () => {
		const adc = emu.createAuthorizedUser({ quotaProjectId: 'quota-project' });
		const result = await testCredential({
			credentialType: new GeminiInteractionsEnterpriseApi(),
			data: enterprise({ authType: 'authorizedUser', authorizedUserJson: JSON.stringify(adc), projectId: '' }),
		});
		expect(result).toMatchObject({ status: 'OK' });
		expect(emu.requests.map((entry) => [entry.family, entry.path, entry.status])).toEqual([
			['oauth', '/token', 200],
			['enterprise', '/v1beta1/projects/quota-project/locations/global/agents', 200],
		]);
		expect(emu.requests[1].headers['x-goog-user-project']).toBe('quota-project');
	});
});

describe('Metadata server', () => {
	// The metadata host identifies the token in the cache: each test gets an emulator of its own.
	let metadata: Emulator;
	beforeEach(async () => {
		metadata = await startEmulator({ metadataProject: 'runtime-project' });
	});
	afterEach(async () => await metadata.close());

	const onMetadata = (fields: ICredentialDataDecryptedObject = {}) =>
		enterprise({ authType: 'metadataServer', metadataHost: metadata.url, projectId: '', ...fields }, metadata);

	it('asks for the project once and one token per batch, and one more after a revocation', async () => {
		const batch = async (items: number) => itemsOf(await run(onMetadata(), items));
		expect(await batch(BATCH)).toHaveLength(BATCH);
		const firstLog = [...metadata.requests];
		expect(signInRequests(firstLog).map((entry) => entry.path).sort()).toEqual([
			'/computeMetadata/v1/instance/service-accounts/default/token',
			'/computeMetadata/v1/project/project-id',
		]);
		for (const entry of signInRequests(firstLog)) expect(entry.headers['metadata-flavor']).toBe('Google');
		for (const call of apiRequests(firstLog)) {
			expect(call).toMatchObject({ path: '/v1beta1/projects/runtime-project/locations/global/interactions', status: 200 });
			expect(call.auth.principal).toBe('emulator-runtime@emulator-project.iam.gserviceaccount.com');
		}
		metadata.clearRequests();
		metadata.addFault({ match: { path: '/interactions' }, times: BATCH, delayMs: 400 });
		const second = batch(BATCH);
		await until(() => apiRequests(metadata.requests).length >= BATCH);
		metadata.revokeTokens();
		expect(await second).toHaveLength(BATCH);
		expect(signInRequests(metadata.requests).map((entry) => entry.path)).toEqual([
			'/computeMetadata/v1/instance/service-accounts/default/token',
		]);
	});

	it('an unreachable metadata server is named, with the step that failed', async () => {
		const result = await run(onMetadata({ metadataHost: 'http://127.0.0.1:9' }));
		expect(result.error?.message).toBe(
			'Metadata server: reading the project ID failed: could not reach http://127.0.0.1:9/computeMetadata/v1/project/project-id (connection refused)',
		);
		const withProject = await run(onMetadata({ metadataHost: 'http://127.0.0.1:9', projectId: 'p' }));
		expect(withProject.error?.message).toBe(
			"Metadata server: getting the service account's token failed: could not reach http://127.0.0.1:9/computeMetadata/v1/instance/service-accounts/default/token (connection refused)",
		);
	});

	it("a refused token request carries the server's words", async () => {
		metadata.addFault({ match: { path: '/service-accounts/default/token' }, status: 404, body: 'Not Found' });
		const result = await run(onMetadata({ projectId: 'p' }));
		expect(result.error?.message).toBe(
			`Metadata server: getting the service account's token at ${metadata.url}/computeMetadata/v1/instance/service-accounts/default/token was refused with HTTP 404: Not Found`,
		);
	});

	it('its credential test proves the token and the project lookup', async () => {
		const result = await testCredential({ credentialType: new GeminiInteractionsEnterpriseApi(), data: onMetadata() });
		expect(result).toMatchObject({ status: 'OK' });
		expect(metadata.requests.map((entry) => entry.path).sort()).toEqual([
			'/computeMetadata/v1/instance/service-accounts/default/token',
			'/computeMetadata/v1/project/project-id',
			'/v1beta1/publishers/google/models',
		]);
	});
});

describe('Workload identity federation', () => {
	const federated = (config: object, fields: ICredentialDataDecryptedObject = {}) =>
		enterprise({ authType: 'externalAccount', externalAccountJson: JSON.stringify(config), projectId: PROJECT, ...fields });

	it.each([
		['json', undefined, ['idp', 'sts'], /^principal:\/\/iam\.googleapis\.com\/projects\/123456789\//],
		['text', TARGET, ['idp', 'sts', 'iam'], new RegExp(`^${TARGET}$`)],
	] as const)('a %s subject token, impersonating %s: one chain per batch, one more after a revocation', async (format, impersonate, chain, principal) => {
		const config = emu.createExternalAccount({ format, impersonate });
		const { firstLog, secondItems, secondLog } = await batchThenRevokeMidBatch(federated(config));
		expect(signInRequests(firstLog).map((entry) => entry.family)).toEqual(chain);
		const [idp, sts] = signInRequests(firstLog);
		expect(idp.headers.metadata).toBe('True');
		expect(sts.body).toEqual({
			grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
			audience: config.audience,
			scope: 'https://www.googleapis.com/auth/cloud-platform',
			requested_token_type: 'urn:ietf:params:oauth:token-type:access_token',
			subject_token: '<redacted>',
			subject_token_type: 'urn:ietf:params:oauth:token-type:jwt',
		});
		if (impersonate) expect(signInRequests(firstLog)[2].body).toEqual({ scope: ['https://www.googleapis.com/auth/cloud-platform'], lifetime: '3600s' });
		for (const call of apiRequests(firstLog)) expect(call.auth.principal).toMatch(principal);
		expect(secondItems).toHaveLength(BATCH);
		expect(signInRequests(secondLog).map((entry) => entry.family)).toEqual(chain);
	});

	it.each([
		['file', { file: '/var/run/token' }, /credential_source "file" is not supported: it reads a file on the n8n host, which n8n's verification forbids/],
		['executable', { executable: { command: '/bin/token' } }, /"executable" is not supported: it runs a program/],
		['environment', { environment_id: 'aws1', url: 'http://169.254.169.254' }, /"environment_id" is not supported: it reads environment variables/],
	])('a %s source is refused with the reason', async (_case, source, message) => {
		const config = { ...emu.createExternalAccount(), credential_source: source };
		const result = await run(federated(config));
		expect(result.error?.message).toMatch(message);
		expect(emu.requests).toHaveLength(0);
	});

	it('each refused step is named: the subject-token source, STS, the impersonation', async () => {
		emu.addFault({ match: { path: '/external-idp/token' }, status: 500 });
		const source = await run(federated(emu.createExternalAccount()));
		expect(source.error?.message).toMatch(
			new RegExp(`^Workload identity federation: fetching the subject token from credential_source.url at ${emu.url}/external-idp/token was refused with HTTP 500`),
		);
		emu.addFault({ match: { path: '/v1/token' }, status: 400, body: { error: 'invalid_grant', error_description: 'The audience is invalid.' } });
		const sts = await run(federated(emu.createExternalAccount({ format: 'text' })));
		expect(sts.error?.message).toBe(
			`Workload identity federation: the STS token exchange at ${emu.url}/v1/token was refused with HTTP 400: invalid_grant: The audience is invalid.`,
		);
		const denied = await run(federated(emu.createExternalAccount({ impersonate: 'nobody@elsewhere.iam.gserviceaccount.com' })));
		expect(denied.error?.message).toMatch(
			/^Workload identity federation: the service account impersonation at .* was refused with HTTP 403: PERMISSION_DENIED: Permission 'iam.serviceAccounts.getAccessToken' denied/,
		);
		expect(apiRequests()).toHaveLength(0);
		const subjectTokens = signInRequests().filter((entry) => entry.family === 'sts').map((entry) => entry.body.subject_token);
		expect(subjectTokens.every((token) => token === '<redacted>')).toBe(true);
	});

	it('its credential test proves the whole chain', async () => {
		const result = await testCredential({
			credentialType: new GeminiInteractionsEnterpriseApi(),
			data: federated(emu.createExternalAccount({ impersonate: TARGET })),
		});
		expect(result).toMatchObject({ status: 'OK' });
		expect(emu.requests.map((entry) => entry.family)).toEqual(['idp', 'sts', 'iam', 'enterprise']);
	});
});

describe('Impersonating a service account', () => {
	const impersonated = (target: string) =>
		enterprise({
			authType: 'authorizedUser',
			authorizedUserJson: JSON.stringify(emu.createAuthorizedUser({ quotaProjectId: 'quota-project' })),
			impersonate: true,
			impersonatedServiceAccount: target,
			iamCredentialsUrl: emu.url,
		});

	it("exchanges the user's token for the target's: one chain per batch, one more after a revocation", async () => {
		const { firstLog, secondLog } = await batchThenRevokeMidBatch(impersonated(TARGET));
		const chain = signInRequests(firstLog);
		expect(chain.map((entry) => entry.family)).toEqual(['oauth', 'iam']);
		expect(chain[1]).toMatchObject({ path: `/v1/projects/-/serviceAccounts/${TARGET}:generateAccessToken`, auth: { valid: true } });
		expect(chain[1].auth.principal).toMatch(/@example\.com$/);
		expect(chain[1].headers['x-goog-user-project']).toBe('quota-project');
		for (const call of apiRequests(firstLog)) {
			expect(call.auth.principal).toBe(TARGET);
			expect(call.headers['x-goog-user-project']).toBeUndefined();
		}
		expect(signInRequests(secondLog).map((entry) => entry.family)).toEqual(['oauth', 'iam']);
	});

	it('a refused impersonation names the target and the step', async () => {
		const result = await run(impersonated('nobody@elsewhere.iam.gserviceaccount.com'));
		expect(result.error?.message).toBe(
			`Application Default Credentials (user) with impersonation: impersonating nobody@elsewhere.iam.gserviceaccount.com at ${emu.url}/v1/projects/-/serviceAccounts/nobody@elsewhere.iam.gserviceaccount.com was refused with HTTP 403: PERMISSION_DENIED: Permission 'iam.serviceAccounts.getAccessToken' denied on resource (or it may not exist).`,
		);
	});

	it('its credential test proves the chain', async () => {
		const result = await testCredential({ credentialType: new GeminiInteractionsEnterpriseApi(), data: impersonated(TARGET) });
		expect(result).toMatchObject({ status: 'OK' });
		expect(emu.requests.map((entry) => entry.family)).toEqual(['oauth', 'iam', 'enterprise']);
	});
});

describe('Vertex AI express mode', () => {
	const express = (apiKey: string) => enterprise({ authType: 'apiKey', apiKey, location: '' });

	it('sends the key as x-goog-api-key to /v1beta1/interactions, with no sign-in requests', async () => {
		const items = itemsOf(await run(express('test-api-key'), 3));
		expect(items).toHaveLength(3);
		expect(emu.requests.map((entry) => [entry.family, entry.path, entry.auth.scheme, entry.status])).toEqual(
			Array.from({ length: 3 }, () => ['express', '/v1beta1/interactions', 'api-key', 200]),
		);
	});

	it("a wrong key is Google's refusal, asked once, never echoed", async () => {
		const result = await run(express('wrong-express-key'));
		expect(result.error?.message).toMatch(/API key not valid/);
		expectSecretsAbsent(result.error, ['wrong-express-key']);
		expect(emu.requests).toHaveLength(1);
	});

	it('its credential test lists agents without a project', async () => {
		const result = await testCredential({ credentialType: new GeminiInteractionsEnterpriseApi(), data: express('test-api-key') });
		expect(result).toMatchObject({ status: 'OK' });
		expect(emu.requests.map((entry) => [entry.family, entry.path])).toEqual([['express', '/v1beta1/agents']]);
	});
});
