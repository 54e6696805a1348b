import type { IDataObject, IExecuteFunctions, IHttpRequestMethods } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { GeminiApiClient } from '../../../shared/transport/client';
import { resourcePath } from '../../../shared/transport/client';
import { agentNotFound, requestResource } from '../../../shared/transport/resourceErrors';
import { MAX_AGENT_PAGE_SIZE } from '../../../shared/methods/agentPages';
import { requestTimeoutMs } from '../backgroundRun';

/** The custom agent picked in the "Agent" locator of Get and Delete Custom Agent. */
export function readCustomAgentId(ctx: IExecuteFunctions, itemIndex: number): string {
	const id = String(ctx.getNodeParameter('agent', itemIndex, '', { extractValue: true }) ?? '').trim();
	if (id === '') {
		throw new NodeOperationError(ctx.getNode(), 'The parameter "Agent" is empty', {
			itemIndex,
			description: 'Pick a custom agent from the list or enter its ID.',
		});
	}
	return id;
}

/** `GET`, `PATCH` or `DELETE agents/{id}` (or `agents/{id}/versions`); a 404 names the agent. */
export async function requestCustomAgent<T>(
	ctx: IExecuteFunctions,
	itemIndex: number,
	client: GeminiApiClient,
	id: string,
	method: IHttpRequestMethods,
	extra: { action?: 'versions'; body?: object; qs?: IDataObject } = {},
): Promise<T> {
	return await requestResource<T>(
		ctx.getNode(),
		client,
		{
			method,
			path: resourcePath('agents', id, extra.action),
			...(extra.body ? { body: extra.body } : {}),
			...(extra.qs ? { qs: extra.qs } : {}),
			timeoutMs: requestTimeoutMs(ctx.getNodeParameter('options', itemIndex, {})),
			itemIndex,
		},
		agentNotFound(id),
	);
}

/** Reads pages of an agent's sub-collection (`page_size`, `page_token` → `next_page_token`) until `limit` entries, or all. */
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
