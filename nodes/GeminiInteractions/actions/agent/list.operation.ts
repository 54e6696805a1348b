import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { GeminiApiClient } from '../../../shared/transport/client';
import { resourcePath } from '../../../shared/transport/client';
import type { Agent, AgentList } from '../../../shared/wire/types';
import { requestTimeoutMs } from '../backgroundRun';
import { optionsCollection, timeoutOption } from '../descriptions';

/** The largest page the Agents API serves. */
const MAX_PAGE_SIZE = 100;

const properties: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		displayOptions: { show: { returnAll: [false] } },
		description: 'Max number of results to return',
	},
	optionsCollection([timeoutOption(60)]),
];

export const description = updateDisplayOptions({ show: { resource: ['agent'], operation: ['list'] } }, properties);

/** Pages through `GET agents` with `next_page_token` until `limit` agents (or all of them) are read. */
export async function listCustomAgents(
	client: GeminiApiClient,
	limit: number,
	call: { timeoutMs: number; itemIndex?: number },
): Promise<Agent[]> {
	const agents: Agent[] = [];
	let pageToken: string | undefined;
	do {
		const page = await client.request<AgentList>({
			method: 'GET',
			path: resourcePath('agents'),
			qs: {
				page_size: Math.min(MAX_PAGE_SIZE, limit - agents.length),
				...(pageToken ? { page_token: pageToken } : {}),
			},
			...call,
		});
		agents.push(...(page.agents ?? []));
		pageToken = page.next_page_token || undefined;
	} while (pageToken && agents.length < limit);
	return agents.slice(0, limit);
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: GeminiApiClient,
): Promise<INodeExecutionData[]> {
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const limit = returnAll ? Infinity : Math.max(1, Number(this.getNodeParameter('limit', itemIndex, 50)) || 50);
	const agents = await listCustomAgents(client, limit, {
		timeoutMs: requestTimeoutMs(this.getNodeParameter('options', itemIndex, {})),
		itemIndex,
	});
	return agents.map((agent) => ({ json: agent as IDataObject, pairedItem: { item: itemIndex } }));
}
