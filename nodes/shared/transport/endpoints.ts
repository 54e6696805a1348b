import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { enterpriseHost } from '../../../credentials/common/enterpriseHost';
import { signInMethodOf } from '../../../credentials/common/signIn/methods';
import {
	missingProjectMessage,
	projectFromServer,
	projectOfCredential,
} from '../../../credentials/common/signIn/project';
import type { HttpRequest } from '../../../credentials/common/signIn/types';

export type AuthMode = 'apiKey' | 'enterprise';

export const CREDENTIAL_TYPES: Record<AuthMode, string> = {
	apiKey: 'geminiInteractionsApi',
	enterprise: 'geminiInteractionsEnterpriseApi',
};

export const GEMINI_API_BASE_URL = 'https://generativelanguage.googleapis.com';

export interface ApiEndpoint {
	/** Where `interactions` and `agents` live, e.g. `https://…/v1` or `https://…/v1beta1/projects/p/locations/l`. */
	collectionUrl: string;
	/** The model catalogue for the model picker. */
	modelsUrl: string;
	/** The collection URL under `/upload/`, where file bytes go (environment files, the Files API). */
	uploadUrl: string;
	/** Whether the Files API (`files`, `upload/…/files`) exists there: the Gemini API has it, Vertex does not. */
	filesApi: boolean;
	/** Whether a 401 is worth a new token and one retry (not for an API key or a pasted token). */
	refreshesOn401: boolean;
}

function trimTrailingSlashes(url: string): string {
	return url.replace(/\/+$/, '');
}

/**
 * The endpoint, or a message naming the credential field to fix. `serverProject` is the project
 * a server gave (the metadata server's), used when the credential names none.
 */
export function resolveEndpoint(
	mode: AuthMode,
	credentials: ICredentialDataDecryptedObject,
	serverProject?: string,
): ApiEndpoint | string {
	if (mode === 'apiKey') {
		const root = trimTrailingSlashes(String(credentials.baseUrl || GEMINI_API_BASE_URL));
		const version = String(credentials.apiVersion || 'v1');
		return {
			collectionUrl: `${root}/${version}`,
			modelsUrl: `${root}/${version}/models`,
			uploadUrl: `${root}/upload/${version}`,
			filesApi: true,
			refreshesOn401: false,
		};
	}
	let method;
	let project: string | undefined;
	try {
		method = signInMethodOf(credentials);
		project = method.usesProject ? (projectOfCredential(method, credentials) ?? serverProject) : undefined;
	} catch (error) {
		// The secret cannot be read: that matters more than the project.
		return (error as Error).message;
	}
	const { refreshesOn401 } = method;
	const location = String(credentials.location || 'global').trim();
	if (!method.usesProject) {
		// Vertex express mode: the key's own project, on the global endpoint.
		const root = trimTrailingSlashes(String(credentials.baseUrl || '') || enterpriseHost('global'));
		return {
			collectionUrl: `${root}/v1beta1`,
			modelsUrl: `${root}/v1beta1/publishers/google/models`,
			uploadUrl: `${root}/upload/v1beta1`,
			filesApi: false,
			refreshesOn401,
		};
	}
	if (!project) return missingProjectMessage(method);
	if (!/^[a-z0-9-]+$/.test(location)) {
		return `The Gemini Enterprise credential's location "${location}" is not a valid location`;
	}
	const root = trimTrailingSlashes(String(credentials.baseUrl || '') || enterpriseHost(location));
	const collection = `v1beta1/projects/${encodeURIComponent(project)}/locations/${location}`;
	return {
		collectionUrl: `${root}/${collection}`,
		modelsUrl: `${root}/v1beta1/publishers/google/models`,
		uploadUrl: `${root}/upload/${collection}`,
		filesApi: false,
		refreshesOn401,
	};
}

/**
 * `resolveEndpoint`, first asking a server for the project when the credential's method does so
 * and names none (the metadata server; cached for the process). `http` is n8n's plain request helper.
 */
export async function lookUpEndpoint(
	mode: AuthMode,
	credentials: ICredentialDataDecryptedObject,
	http: HttpRequest | undefined,
): Promise<ApiEndpoint | string> {
	if (mode !== 'enterprise') return resolveEndpoint(mode, credentials);
	try {
		const method = signInMethodOf(credentials);
		if (method.usesProject && method.projectFromServer && !projectOfCredential(method, credentials)) {
			if (!http) return `${missingProjectMessage(method)}: this n8n context cannot ask the metadata server for it`;
			return resolveEndpoint(mode, credentials, await projectFromServer(method, credentials, http));
		}
	} catch (error) {
		return (error as Error).message;
	}
	return resolveEndpoint(mode, credentials);
}
