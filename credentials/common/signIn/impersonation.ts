import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { CLOUD_PLATFORM_SCOPE, postJson, readIamGrant } from './exchange';
import type { SignInMethod } from './types';
import { requestHeadersOf, SignInError } from './types';

export const DEFAULT_IAM_CREDENTIALS_URL = 'https://iamcredentials.googleapis.com';
const SERVICE_ACCOUNT_EMAIL = /^[^@\s/]+@[^@\s/]+$/;

export interface ImpersonationTarget {
	email: string;
	baseUrl: string;
}

/** The service account the credential impersonates, when its "Impersonate a Service Account" is on. */
export function impersonationTarget(credentials: ICredentialDataDecryptedObject, label: string): ImpersonationTarget | undefined {
	if (credentials.impersonate !== true) return undefined;
	const email = String(credentials.impersonatedServiceAccount ?? '').trim();
	if (!SERVICE_ACCOUNT_EMAIL.test(email)) {
		throw new SignInError(
			`${label} with impersonation: "Service Account to Impersonate" must be a service account's email, such as name@project.iam.gserviceaccount.com`,
		);
	}
	const baseUrl = String(credentials.iamCredentialsUrl ?? '').trim().replace(/\/+$/, '') || DEFAULT_IAM_CREDENTIALS_URL;
	return { email, baseUrl };
}

export function generateAccessTokenUrl(target: ImpersonationTarget): string {
	return `${target.baseUrl}/v1/projects/-/serviceAccounts/${target.email}:generateAccessToken`;
}

/**
 * Any method's token, exchanged for a service account's at the IAM Credentials API
 * (`generateAccessToken`); the caller needs roles/iam.serviceAccountTokenCreator on it. The
 * source token is fetched anew for each impersonated one, so a source that expired or was
 * revoked is never sent.
 */
export function impersonating(source: SignInMethod): SignInMethod {
	const label = `${source.label} with impersonation`;
	const targetOf = (credentials: ICredentialDataDecryptedObject) =>
		impersonationTarget(credentials, source.label) as ImpersonationTarget;
	return {
		label,
		refreshesOn401: true,
		usesProject: source.usesProject,
		canImpersonate: false,
		projectFromSecret: (credentials) => source.projectFromSecret(credentials),
		projectFromServer: source.projectFromServer,
		projectHint: source.projectHint,
		identity(credentials) {
			const target = targetOf(credentials);
			return [source.identity(credentials), target.email, target.baseUrl].join('\n');
		},
		async fetchToken(credentials, http) {
			const target = targetOf(credentials);
			const sourceToken = (await source.fetchToken(credentials, http)).accessToken;
			const step = { label, step: `impersonating ${target.email}`, url: generateAccessTokenUrl(target) };
			const body = { scope: [CLOUD_PLATFORM_SCOPE], lifetime: '3600s' };
			// The source's own headers: an ADC user's quota project bills the IAM call too.
			return readIamGrant(step, await postJson(http, step, body, requestHeadersOf(source, credentials, sourceToken)));
		},
	};
}
