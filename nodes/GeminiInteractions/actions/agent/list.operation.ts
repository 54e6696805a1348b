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

const properties: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	limitProperty,
	optionsCollection([timeoutOption(TIMEOUT_SECONDS.request)]),
];

export const description = updateDisplayOptions({ show: { resource: ['agent'], operation: ['list'] } }, properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: GeminiApiClient,
): Promise<INodeExecutionData[]> {
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const limit = returnAll ? Infinity : Math.max(1, Number(this.getNodeParameter('limit', itemIndex, limitProperty.default)) || (limitProperty.default as number));
	const agents = await listCustomAgents(client, limit, {
		timeoutMs: requestTimeoutMs(this.getNodeParameter('options', itemIndex, {})),
		itemIndex,
	});
	return agents.map((agent) => ({ json: agent as IDataObject, pairedItem: { item: itemIndex } }));
}
