/**
 * The `this` of listSearch / loadOptions methods: n8n-core's LoadOptionsContext
 * (mode 'internal', no input items, no execution cancel signal, request helpers only).
 */
import type { IGetNodeParameterOptions, ILoadOptionsFunctions } from 'n8n-workflow';

import { getNodeCredentials, makeHttpRequestWithAuthentication, type AuthDeps } from './authRequest';
import { contextBasics } from './contextBasics';
import { httpRequest } from './http';
import { extractValue, getNodeParameter, getPath } from './parameters';
import { harnessNotImplemented } from './types';

export function createLoadOptionsContext(deps: AuthDeps, path = ''): ILoadOptionsFunctions {
	const { env, recorder } = deps;
	const { node } = env;
	const stub = (name: string) => () => harnessNotImplemented(name);

	const context: Record<string, unknown> = {
		...contextBasics(env, recorder),
		getNodeParameter: (name: string, fallback?: unknown, options?: IGetNodeParameterOptions) =>
			getNodeParameter(env, name, 0, fallback, options),
		getCurrentNodeParameter: (parameterPath: string, options?: IGetNodeParameterOptions) => {
			if (parameterPath.charAt(0) === '&') {
				parameterPath = `${path.split('.').slice(1, -1).join('.')}.${parameterPath.slice(1)}`;
			}
			const value = getPath(node.parameters, parameterPath);
			return options?.extractValue ? extractValue(env, value as object, parameterPath, 0) : value;
		},
		getCurrentNodeParameters: () => node.parameters,
		getCredentials: async (type: string) => await getNodeCredentials(deps, type, undefined, false),
		getCredentialsProperties: (type: string) => deps.registry.getProperties(type),
		getRestApiUrl: stub('getRestApiUrl'),
		getInstanceBaseUrl: stub('getInstanceBaseUrl'),
		getInstanceId: stub('getInstanceId'),
		getSignedResumeUrl: stub('getSignedResumeUrl'),
		getKnownNodeTypes: stub('getKnownNodeTypes'),
		getChatTrigger: stub('getChatTrigger'),
		isNodeFeatureEnabled: stub('isNodeFeatureEnabled'),
		getExecutionContext: stub('getExecutionContext'),
		prepareOutputData: stub('prepareOutputData'),
		helpers: {
			httpRequest: async (requestOptions: Parameters<typeof httpRequest>[0]) => await httpRequest(requestOptions, recorder),
			httpRequestWithAuthentication: makeHttpRequestWithAuthentication(deps),
			request: stub('helpers.request'),
			requestWithAuthentication: stub('helpers.requestWithAuthentication'),
			requestWithAuthenticationPaginated: stub('helpers.requestWithAuthenticationPaginated'),
			requestOAuth1: stub('helpers.requestOAuth1'),
			requestOAuth2: stub('helpers.requestOAuth2'),
			refreshOAuth2Token: stub('helpers.refreshOAuth2Token'),
			getSSHClient: stub('helpers.getSSHClient'),
			updateLastUsed: stub('helpers.updateLastUsed'),
		},
	};
	return context as unknown as ILoadOptionsFunctions;
}
