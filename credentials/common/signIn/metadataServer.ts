import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { readOAuthGrant, readText, send, where } from './exchange';
import type { SignInMethod } from './types';
import { SignInError } from './types';

const LABEL = 'Metadata server';
export const DEFAULT_METADATA_HOST = 'http://metadata.google.internal';
/** Every metadata request must carry it; the server refuses requests without it (SSRF guard). */
const METADATA_HEADERS = { 'Metadata-Flavor': 'Google' };
/** The metadata server is local: a slow answer means it is not there. */
const METADATA_TIMEOUT_MS = 10_000;

/** `http://metadata.google.internal` or the credential's override, without a trailing slash. */
export function metadataHost(credentials: ICredentialDataDecryptedObject): string {
	const host = String(credentials.metadataHost ?? '').trim().replace(/\/+$/, '') || DEFAULT_METADATA_HOST;
	if (!/^https?:\/\/[^/?#]+$/.test(host)) {
		throw new SignInError(`${LABEL}: the metadata host "${where(host)}" must be a scheme and host, such as ${DEFAULT_METADATA_HOST}`);
	}
	return host;
}

async function ask(credentials: ICredentialDataDecryptedObject, http: Parameters<SignInMethod['fetchToken']>[1], path: string, step: string) {
	const target = { label: LABEL, step, url: `${metadataHost(credentials)}/computeMetadata/v1/${path}` };
	const response = await send(http, target, { method: 'GET', headers: METADATA_HEADERS, timeout: METADATA_TIMEOUT_MS });
	return { target, response };
}

/**
 * `metadataServer`: the service account of the machine n8n runs on (Compute Engine, Cloud Run,
 * GKE with Workload Identity). No secret at all: the metadata server hands out its tokens.
 */
export const metadataServer: SignInMethod = {
	label: LABEL,
	refreshesOn401: true,
	usesProject: true,
	canImpersonate: true,
	projectFromSecret: () => undefined,
	async projectFromServer(credentials, http) {
		const { target, response } = await ask(credentials, http, 'project/project-id', "reading the project ID");
		return readText(target, response);
	},
	identity: (credentials) => metadataHost(credentials),
	async fetchToken(credentials, http) {
		const { target, response } = await ask(
			credentials,
			http,
			'instance/service-accounts/default/token',
			"getting the service account's token",
		);
		return readOAuthGrant(target, response);
	},
};
