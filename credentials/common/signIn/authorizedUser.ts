import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { asNonEmptyString, parsePastedJson, postForm, readOAuthGrant, requireStrings } from './exchange';
import { GOOGLE_TOKEN_URI } from './serviceAccountKey';
import type { SignInMethod } from './types';
import { bearerForQuotaProject } from './types';

const LABEL = 'Application Default Credentials (user)';
const WHAT = 'ADC JSON';

interface AuthorizedUser {
	client_id: string;
	client_secret: string;
	refresh_token: string;
	quota_project_id?: string;
	token_uri: string;
}

/** The JSON `gcloud auth application-default login` writes (`application_default_credentials.json`). */
export function parseAuthorizedUser(raw: unknown): AuthorizedUser {
	const json = parsePastedJson(raw, LABEL, WHAT, 'authorized_user');
	const fields = requireStrings(json, ['client_id', 'client_secret', 'refresh_token'] as const, LABEL, WHAT);
	return {
		...fields,
		quota_project_id: asNonEmptyString(json.quota_project_id),
		// gcloud does not write token_uri; a gateway or test may set it.
		token_uri: asNonEmptyString(json.token_uri) ?? GOOGLE_TOKEN_URI,
	};
}

const userOf = (credentials: ICredentialDataDecryptedObject) => parseAuthorizedUser(credentials.authorizedUserJson);

/**
 * `authorizedUser`: a user's ADC JSON; the OAuth refresh-token grant gives access tokens. A user
 * has no project: the quota project bills, and is sent as `x-goog-user-project`.
 */
export const authorizedUser: SignInMethod = {
	label: LABEL,
	refreshesOn401: true,
	usesProject: true,
	canImpersonate: true,
	projectHint: 'or give the ADC a quota project: gcloud auth application-default set-quota-project PROJECT_ID',
	projectFromSecret: (credentials) => userOf(credentials).quota_project_id,
	identity(credentials) {
		const user = userOf(credentials);
		return [user.token_uri, user.client_id, user.refresh_token].join('\n');
	},
	async fetchToken(credentials, http) {
		const user = userOf(credentials);
		const step = { label: LABEL, step: 'the refresh-token grant', url: user.token_uri };
		const response = await postForm(http, step, {
			grant_type: 'refresh_token',
			client_id: user.client_id,
			client_secret: user.client_secret,
			refresh_token: user.refresh_token,
		});
		return readOAuthGrant(step, response);
	},
	requestHeaders: (credentials, token) => bearerForQuotaProject(token, userOf(credentials).quota_project_id),
};
