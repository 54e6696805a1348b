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
import { DEFAULT_IAM_CREDENTIALS_URL } from './common/signIn/impersonation';
import { DEFAULT_METADATA_HOST } from './common/signIn/metadataServer';
import { authTypeOf, signInMethodOf } from './common/signIn/methods';
import { missingProjectMessage, projectFromServer, projectOfCredential } from './common/signIn/project';
import { enterpriseTokens, TokenCache } from './common/signIn/tokenCache';
import type { HttpRequest } from './common/signIn/types';
import { requestHeadersOf, SignInError } from './common/signIn/types';

const AUTH_TYPE = '($credentials.authType || "serviceAccount")';
/** A string field of a pasted JSON, read with a pattern so that a malformed JSON fails in preAuthentication, by name. */
const jsonField = (credentialField: string, key: string) =>
	`(String($credentials.${credentialField} || "").match(/"${key}"\\s*:\\s*"([^"]*)"/) || [])[1]`;
const PROJECT =
	`($credentials.projectId || (${AUTH_TYPE} === "serviceAccount" ? ${jsonField('serviceAccountKey', 'project_id')} : ` +
	`${AUTH_TYPE} === "authorizedUser" ? ${jsonField('authorizedUserJson', 'quota_project_id')} : ` +
	`${AUTH_TYPE} === "externalAccount" ? ${jsonField('externalAccountJson', 'quota_project_id')} : "") || "")`;
/**
 * What the credential test lists: one agent of the project (express mode: of the key's project).
 * A metadata-server credential without a project lists the model catalogue instead: the test
 * request is built before sign-in, so the project the metadata server gives cannot be in it;
 * preAuthentication asks for that project all the same, so the test still proves it.
 */
const TEST_PATH_EXPRESSION =
	`={{ ${AUTH_TYPE} === "apiKey" ? "/v1beta1/agents" : ${PROJECT} ? ` +
	`"/v1beta1/projects/" + ${PROJECT} + "/locations/" + ($credentials.location || "global") + "/agents" : ` +
	`"/v1beta1/publishers/google/models" }}`;

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
					name: 'Application Default Credentials (User)',
					value: 'authorizedUser',
					description: 'Paste the JSON that gcloud auth application-default login writes',
				},
				{
					name: 'Metadata Server (Runtime Service Account)',
					value: 'metadataServer',
					description: 'n8n runs on Compute Engine, Cloud Run or GKE: use that runtime\'s service account, no secret needed',
				},
				{
					name: 'Workload Identity Federation',
					value: 'externalAccount',
					description: 'Paste an external_account JSON whose subject token comes from a URL',
				},
				{
					name: 'Vertex AI Express Mode (API Key)',
					value: 'apiKey',
					description: 'An API key for Vertex AI express mode',
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
		// The ADC JSON carries a refresh token and a client secret.
		// eslint-disable-next-line @n8n/community-nodes/credential-unnecessary-password
		{
			displayName: 'Application Default Credentials (JSON)',
			name: 'authorizedUserJson',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			placeholder: '{"type": "authorized_user", "client_id": "…", "client_secret": "…", "refresh_token": "…"}',
			description:
				'The whole file gcloud auth application-default login writes (~/.config/gcloud/application_default_credentials.json)',
			displayOptions: { show: { authType: ['authorizedUser'] } },
		},
		{
			displayName: 'Metadata Server',
			name: 'metadataHost',
			type: 'string',
			default: DEFAULT_METADATA_HOST,
			description:
				'Where the runtime\'s metadata server answers. Keep the default on Google Cloud; n8n\'s SSRF protection must allow it.',
			displayOptions: { show: { authType: ['metadataServer'] } },
		},
		// The configuration may carry a client secret and the subject-token source's headers.
		// eslint-disable-next-line @n8n/community-nodes/credential-unnecessary-password
		{
			displayName: 'External Account Configuration (JSON)',
			name: 'externalAccountJson',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			placeholder: '{"type": "external_account", "audience": "…", "credential_source": {"url": "…"}, …}',
			description:
				'The file gcloud iam workload-identity-pools create-cred-config writes. Only URL subject-token sources are supported.',
			displayOptions: { show: { authType: ['externalAccount'] } },
		},
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description: 'A Vertex AI express mode API key; it is sent in the x-goog-api-key header',
			displayOptions: { show: { authType: ['apiKey'] } },
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
			default: '',
			description: 'Google Cloud project to bill. Leave empty to use the JSON\'s quota_project_id.',
			displayOptions: { show: { authType: ['authorizedUser', 'externalAccount'] } },
		},
		{
			displayName: 'Project ID',
			name: 'projectId',
			type: 'string',
			default: '',
			description: 'Google Cloud project to bill. Leave empty to use the project n8n runs in.',
			displayOptions: { show: { authType: ['metadataServer'] } },
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
			displayOptions: { hide: { authType: ['apiKey'] } },
		},
		{
			displayName: 'Impersonate a Service Account',
			name: 'impersonate',
			type: 'boolean',
			default: false,
			description:
				'Whether to exchange the token for a service account\'s (the signed-in identity needs roles/iam.serviceAccountTokenCreator on it)',
			displayOptions: { hide: { authType: ['apiKey'] } },
		},
		{
			displayName: 'Service Account to Impersonate',
			name: 'impersonatedServiceAccount',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'name@project.iam.gserviceaccount.com',
			displayOptions: { show: { impersonate: [true] }, hide: { authType: ['apiKey'] } },
		},
		{
			displayName: 'IAM Credentials URL',
			name: 'iamCredentialsUrl',
			type: 'string',
			default: DEFAULT_IAM_CREDENTIALS_URL,
			description: 'Where generateAccessToken is called. Change it only for a private endpoint.',
			displayOptions: { show: { impersonate: [true] }, hide: { authType: ['apiKey'] } },
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
		const http: HttpRequest = async (options) => await this.helpers.httpRequest(options);
		// Also for the credential test: a project the node cannot find fails here, by name.
		if (method.usesProject && !projectOfCredential(method, credentials)) {
			if (!method.projectFromServer) throw new SignInError(missingProjectMessage(method));
			await projectFromServer(method, credentials, http);
		}
		if (method.givenToken) return {};
		const rejected = String(credentials.oauthToken ?? '') || undefined;
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
		requestOptions.headers = { ...requestOptions.headers, ...requestHeadersOf(method, credentials, token) };
		return requestOptions;
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL: ENTERPRISE_BASE_URL_EXPRESSION,
			url: TEST_PATH_EXPRESSION,
			method: 'GET',
			qs: { page_size: 1 },
		},
	};
}
