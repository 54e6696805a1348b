/**
 * The credential "Test" button: n8n's CredentialsTester.testCredentials running the
 * credential's `test.request` through a RoutingNode on a temporary NoOp node
 * (packages/cli/src/services/credentials-tester.service.ts, core routing-node.ts).
 */
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	INode,
	INodeParameters,
	INodeType,
	NodeParameterValueType,
} from 'n8n-workflow';
import { getCredentialAllowedDomains } from 'n8n-workflow';

import { rememberSecrets, makeHttpRequestWithAuthentication, type AuthDeps } from './authRequest';
import { applyCredentialDefaults, CredentialTypeRegistry, HarnessCredentialStore } from './credentials';
import { createEnvironment, resolveParameter } from './expressions';
import { httpRequest, DEFAULT_TIMEOUT_MS } from './http';
import { getPath } from './parameters';
import { Recorder } from './types';

export interface CredentialTestResult {
	status: 'OK' | 'Error';
	message: string;
}

function deepMerge(target: Record<string, unknown>, source: Record<string, unknown>): Record<string, unknown> {
	for (const [key, value] of Object.entries(source)) {
		const existing = target[key];
		if (value === undefined) continue;
		const bothObjects =
			typeof existing === 'object' && existing !== null && typeof value === 'object' && value !== null && !Array.isArray(value);
		target[key] = bothObjects
			? deepMerge(existing as Record<string, unknown>, value as Record<string, unknown>)
			: value;
	}
	return target;
}

export async function testCredential(options: {
	credentialType: ICredentialType;
	data: ICredentialDataDecryptedObject;
	credentialTypes?: ICredentialType[];
	/** Optional: receives the requests the test made (secrets redacted). */
	recorder?: Recorder;
}): Promise<CredentialTestResult> {
	const { credentialType } = options;
	const types = [...(options.credentialTypes ?? [])];
	if (!types.some((type) => type.name === credentialType.name)) types.push(credentialType);
	const registry = new CredentialTypeRegistry(types);
	const test = credentialType.test;
	if (!test) return { status: 'Error', message: 'No testing function found for this credential.' };

	const nodeType: INodeType = {
		description: {
			displayName: 'No Operation, do nothing',
			name: 'n8n-nodes-base.noOp',
			group: ['organization'],
			version: 1,
			description: 'No Operation',
			defaults: { name: 'No Operation, do nothing' },
			inputs: ['main'],
			outputs: ['main'],
			credentials: [{ name: credentialType.name, required: true }],
			properties: [{ displayName: 'Temp', name: 'temp', type: 'string', routing: { request: test.request }, default: '' }],
		},
	};
	const node: INode = {
		id: 'temp',
		name: 'Temp-Node',
		type: 'n8n-nodes-base.noOp',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
		credentials: { [credentialType.name]: { id: 'harness-credential-under-test', name: credentialType.name } },
	};
	const env = createEnvironment({ nodeType, node, mode: 'internal', items: [{ json: {} }] });
	const deps: AuthDeps = {
		env,
		registry,
		store: new HarnessCredentialStore({ [credentialType.name]: options.data }),
		recorder: options.recorder ?? new Recorder(),
	};

	let data: ICredentialDataDecryptedObject;
	try {
		const defaulted = applyCredentialDefaults(registry, credentialType.name, options.data);
		data = env.workflow.expression.getComplexParameterValue(
			node,
			defaulted as INodeParameters,
			'internal',
			env.additionalKeys,
			undefined,
			undefined,
			defaulted,
		) as ICredentialDataDecryptedObject;
		rememberSecrets(deps, credentialType.name, data);
	} catch (error) {
		return { status: 'Error', message: String((error as Error).message) };
	}

	let response: IN8nHttpFullResponse;
	try {
		const resolved = resolveParameter(env, test.request as unknown as NodeParameterValueType, 0, {
			$credentials: data,
			$value: '',
			$version: node.typeVersion,
		}) as unknown as Record<string, unknown>;
		const requestOptions = deepMerge({ qs: {}, body: {}, headers: {} }, resolved) as unknown as IHttpRequestOptions;
		requestOptions.timeout = DEFAULT_TIMEOUT_MS;
		requestOptions.returnFullResponse = true;
		const allowedDomains = getCredentialAllowedDomains({
			node,
			credentialData: data,
			credentialOwnedSurface: true,
			nodeEndpointUrl: requestOptions.baseURL,
		});
		if (allowedDomains) requestOptions.allowedDomains = allowedDomains;

		// An ExecuteSingleContext without an abort signal, as the tester builds it.
		const context = {
			helpers: { httpRequest: async (opts: IHttpRequestOptions) => await httpRequest(opts, deps.recorder) },
			getNode: () => node,
			getCredentials: async () => data,
			getExecutionCancelSignal: () => undefined,
		};
		response = (await makeHttpRequestWithAuthentication(deps).call(context, credentialType.name, requestOptions, {
			credentialsDecrypted: { id: 'harness-credential-under-test', name: credentialType.name, type: credentialType.name, data },
		})) as IN8nHttpFullResponse;
	} catch (error) {
		const cause = (error as { cause?: { response?: { status: number; statusText: string }; code?: string } }).cause;
		if (cause?.response) {
			const { status, statusText } = cause.response;
			for (const rule of test.rules ?? []) {
				if (rule.type === 'responseCode' && status === rule.properties.value) {
					return { status: 'Error', message: rule.properties.message };
				}
			}
			if (status < 199 || status > 299) {
				return { status: 'Error', message: statusText || `Received HTTP status code: ${status}` };
			}
		} else if (cause?.code) {
			return { status: 'Error', message: cause.code };
		}
		return { status: 'Error', message: String((error as Error).message) };
	}

	const body = response.body as unknown;
	const firstItem = Array.isArray(body) ? body[0] : body;
	for (const rule of test.rules ?? []) {
		if (rule.type === 'responseSuccessBody' && getPath(firstItem, rule.properties.key) === rule.properties.value) {
			return { status: 'Error', message: rule.properties.message };
		}
	}
	return { status: 'OK', message: 'Connection successful!' };
}
