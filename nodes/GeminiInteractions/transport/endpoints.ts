import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

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

function projectFromKey(serviceAccountKey: unknown): string | undefined {
	if (typeof serviceAccountKey !== 'string' || serviceAccountKey.trim() === '') return undefined;
	try {
		const key = JSON.parse(serviceAccountKey) as { project_id?: unknown };
		return typeof key.project_id === 'string' && key.project_id !== '' ? key.project_id : undefined;
	} catch {
		return undefined;
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
	const project =
		String(credentials.projectId ?? '').trim() ||
		(credentials.authType === 'accessToken' ? undefined : projectFromKey(credentials.serviceAccountKey));
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
