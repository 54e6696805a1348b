import type { ICredentialDataDecryptedObject, IHttpRequestOptions } from 'n8n-workflow';

/** n8n's plain request helper as a credential's `preAuthentication` gets it (full response, no throw on status). */
export type HttpRequest = (options: IHttpRequestOptions) => Promise<unknown>;

/** An access token and, when the issuer said so, how long it lives. */
export interface TokenGrant {
	accessToken: string;
	expiresInSeconds?: number;
}

/**
 * One way of signing in to Google's enterprise platform: a value of the enterprise credential's
 * `authType` field. Adding a method is one module implementing this plus its credential fields.
 */
export interface SignInMethod {
	/** Whether a 401 means the token ran out and another can be had (not so for a pasted token). */
	readonly refreshesOn401: boolean;
	/** The project the credential's own secret names, if it names one (a key's `project_id`). */
	projectFromSecret(credentials: ICredentialDataDecryptedObject): string | undefined;
	/**
	 * What identifies the secret a token belongs to, so that one cached token serves every
	 * request made with the same secret. Hashed before use; never shown.
	 */
	identity(credentials: ICredentialDataDecryptedObject): string;
	/** For a method whose token is given rather than fetched (a pasted token): that token. */
	givenToken?(credentials: ICredentialDataDecryptedObject): string;
	/** Gets a fresh token; a refusal throws a `SignInError`. */
	fetchToken(credentials: ICredentialDataDecryptedObject, http: HttpRequest): Promise<TokenGrant>;
}

/**
 * A problem with the credential or with the token exchange. Its message never contains secret
 * material. `refused`: the issuer answered and said no (as opposed to being unreachable).
 */
export class SignInError extends Error {
	constructor(
		message: string,
		readonly refused = true,
	) {
		super(message);
		this.name = 'SignInError';
	}
}
