import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

import { ENTERPRISE_BASE_URL_EXPRESSION } from './common/enterpriseHost';
import { authTypeOf, signInMethodOf } from './common/signIn/methods';
import { enterpriseTokens, TokenCache } from './common/signIn/tokenCache';
import type { HttpRequest } from './common/signIn/types';

export class GeminiInteractionsEnterpriseApi implements ICredentialType {
	name = 'geminiInteractionsEnterpriseApi';

	displayName = 'Gemini Enterprise (Vertex AI) API';

	documentationUrl = 'https://cloud.google.com/iam/docs/keys-create-delete';

	icon: Icon = { light: 'file:../icons/gemini.svg', dark: 'file:../icons/gemini.dark.svg' };

	properties: INodeProperties[] = [
		{
			displayName: 'Authentication',
			name: 'authType',
			type: 'options',
			options: [
				{
					name: 'Service Account Key',
					value: 'serviceAccount',
					description: 'Paste a JSON key; n8n signs a JWT and exchanges it for access tokens',
				},
				{
					name: 'Access Token',
					value: 'accessToken',
					description: 'Paste a short-lived token, e.g. from gcloud auth print-access-token',
				},
			],
			default: 'serviceAccount',
		},
		// The key JSON carries the private key, so it is masked whatever the rule's name heuristic says.
		// eslint-disable-next-line @n8n/community-nodes/credential-unnecessary-password
		{
			displayName: 'Service Account Key (JSON)',
			name: 'serviceAccountKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			placeholder: '{"type": "service_account", "project_id": "…", "private_key": "…", "client_email": "…"}',
			description:
				'The whole JSON key file of a service account with the Vertex AI User role (roles/aiplatform.user)',
			displayOptions: { show: { authType: ['serviceAccount'] } },
		},
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description: 'An OAuth access token (it expires after about an hour)',
			displayOptions: { show: { authType: ['accessToken'] } },
		},
		{
			displayName: 'Project ID',
			name: 'projectId',
			type: 'string',
			default: '',
			description: 'Google Cloud project to bill. Leave empty to use the project_id of the key.',
			displayOptions: { show: { authType: ['serviceAccount'] } },
		},
		{
			displayName: 'Project ID',
			name: 'projectId',
			type: 'string',
			required: true,
			default: '',
			description: 'Google Cloud project to bill',
			displayOptions: { show: { authType: ['accessToken'] } },
		},
		{
			displayName: 'Location',
			name: 'location',
			type: 'string',
			default: 'global',
			placeholder: 'global',
			description:
				'Where requests are served: global, a region such as us-central1 or europe-west4, or a multi-region (us, eu)',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'https://aiplatform.googleapis.com',
			description:
				'Leave empty to use Google\'s endpoint for the location. Set it for a private endpoint or a gateway.',
		},
		{
			displayName: 'Cached Access Token',
			name: 'oauthToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
	];

	/**
	 * n8n calls this when `oauthToken` is empty, when a request got a 401 (then `oauthToken` holds
	 * the refused token), and when the credential is tested; it stores what this returns. The
	 * process-wide cache makes one token request serve every item and execution signing in with
	 * the same secret, and lets the requests that were refused together share one refresh.
	 */
	async preAuthentication(
		this: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
	): Promise<IDataObject> {
		const method = signInMethodOf(credentials);
		if (method.givenToken) return {};
		const rejected = String(credentials.oauthToken ?? '') || undefined;
		const http: HttpRequest = async (options) => await this.helpers.httpRequest(options);
		const key = TokenCache.key(authTypeOf(credentials), method.identity(credentials));
		const oauthToken = await enterpriseTokens.token(key, async () => await method.fetchToken(credentials, http), rejected);
		return { oauthToken };
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const method = signInMethodOf(credentials);
		// A token renewed for another item may be newer than the one this item's credentials hold.
		const token =
			method.givenToken?.(credentials) ??
			enterpriseTokens.current(TokenCache.key(authTypeOf(credentials), method.identity(credentials))) ??
			String(credentials.oauthToken ?? '');
		requestOptions.headers = { ...requestOptions.headers, Authorization: `Bearer ${token.trim()}` };
		return requestOptions;
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL: ENTERPRISE_BASE_URL_EXPRESSION,
			url: '=/v1beta1/projects/{{ $credentials.projectId || JSON.parse($credentials.serviceAccountKey || "{}").project_id }}/locations/{{ $credentials.location || "global" }}/agents',
			method: 'GET',
			qs: { page_size: 1 },
		},
	};
}
