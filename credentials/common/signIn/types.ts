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
	/** How errors name the method: "Application Default Credentials (user)". */
	readonly label: string;
	/** Whether a 401 means the token ran out and another can be had (not so for a pasted token). */
	readonly refreshesOn401: boolean;
	/**
	 * Whether requests name a project and location in their path. False for Vertex express mode,
	 * whose API key already belongs to a project: `/v1beta1/interactions`.
	 */
	readonly usesProject: boolean;
	/** Whether another token can be had for it by impersonating a service account. */
	readonly canImpersonate: boolean;
	/** The project the credential's own secret names, if it names one (a key's `project_id`). */
	projectFromSecret(credentials: ICredentialDataDecryptedObject): string | undefined;
	/** How else than "Project ID" a project can be given, for the error when there is none. */
	readonly projectHint?: string;
	/**
	 * For a method whose project is asked of a server (the metadata server) when the credential
	 * names none. Called through a process-wide cache, so once per server.
	 */
	projectFromServer?(credentials: ICredentialDataDecryptedObject, http: HttpRequest): Promise<string>;
	/**
	 * What identifies the secret a token belongs to, so that one cached token serves every
	 * request made with the same secret. Hashed before use; never shown.
	 */
	identity(credentials: ICredentialDataDecryptedObject): string;
	/** For a method whose token is given rather than fetched (a pasted token, an API key): that token. */
	givenToken?(credentials: ICredentialDataDecryptedObject): string;
	/** Gets a fresh token; a refusal throws a `SignInError`. */
	fetchToken(credentials: ICredentialDataDecryptedObject, http: HttpRequest): Promise<TokenGrant>;
	/**
	 * The headers that carry the token on a request. Without it: `Authorization: Bearer <token>`.
	 * An ADC user adds `x-goog-user-project`; express mode sends `x-goog-api-key` instead.
	 */
	requestHeaders?(credentials: ICredentialDataDecryptedObject, token: string): Record<string, string>;
}

/** `Authorization: Bearer <token>`: how every method but express mode sends its token. */
export function bearer(token: string): Record<string, string> {
	return { Authorization: `Bearer ${token.trim()}` };
}

/** A bearer token billed to a quota project (`x-goog-user-project`), as user and federated identities need. */
export function bearerForQuotaProject(token: string, quotaProject: string | undefined): Record<string, string> {
	return { ...bearer(token), ...(quotaProject ? { 'x-goog-user-project': quotaProject } : {}) };
}

/** The headers a method sends its token in. */
export function requestHeadersOf(
	method: SignInMethod,
	credentials: ICredentialDataDecryptedObject,
	token: string,
): Record<string, string> {
	return method.requestHeaders ? method.requestHeaders(credentials, token) : bearer(token);
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
