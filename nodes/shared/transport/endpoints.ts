import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { enterpriseHost } from '../../../credentials/common/enterpriseHost';
import { signInMethodOf } from '../../../credentials/common/signIn/methods';

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
}

function trimTrailingSlashes(url: string): string {
	return url.replace(/\/+$/, '');
}

/** The secret's project, or the reason the secret cannot be read (which then matters more than the project). */
function projectFromSecret(credentials: ICredentialDataDecryptedObject): { project?: string; problem?: string } {
	try {
		return { project: signInMethodOf(credentials).projectFromSecret(credentials) };
	} catch (error) {
		return { problem: (error as Error).message };
	}
}

/** The endpoint, or a message naming the credential field to fix. */
export function resolveEndpoint(mode: AuthMode, credentials: ICredentialDataDecryptedObject): ApiEndpoint | string {
	if (mode === 'apiKey') {
		const root = trimTrailingSlashes(String(credentials.baseUrl || GEMINI_API_BASE_URL));
		const version = String(credentials.apiVersion || 'v1');
		return { collectionUrl: `${root}/${version}`, modelsUrl: `${root}/${version}/models` };
	}
	const location = String(credentials.location || 'global').trim();
	let project = String(credentials.projectId ?? '').trim();
	if (!project) {
		const fromSecret = projectFromSecret(credentials);
		if (fromSecret.problem) return fromSecret.problem;
		project = fromSecret.project ?? '';
	}
	if (!project) {
		return 'The Gemini Enterprise credential has no project: set "Project ID" or use a key that contains project_id';
	}
	if (!/^[a-z0-9-]+$/.test(location)) {
		return `The Gemini Enterprise credential's location "${location}" is not a valid location`;
	}
	const root = trimTrailingSlashes(String(credentials.baseUrl || '') || enterpriseHost(location));
	return {
		collectionUrl: `${root}/v1beta1/projects/${encodeURIComponent(project)}/locations/${location}`,
		modelsUrl: `${root}/v1beta1/publishers/google/models`,
	};
}
