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

/** Reads pages (`page_size`, `page_token` → `next_page_token`) until `limit` entries, or all of them. */
export async function readPages<T>(
	limit: number,
	fetchPage: (query: { page_size: number; page_token?: string }) => Promise<{ entries?: T[]; next_page_token?: string }>,
): Promise<T[]> {
	const entries: T[] = [];
	let pageToken: string | undefined;
	do {
		const page = await fetchPage({
			page_size: Math.min(MAX_AGENT_PAGE_SIZE, limit - entries.length),
			...(pageToken ? { page_token: pageToken } : {}),
		});
		entries.push(...(page.entries ?? []));
		pageToken = page.next_page_token || undefined;
	} while (pageToken && entries.length < limit);
	return entries.slice(0, limit);
}

/** Pages through `GET agents` until `limit` agents (or all of them) are read. */
export async function listCustomAgents(client: GeminiApiClient, limit: number, call: PageCall): Promise<Agent[]> {
	return await readPages(limit, async (query) => {
		const page = await agentPage(client, query.page_size, query.page_token, call);
		return { entries: page.agents, next_page_token: page.nextPageToken };
	});
}
