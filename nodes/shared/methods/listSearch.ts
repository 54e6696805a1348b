import type { ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';

import { BUILT_IN_AGENTS } from '../wire/request/agentConfig';
import { isDeprecatedModel, normalizeModelId } from '../wire/request/modelSelection';
import { GeminiApiClient } from '../transport/client';
import type { AuthMode } from '../transport/endpoints';
import { settle } from '../transport/resourceErrors';
import { agentPage, MAX_AGENT_PAGE_SIZE } from './agentPages';

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

/** One page of custom agents (the Agents API's largest), matching the filter. */
async function customAgentPage(
	ctx: ILoadOptionsFunctions,
	filter: string | undefined,
	paginationToken: string | undefined,
): Promise<INodeListSearchResult> {
	const authMode = ctx.getNodeParameter('authentication', 'apiKey') as AuthMode;
	const client = new GeminiApiClient(ctx, authMode);
	const page = await agentPage(client, MAX_AGENT_PAGE_SIZE, paginationToken, { timeoutMs: 30_000 });
	const needle = (filter ?? '').toLowerCase();
	const results: INodeListSearchItems[] = page.agents
		.filter((agent) => !needle || `${agent.id} ${agent.description ?? ''}`.toLowerCase().includes(needle))
		.map((agent) => ({
			name: agent.id,
			value: agent.id,
			description: [agent.description, agent.base_agent ? `based on ${agent.base_agent}` : undefined]
				.filter(Boolean)
				.join(' — '),
		}));
	return { results, paginationToken: page.nextPageToken };
}

/** Run Agent's picker: the built-in agents first, then the custom agents listed live. */
export async function searchAgents(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const needle = (filter ?? '').toLowerCase();
	const builtIns: INodeListSearchItems[] = paginationToken
		? []
		: BUILT_IN_AGENTS.filter((agent) => !needle || `${agent.id} ${agent.name}`.toLowerCase().includes(needle)).map(
				(agent) => ({ name: `${agent.name} (${agent.id})`, value: agent.id, description: agent.description }),
			);
	// Custom agents are optional: where the Agents API is unavailable (e.g. some Vertex
	// locations) the built-in agents must still be pickable, so a failed listing shows them alone.
	const custom = await settle(customAgentPage(this, filter, paginationToken));
	if (!custom.ok) return { results: builtIns };
	return { results: [...builtIns, ...custom.value.results], paginationToken: custom.value.paginationToken };
}

/** Get / Delete Custom Agent's picker: custom agents only. */
export async function searchCustomAgents(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await customAgentPage(this, filter, paginationToken);
}
