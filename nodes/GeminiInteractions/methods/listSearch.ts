import type { ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';

import { isDeprecatedModel, normalizeModelId } from '../request/modelSelection';
import { GeminiApiClient } from '../transport/api';
import type { AuthMode } from '../transport/endpoints';

interface GeminiApiModel {
	name: string;
	displayName?: string;
	description?: string;
	supportedGenerationMethods?: string[];
}

interface ModelPage {
	models?: GeminiApiModel[];
	publisherModels?: GeminiApiModel[];
	nextPageToken?: string;
}

/** Gemini chat models only: embeddings, image and speech-only models cannot hold an interaction. */
function isConversationalModel(id: string): boolean {
	return id.startsWith('gemini-') && !/(embedding|tts|image-generation|native-audio)/.test(id);
}

export async function searchModels(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const authMode = this.getNodeParameter('authentication', 'apiKey') as AuthMode;
	const client = new GeminiApiClient(this, authMode);
	const page = await client.request<ModelPage>({
		method: 'GET',
		path: 'models:',
		qs: { pageSize: 1000, ...(paginationToken ? { pageToken: paginationToken } : {}) },
		timeoutMs: 30_000,
	});
	const needle = (filter ?? '').toLowerCase();
	const results: INodeListSearchItems[] = [...(page.models ?? []), ...(page.publisherModels ?? [])]
		.map((model) => ({ model, id: normalizeModelId(model.name) }))
		.filter(({ id }) => isConversationalModel(id))
		.filter(({ model, id }) => !needle || `${id} ${model.displayName ?? ''}`.toLowerCase().includes(needle))
		.map(({ model, id }) => ({
			name: `${model.displayName ?? id}${isDeprecatedModel(id) ? ' (deprecated)' : ''}`,
			value: id,
			description: model.description,
		}))
		.sort((a, b) => Number(isDeprecatedModel(a.value as string)) - Number(isDeprecatedModel(b.value as string)) || a.name.localeCompare(b.name));
	return { results, paginationToken: page.nextPageToken || undefined };
}
