import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { accessToken } from './accessToken';
import { authorizedUser } from './authorizedUser';
import { expressApiKey } from './expressApiKey';
import { externalAccount } from './externalAccount';
import { impersonating, impersonationTarget } from './impersonation';
import { metadataServer } from './metadataServer';
import { serviceAccountKey } from './serviceAccountKey';
import type { SignInMethod } from './types';
import { SignInError } from './types';

/** The enterprise credential's `authType` values and how each gets a token. */
export const SIGN_IN_METHODS: Record<string, SignInMethod> = {
	serviceAccount: serviceAccountKey,
	accessToken,
	authorizedUser,
	metadataServer,
	externalAccount,
	apiKey: expressApiKey,
};

/** What a credential saved before `authType` existed meant. */
export const DEFAULT_AUTH_TYPE = 'serviceAccount';

export function authTypeOf(credentials: ICredentialDataDecryptedObject): string {
	return String(credentials.authType || DEFAULT_AUTH_TYPE);
}

/** The credential's method, wrapped in service-account impersonation when the credential asks for it. */
export function signInMethodOf(credentials: ICredentialDataDecryptedObject): SignInMethod {
	const authType = authTypeOf(credentials);
	const method = SIGN_IN_METHODS[authType];
	if (!method) throw new SignInError(`The credential's authentication "${authType}" is not supported by this version of the node`);
	return method.canImpersonate && impersonationTarget(credentials, method.label) ? impersonating(method) : method;
}
