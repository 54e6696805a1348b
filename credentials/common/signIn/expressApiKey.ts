import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import type { SignInMethod } from './types';
import { SignInError } from './types';

const LABEL = 'Vertex AI express mode';

function apiKeyOf(credentials: ICredentialDataDecryptedObject): string {
	return String(credentials.apiKey ?? '').trim();
}

/**
 * `apiKey`: Vertex AI express mode. The key belongs to a project already, so requests go to
 * `/v1beta1/interactions` with no project or location, and it travels as `x-goog-api-key`.
 */
export const expressApiKey: SignInMethod = {
	label: LABEL,
	refreshesOn401: false,
	usesProject: false,
	canImpersonate: false,
	projectFromSecret: () => undefined,
	identity: apiKeyOf,
	givenToken: apiKeyOf,
	async fetchToken(credentials) {
		const key = apiKeyOf(credentials);
		if (key === '') throw new SignInError(`${LABEL}: the API key is empty: paste a Vertex AI API key`);
		return { accessToken: key };
	},
	requestHeaders: (_credentials, key) => ({ 'x-goog-api-key': key.trim() }),
};
