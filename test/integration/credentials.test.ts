import { generateKeyPairSync } from 'node:crypto';

import { NodeApiError } from 'n8n-workflow';

import { GeminiInteractionsApi } from '../../credentials/GeminiInteractionsApi.credentials';
import { GeminiInteractionsEnterpriseApi } from '../../credentials/GeminiInteractionsEnterpriseApi.credentials';
import { GeminiInteractions } from '../../nodes/GeminiInteractions/GeminiInteractions.node';
import { createCredentialStore, runLoadOptions, runNode, testCredential } from '../harness';
import { API_KEY, itemsOf, modelLocator, PROJECT, useEmulator } from './fixtures';

const createParameters = (authentication: string) => ({
	authentication,
	resource: 'interaction',
	operation: 'create',
	model: modelLocator('gemini-3.5-flash'),
	input: 'Hello',
});

describe('Gemini API credential', () => {
	const fixture = useEmulator();

	it('its test passes with a valid key and sends it only as a header', async () => {
		const result = await testCredential({
			credentialType: new GeminiInteractionsApi(),
			data: { apiKey: API_KEY, baseUrl: fixture.emulator.url, apiVersion: 'v1' },
		});
		expect(result.status).toBe('OK');
		const [request] = fixture.apiRequests();
		expect(request).toMatchObject({ method: 'GET', path: '/v1/models', auth: { scheme: 'api-key', valid: true } });
		expect(request.url).not.toContain(API_KEY);
	});

	it("its test fails with Google's refusal for a wrong key", async () => {
		const result = await testCredential({
			credentialType: new GeminiInteractionsApi(),
			data: { apiKey: 'wrong-key', baseUrl: `${fixture.emulator.url}/`, apiVersion: 'v1beta' },
		});
		expect(result.status).toBe('Error');
		expect(fixture.apiRequests()[0].path).toBe('/v1beta/models');
		expect(result.message).not.toContain('wrong-key');
	});

	it("a wrong key in a workflow is a NodeApiError with Google's message", async () => {
		const result = await runNode({
			node: new GeminiInteractions(),
			credentialTypes: [new GeminiInteractionsApi()],
			credentials: { geminiInteractionsApi: { apiKey: 'wrong-key', baseUrl: fixture.emulator.url, apiVersion: 'v1' } },
			parameters: createParameters('apiKey'),
		});
		expect(result.error).toBeInstanceOf(NodeApiError);
		expect(result.error?.message).toMatch(/API key not valid/);
		expect(JSON.stringify(result.error)).not.toContain('wrong-key');
	});

	it('lists conversational Gemini models for the picker, deprecated ones marked and last', async () => {
		const { results } = await runLoadOptions({
			node: new GeminiInteractions(),
			kind: 'listSearch',
			method: 'searchModels',
			parameters: { authentication: 'apiKey' },
			credentialTypes: [new GeminiInteractionsApi()],
			credentials: fixture.credentials,
		});
		const values = results.map((result) => result.value);
		expect(values).toContain('gemini-3.5-flash');
		expect(values.every((value) => String(value).startsWith('gemini-'))).toBe(true);
		expect(values.some((value) => /embedding|imagen/.test(String(value)))).toBe(false);
		const deprecated = results.filter((result) => result.name.endsWith('(deprecated)'));
		expect(deprecated.map((result) => result.value)).toContain('gemini-2.5-flash');
		expect(results.indexOf(deprecated[0])).toBeGreaterThan(values.indexOf('gemini-3.5-flash'));
	});
});

describe('Gemini Enterprise credential', () => {
	const fixture = useEmulator();

	const enterpriseRun = (credentials: ReturnType<typeof createCredentialStore>) =>
		runNode({
			node: new GeminiInteractions(),
			credentialTypes: [new GeminiInteractionsEnterpriseApi()],
			credentials,
			parameters: createParameters('enterprise'),
		});

	const serviceAccountStore = () =>
		createCredentialStore({
			geminiInteractionsEnterpriseApi: {
				authType: 'serviceAccount',
				serviceAccountKey: JSON.stringify(fixture.emulator.createServiceAccountKey({ projectId: PROJECT })),
				projectId: '',
				location: 'global',
				baseUrl: fixture.emulator.url,
				oauthToken: '',
			},
		});

	it('signs a JWT, exchanges it at the key\'s token_uri once, and reuses the token across executions', async () => {
		const store = serviceAccountStore();
		itemsOf(await enterpriseRun(store));
		itemsOf(await enterpriseRun(store));
		const log = fixture.emulator.requests;
		expect(log.filter((entry) => entry.path === '/token')).toHaveLength(1);
		const calls = fixture.apiRequests();
		expect(calls).toHaveLength(2);
		for (const call of calls) {
			expect(call.path).toBe(`/v1beta1/projects/${PROJECT}/locations/global/interactions`);
			expect(call.auth).toMatchObject({ scheme: 'bearer', valid: true });
			expect(call.auth.principal).toMatch(/@/);
		}
	});

	it('refreshes the token once when Google answers 401, and the request succeeds', async () => {
		const store = serviceAccountStore();
		itemsOf(await enterpriseRun(store));
		fixture.emulator.revokeTokens();
		const [item] = itemsOf(await enterpriseRun(store));
		expect(item.json.text).toContain('Hello');
		const log = fixture.emulator.requests;
		expect(log.filter((entry) => entry.path === '/token')).toHaveLength(2);
		expect(fixture.apiRequests().map((entry) => entry.status)).toEqual([200, 401, 200]);
	});

	describe('one token for a batch', () => {
		const batchRun = (store: ReturnType<typeof createCredentialStore>, items: number, concurrency: number) =>
			runNode({
				node: new GeminiInteractions(),
				credentialTypes: [new GeminiInteractionsEnterpriseApi()],
				credentials: store,
				parameters: { ...createParameters('enterprise'), input: '={{ $json.q }}', options: { concurrency } },
				inputItems: Array.from({ length: items }, (_, i) => ({ json: { q: `Question ${i}` } })),
			});
		const tokenRequests = () => fixture.emulator.requests.filter((entry) => entry.path === '/token');

		it('5 items at concurrency 5 send exactly one token request, and a new execution reuses the token', async () => {
			const key = JSON.stringify(fixture.emulator.createServiceAccountKey({ projectId: PROJECT }));
			const store = () =>
				createCredentialStore({
					geminiInteractionsEnterpriseApi: { authType: 'serviceAccount', serviceAccountKey: key, location: 'global', baseUrl: fixture.emulator.url, oauthToken: '' },
				});
			const items = itemsOf(await batchRun(store(), 5, 5));
			expect(items.map((item) => item.json.text)).toEqual([0, 1, 2, 3, 4].map((i) => expect.stringContaining(`Question ${i}`)));
			expect(tokenRequests()).toHaveLength(1);
			expect(fixture.apiRequests().filter((entry) => entry.status === 200)).toHaveLength(5);
			// another execution with a freshly loaded credential (nothing stored yet) in the same process
			itemsOf(await batchRun(store(), 3, 3));
			expect(tokenRequests()).toHaveLength(1);
		});

		it('when the token expires mid-batch, the refused requests share exactly one refresh and every item succeeds', async () => {
			const store = serviceAccountStore();
			// the first 5 requests pass; the 6th arrives after the tokens expired
			fixture.emulator.addFault({ match: { path: '/interactions' }, times: 5 });
			fixture.emulator.addFault({ match: { path: '/interactions' }, revokeTokens: true });
			const items = itemsOf(await batchRun(store, 12, 5));
			expect(items).toHaveLength(12);
			expect(items.every((item) => item.json.status === 'completed')).toBe(true);
			expect(tokenRequests()).toHaveLength(2);
			const statuses = fixture.apiRequests().map((entry) => entry.status);
			expect(statuses.filter((status) => status === 401).length).toBeGreaterThanOrEqual(1);
			expect(statuses.filter((status) => status === 200)).toHaveLength(12);
		});

		it('a refused refresh is one clear error per item and one token request, not a storm', async () => {
			const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
			const unregistered = {
				...fixture.emulator.createServiceAccountKey({ projectId: PROJECT }),
				private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
			};
			const result = await runNode({
				node: new GeminiInteractions(),
				credentialTypes: [new GeminiInteractionsEnterpriseApi()],
				credentials: createCredentialStore({
					geminiInteractionsEnterpriseApi: { authType: 'serviceAccount', serviceAccountKey: JSON.stringify(unregistered), location: 'global', baseUrl: fixture.emulator.url, oauthToken: '' },
				}),
				parameters: { ...createParameters('enterprise'), options: { concurrency: 5 } },
				inputItems: Array.from({ length: 10 }, () => ({ json: {} })),
				continueOnFail: true,
			});
			const items = itemsOf(result);
			expect(items).toHaveLength(10);
			expect(items.map((item) => item.pairedItem)).toEqual(Array.from({ length: 10 }, (_, item) => ({ item })));
			for (const item of items) expect(item.json.error).toMatch(/refused the service account key with HTTP 400: invalid_grant/);
			expect(tokenRequests()).toHaveLength(1);
			expect(fixture.apiRequests()).toHaveLength(0);
		});
	});

	it('its test passes with a service-account key', async () => {
		const result = await testCredential({
			credentialType: new GeminiInteractionsEnterpriseApi(),
			data: {
				authType: 'serviceAccount',
				serviceAccountKey: JSON.stringify(fixture.emulator.createServiceAccountKey({ projectId: 'key-project' })),
				projectId: '',
				location: 'global',
				baseUrl: fixture.emulator.url,
				oauthToken: '',
			},
		});
		expect(result).toMatchObject({ status: 'OK' });
		expect(fixture.apiRequests()[0].path).toBe('/v1beta1/projects/key-project/locations/global/agents');
	});

	it('works with a pasted access token and an explicit project', async () => {
		const [item] = itemsOf(
			await enterpriseRun(
				createCredentialStore({
					geminiInteractionsEnterpriseApi: {
						authType: 'accessToken',
						accessToken: 'static-token',
						projectId: 'pasted-project',
						location: 'us-central1',
						baseUrl: fixture.emulator.url,
						oauthToken: '',
					},
				}),
			),
		);
		expect(item.json.status).toBe('completed');
		expect(fixture.apiRequests()[0].path).toBe('/v1beta1/projects/pasted-project/locations/us-central1/interactions');
		expect(fixture.emulator.requests.filter((entry) => entry.path === '/token')).toHaveLength(0);
	});

	it('a key the token endpoint refuses gives an error that says why and never echoes the key', async () => {
		const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
		const unregistered = {
			...fixture.emulator.createServiceAccountKey({ projectId: PROJECT }),
			private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
		};
		const result = await enterpriseRun(
			createCredentialStore({
				geminiInteractionsEnterpriseApi: {
					authType: 'serviceAccount',
					serviceAccountKey: JSON.stringify(unregistered),
					location: 'global',
					baseUrl: fixture.emulator.url,
					oauthToken: '',
				},
			}),
		);
		expect(result.error?.message).toMatch(/refused the service account key with HTTP 400: invalid_grant/);
		const everything = JSON.stringify({ message: result.error?.message, error: result.error });
		expect(everything).not.toContain('PRIVATE KEY');
		expect(fixture.apiRequests()).toHaveLength(0);
	});

	it('a malformed key is named as such before anything is sent', async () => {
		const result = await enterpriseRun(
			createCredentialStore({
				geminiInteractionsEnterpriseApi: {
					authType: 'serviceAccount',
					serviceAccountKey: '{"type": "service_account", "private_key": "-----BEGIN PRIVATE KEY-----\\nMIIE',
					location: 'global',
					baseUrl: fixture.emulator.url,
					oauthToken: '',
				},
			}),
		);
		expect(result.error?.message).toMatch(/not valid JSON/);
		expect(result.error?.message).not.toContain('MIIE');
		expect(fixture.emulator.requests).toHaveLength(0);
	});

	it('lists Vertex publisher models for the picker', async () => {
		const { results } = await runLoadOptions({
			node: new GeminiInteractions(),
			kind: 'listSearch',
			method: 'searchModels',
			parameters: { authentication: 'enterprise' },
			credentialTypes: [new GeminiInteractionsEnterpriseApi()],
			credentials: serviceAccountStore(),
			filter: 'pro',
		});
		expect(results.length).toBeGreaterThan(0);
		expect(results.every((result) => String(result.value).includes('pro'))).toBe(true);
		expect(fixture.apiRequests()[0].path).toBe('/v1beta1/publishers/google/models');
	});
});
