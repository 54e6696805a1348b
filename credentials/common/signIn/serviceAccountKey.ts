import { createSign } from 'node:crypto';

import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { asNonEmptyString, CLOUD_PLATFORM_SCOPE, safeJson } from './exchange';

export { CLOUD_PLATFORM_SCOPE };
import type { HttpRequest, SignInMethod, TokenGrant } from './types';
import { SignInError } from './types';

export const GOOGLE_TOKEN_URI = 'https://oauth2.googleapis.com/token';
export const JWT_BEARER_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
/** Google rejects assertions that live longer than an hour. */
const ASSERTION_LIFETIME_SECONDS = 3600;

export interface ServiceAccountKey {
	client_email: string;
	private_key: string;
	token_uri: string;
	project_id?: string;
	private_key_id?: string;
}

/**
 * Reads the service-account key JSON as pasted by a user (the whole file Google Cloud
 * downloads). Accepts an already-parsed object too, since expressions can yield one.
 */
export function parseServiceAccountKey(raw: unknown): ServiceAccountKey {
	let parsed: unknown = raw;
	if (typeof raw === 'string') {
		if (raw.trim() === '') {
			throw new SignInError('The service account key is empty: paste the whole JSON key file');
		}
		parsed = safeJson(raw);
		if (parsed === undefined) {
			throw new SignInError(
				'The service account key is not valid JSON: paste the whole JSON key file downloaded from Google Cloud',
			);
		}
	}
	if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
		throw new SignInError('The service account key must be a JSON object');
	}
	const key = parsed as Record<string, unknown>;
	const missing = ['client_email', 'private_key'].filter((field) => !asNonEmptyString(key[field]));
	if (missing.length > 0) {
		throw new SignInError(
			`The service account key has no ${missing.join(' or ')}: use a key of type "service_account"`,
		);
	}
	const privateKey = (key.private_key as string).replace(/\\n/g, '\n');
	if (!privateKey.includes('PRIVATE KEY-----')) {
		throw new SignInError('The service account key\'s private_key is not a PEM private key');
	}
	return {
		client_email: key.client_email as string,
		private_key: privateKey,
		token_uri: asNonEmptyString(key.token_uri) ?? GOOGLE_TOKEN_URI,
		project_id: asNonEmptyString(key.project_id),
		private_key_id: asNonEmptyString(key.private_key_id),
	};
}

function base64UrlJson(value: object): string {
	return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** The signed JWT that the token endpoint exchanges for an access token (RFC 7523). */
export function createJwtAssertion(
	key: ServiceAccountKey,
	nowSeconds: number = Math.floor(Date.now() / 1000),
	scope: string = CLOUD_PLATFORM_SCOPE,
): string {
	const header = { alg: 'RS256', typ: 'JWT', ...(key.private_key_id ? { kid: key.private_key_id } : {}) };
	const claims = {
		iss: key.client_email,
		sub: key.client_email,
		aud: key.token_uri,
		scope,
		iat: nowSeconds,
		exp: nowSeconds + ASSERTION_LIFETIME_SECONDS,
	};
	const signingInput = `${base64UrlJson(header)}.${base64UrlJson(claims)}`;
	let signature: string | undefined;
	try {
		signature = createSign('RSA-SHA256').update(signingInput).sign(key.private_key, 'base64url');
	} catch {
		signature = undefined;
	}
	if (signature === undefined) {
		throw new SignInError(
			'The service account key\'s private_key could not be used to sign: the key may be truncated or corrupted',
		);
	}
	return `${signingInput}.${signature}`;
}

export function tokenRequestBody(assertion: string): string {
	return new URLSearchParams({ grant_type: JWT_BEARER_GRANT, assertion }).toString();
}

/**
 * Turns the token endpoint's answer into an access token, or an error that says why Google
 * refused the key (`invalid_grant: Invalid JWT Signature.` and the like).
 */
export function readTokenResponse(statusCode: number, body: unknown, tokenUri: string): TokenGrant {
	const data = (typeof body === 'string' ? safeJson(body) : body) as Record<string, unknown> | undefined;
	const token = data && asNonEmptyString(data.access_token);
	if (statusCode >= 200 && statusCode < 300 && token) {
		const expiresIn = Number(data.expires_in);
		return { accessToken: token, expiresInSeconds: Number.isFinite(expiresIn) && expiresIn > 0 ? expiresIn : undefined };
	}
	const reason = [data?.error, data?.error_description].filter((part) => typeof part === 'string').join(': ');
	throw new SignInError(
		`The token endpoint (${tokenUri}) refused the service account key` +
			(statusCode ? ` with HTTP ${statusCode}` : '') +
			(reason ? `: ${reason}` : ''),
	);
}

/** `serviceAccount`: a pasted JSON key; a signed JWT is exchanged at the key's `token_uri` (RFC 7523). */
export const serviceAccountKey: SignInMethod = {
	label: 'Service account key',
	refreshesOn401: true,
	usesProject: true,
	canImpersonate: true,
	projectHint: 'or use a key that contains project_id',
	projectFromSecret: (credentials: ICredentialDataDecryptedObject) =>
		parseServiceAccountKey(credentials.serviceAccountKey).project_id,
	identity(credentials: ICredentialDataDecryptedObject) {
		const key = parseServiceAccountKey(credentials.serviceAccountKey);
		return [key.client_email, key.token_uri, key.private_key].join('\n');
	},
	async fetchToken(credentials: ICredentialDataDecryptedObject, http: HttpRequest): Promise<TokenGrant> {
		const key = parseServiceAccountKey(credentials.serviceAccountKey);
		const response = (await http({
			method: 'POST',
			url: key.token_uri,
			headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
			body: tokenRequestBody(createJwtAssertion(key)),
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			timeout: 30_000,
		})) as { statusCode: number; body: unknown };
		return readTokenResponse(response.statusCode, response.body, key.token_uri);
	},
};
