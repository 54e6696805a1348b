import type { GeminiApiClient } from '../transport/client';
import { resourcePath } from '../transport/client';
import type { Agent, AgentList } from '../wire/types';

/** The largest page the Agents API serves. */
export const MAX_AGENT_PAGE_SIZE = 100;

export interface PageCall {
	timeoutMs: number;
	itemIndex?: number;
}

/** One page of `GET agents`. */
export async function agentPage(
	client: GeminiApiClient,
	pageSize: number,
	pageToken: string | undefined,
	call: PageCall,
): Promise<{ agents: Agent[]; nextPageToken?: string }> {
	const page = await client.request<AgentList>({
		method: 'GET',
		path: resourcePath('agents'),
		qs: { page_size: Math.min(MAX_AGENT_PAGE_SIZE, pageSize), ...(pageToken ? { page_token: pageToken } : {}) },
		...call,
	});
	return { agents: page.agents ?? [], nextPageToken: page.next_page_token || undefined };
}

/** Pages through `GET agents` with `next_page_token` until `limit` agents (or all of them) are read. */
export async function listCustomAgents(client: GeminiApiClient, limit: number, call: PageCall): Promise<Agent[]> {
	const agents: Agent[] = [];
	let pageToken: string | undefined;
	do {
		const page = await agentPage(client, limit - agents.length, pageToken, call);
		agents.push(...page.agents);
		pageToken = page.nextPageToken;
	} while (pageToken && agents.length < limit);
	return agents.slice(0, limit);
}
