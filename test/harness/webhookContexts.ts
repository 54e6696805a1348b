/**
 * The `this` of a trigger's webhook lifecycle methods (n8n-core's HookContext: checkExists /
 * create / delete at activation and deactivation) and of its `webhook()` (n8n-core's WebhookContext:
 * one HTTP call, with the request as n8n's express app received it — `rawBody` included, as n8n's
 * rawBodyReader middleware keeps it).
 */
import type { IDataObject, IGetNodeParameterOptions, IHookFunctions, IWebhookFunctions } from 'n8n-workflow';

import { getNodeCredentials, makeHttpRequestWithAuthentication, type AuthDeps } from './authRequest';
import { contextBasics } from './contextBasics';
import { httpRequest } from './http';
import { getNodeParameter } from './parameters';
import { harnessNotImplemented } from './types';

export interface HarnessWebhookRequest {
	/** Lower-cased names, as node's http module gives them. */
	headers: Record<string, string>;
	rawBody: Buffer;
	query?: IDataObject;
}

/** What the node answered through the response object (when it did not let n8n answer). */
export interface HarnessWebhookResponse {
	statusCode: number;
	body?: unknown;
}

function commonParts(deps: AuthDeps, webhookUrl: string): Record<string, unknown> {
	const { env, recorder } = deps;
	const stub = (name: string) => () => harnessNotImplemented(name);
	return {
		...contextBasics(env, recorder),
		getNodeParameter: (name: string, fallback?: unknown, options?: IGetNodeParameterOptions) =>
			getNodeParameter(env, name, 0, fallback, options),
		getCredentials: async (type: string) => await getNodeCredentials(deps, type, undefined, false),
		getNodeWebhookUrl: (name: string) => (name === 'default' ? webhookUrl : undefined),
		getWebhookName: () => 'default',
		getInstanceBaseUrl: stub('getInstanceBaseUrl'),
		helpers: {
			httpRequest: async (requestOptions: Parameters<typeof httpRequest>[0]) => await httpRequest(requestOptions, recorder),
			httpRequestWithAuthentication: makeHttpRequestWithAuthentication(deps),
			request: stub('helpers.request'),
			requestWithAuthentication: stub('helpers.requestWithAuthentication'),
		},
	};
}

export function createHookContext(deps: AuthDeps, webhookUrl: string): IHookFunctions {
	return {
		...commonParts(deps, webhookUrl),
		getActivationMode: () => 'activate',
		getWebhookDescription: (name: string) => deps.env.nodeType.description.webhooks?.find((w) => w.name === name),
	} as unknown as IHookFunctions;
}

export function createWebhookContext(
	deps: AuthDeps,
	webhookUrl: string,
	request: HarnessWebhookRequest,
	response: HarnessWebhookResponse,
): IWebhookFunctions {
	const text = request.rawBody.toString('utf8');
	let body: IDataObject = {};
	if ((request.headers['content-type'] ?? '').includes('json') && text !== '') body = JSON.parse(text) as IDataObject;
	const req = { headers: request.headers, body, query: request.query ?? {}, params: {}, rawBody: request.rawBody, method: 'POST' };
	const res = {
		status(code: number) {
			response.statusCode = code;
			return res;
		},
		json(value: unknown) {
			response.body = value;
			return res;
		},
		send(value: unknown) {
			response.body = value;
			return res;
		},
		end() {
			return res;
		},
	};
	return {
		...commonParts(deps, webhookUrl),
		getBodyData: () => body,
		getHeaderData: () => request.headers,
		getQueryData: () => req.query,
		getParamsData: () => ({}),
		getRequestObject: () => req,
		getResponseObject: () => res,
	} as unknown as IWebhookFunctions;
}
