import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { GeminiApiClient } from '../../../shared/transport/client';
import { listCustomAgents } from '../../../shared/methods/agentPages';
import { requestTimeoutMs } from '../backgroundRun';
import { optionsCollection, timeoutOption } from '../descriptions';
import { TIMEOUT_SECONDS } from '../timeouts';

const limitProperty: INodeProperties = {
	displayName: 'Limit',
	name: 'limit',
	type: 'number',
	typeOptions: { minValue: 1 },
	default: 50,
	displayOptions: { show: { returnAll: [false] } },
	description: 'Max number of results to return',
};

/** Return All and Limit, as every list operation has them. */
export const returnAllProperties: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	limitProperty,
];

/** How many entries the item asks for: Infinity with Return All. */
export function readLimit(ctx: IExecuteFunctions, itemIndex: number): number {
	const returnAll = ctx.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const limit = Number(ctx.getNodeParameter('limit', itemIndex, limitProperty.default));
	return returnAll ? Infinity : Math.max(1, limit || (limitProperty.default as number));
}

const properties: INodeProperties[] = [...returnAllProperties, optionsCollection([timeoutOption(TIMEOUT_SECONDS.request)])];

export const description = updateDisplayOptions({ show: { resource: ['agent'], operation: ['list'] } }, properties);

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
