import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { GeminiInteractionsApi } from '../../credentials/GeminiInteractionsApi.credentials';
import { GeminiInteractionsEnterpriseApi } from '../../credentials/GeminiInteractionsEnterpriseApi.credentials';
import { GeminiInteractions } from '../../nodes/GeminiInteractions/GeminiInteractions.node';
import type { Emulator, EmulatorOptions } from '../emulator';
import { startEmulator } from '../emulator';
import { createCredentialStore, runNode } from '../harness';

export const API_KEY = 'test-api-key';
export const PROJECT = 'emulator-project';

export type AuthMode = 'apiKey' | 'enterprise';
export const AUTH_MODES: AuthMode[] = ['apiKey', 'enterprise'];

export interface Fixture {
	emulator: Emulator;
	/** Runs the node with the given parameters, in one auth mode, against the emulator. */
	run(
		authMode: AuthMode,
		parameters: INodeParameters,
		options?: Partial<Parameters<typeof runNode>[0]> & { inputItems?: INodeExecutionData[] },
	): ReturnType<typeof runNode>;
	/** Credential stores live as long as the fixture, like credentials in a real n8n database. */
	credentials: ReturnType<typeof createCredentialStore>;
	/** API requests the emulator logged (token exchanges excluded), oldest first. */
	apiRequests(): Emulator['requests'];
}

/** Call at the top of a describe block: one emulator and one credential store for its tests. */
export function useEmulator(options: EmulatorOptions = {}): Fixture {
	const fixture = {} as Fixture;
	beforeAll(async () => {
		const emulator = await startEmulator({ backgroundDurationMs: 300, streamChunkDelayMs: 1, ...options });
		const serviceAccountKey = emulator.createServiceAccountKey({ projectId: PROJECT });
		fixture.emulator = emulator;
		fixture.credentials = createCredentialStore({
			geminiInteractionsApi: { apiKey: API_KEY, baseUrl: emulator.url, apiVersion: 'v1' },
			geminiInteractionsEnterpriseApi: {
				authType: 'serviceAccount',
				serviceAccountKey: JSON.stringify(serviceAccountKey),
				projectId: '',
				location: 'global',
				baseUrl: emulator.url,
				oauthToken: '',
			},
		});
		fixture.run = async (authMode, parameters, runOptions = {}) =>
			await runNode({
				node: new GeminiInteractions(),
				credentialTypes: [new GeminiInteractionsApi(), new GeminiInteractionsEnterpriseApi()],
				credentials: fixture.credentials,
				...runOptions,
				parameters: { authentication: authMode, ...parameters },
			});
		fixture.apiRequests = () => emulator.requests.filter((entry) => entry.path !== '/token');
	});
	beforeEach(() => {
		fixture.emulator.clearRequests();
		fixture.emulator.clearFaults();
	});
	afterAll(async () => {
		await fixture.emulator?.close();
	});
	return fixture;
}

/** The collection path the node must call in each auth mode. */
export function interactionsPath(authMode: AuthMode): string {
	return authMode === 'apiKey'
		? '/v1/interactions'
		: `/v1beta1/projects/${PROJECT}/locations/global/interactions`;
}

export function agentsPath(authMode: AuthMode): string {
	return interactionsPath(authMode).replace(/interactions$/, 'agents');
}

export function modelLocator(value: string) {
	return { __rl: true, mode: 'id', value };
}

/** The items of the node's first output, or the error it threw. */
export function itemsOf(result: Awaited<ReturnType<typeof runNode>>): INodeExecutionData[] {
	if (result.error) throw result.error;
	return result.output?.[0] ?? [];
}
