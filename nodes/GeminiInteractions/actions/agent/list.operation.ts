import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { GeminiApiClient } from '../../../shared/transport/client';
import { resourcePath } from '../../../shared/transport/client';
import type { Agent, AgentList } from '../../../shared/wire/types';
import { requestTimeoutMs } from '../backgroundRun';
import { optionsCollection, timeoutOption } from '../descriptions';
import { readPages } from './customAgent';

/** Return All and Limit, as every list operation has them. */
export const returnAllProperties: INodeProperties[] = [
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
];

/** How many entries the item asks for: Infinity with Return All. */
export function readLimit(ctx: IExecuteFunctions, itemIndex: number): number {
	const returnAll = ctx.getNodeParameter('returnAll', itemIndex, false) as boolean;
	return returnAll ? Infinity : Math.max(1, Number(ctx.getNodeParameter('limit', itemIndex, 50)) || 50);
}

const properties: INodeProperties[] = [...returnAllProperties, optionsCollection([timeoutOption(60)])];

export const description = updateDisplayOptions({ show: { resource: ['agent'], operation: ['list'] } }, properties);

/** Pages through `GET agents` with `next_page_token` until `limit` agents (or all of them) are read. */
export async function listCustomAgents(
	client: GeminiApiClient,
	limit: number,
	call: { timeoutMs: number; itemIndex?: number },
): Promise<Agent[]> {
	return await readPages(limit, async (qs) => {
		const page = await client.request<AgentList>({ method: 'GET', path: resourcePath('agents'), qs, ...call });
		return { entries: page.agents, next_page_token: page.next_page_token };
	});
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: GeminiApiClient,
): Promise<INodeExecutionData[]> {
	const agents = await listCustomAgents(client, readLimit(this, itemIndex), {
		timeoutMs: requestTimeoutMs(this.getNodeParameter('options', itemIndex, {})),
		itemIndex,
	});
	return agents.map((agent) => ({ json: agent as IDataObject, pairedItem: { item: itemIndex } }));
}
