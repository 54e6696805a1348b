import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { parseServiceAccountKey } from '../../../credentials/common/serviceAccount';

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

/** Google's host for a Vertex / Gemini Enterprise location (wire reference §1.1). */
export function enterpriseHost(location: string): string {
	if (location === 'global') return 'https://aiplatform.googleapis.com';
	if (location === 'us' || location === 'eu') return `https://aiplatform.${location}.rep.googleapis.com`;
	return `https://${location}-aiplatform.googleapis.com`;
}

/** The key's project, or the reason the key cannot be read (which then matters more than the project). */
function projectFromKey(serviceAccountKey: unknown): { project?: string; problem?: string } {
	try {
		return { project: parseServiceAccountKey(serviceAccountKey).project_id };
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
	if (!project && credentials.authType !== 'accessToken') {
		const fromKey = projectFromKey(credentials.serviceAccountKey);
		if (fromKey.problem) return fromKey.problem;
		project = fromKey.project ?? '';
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
