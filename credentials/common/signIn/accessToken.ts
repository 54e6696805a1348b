import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import type { SignInMethod } from './types';
import { SignInError } from './types';

function pastedToken(credentials: ICredentialDataDecryptedObject): string {
	return String(credentials.accessToken ?? '').trim();
}

/**
 * `accessToken`: a token the user pasted (e.g. from `gcloud auth print-access-token`). It is
 * sent as it is; nothing can renew it, so a 401 is final.
 */
export const accessToken: SignInMethod = {
	label: 'Access token',
	refreshesOn401: false,
	usesProject: true,
	canImpersonate: true,
	projectFromSecret: () => undefined,
	identity: pastedToken,
	givenToken: pastedToken,
	async fetchToken(credentials) {
		const token = pastedToken(credentials);
		if (token === '') throw new SignInError('The access token is empty: paste a token, e.g. from gcloud auth print-access-token');
		return { accessToken: token };
	},
};
