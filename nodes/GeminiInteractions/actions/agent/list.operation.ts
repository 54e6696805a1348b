import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { GeminiApiClient } from '../../../shared/transport/client';
import { listCustomAgents } from '../../../shared/methods/agentPages';
import { requestTimeoutMs } from '../backgroundRun';
import { optionsCollection, readLimit, returnAllProperties, timeoutOption } from '../descriptions';
import { TIMEOUT_SECONDS } from '../timeouts';

const properties: INodeProperties[] = [
	...returnAllProperties,
	optionsCollection([timeoutOption(TIMEOUT_SECONDS.request)]),
];

export const description = updateDisplayOptions({ show: { resource: ['agent'], operation: ['list'] } }, properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: GeminiApiClient,
): Promise<INodeExecutionData[]> {
	const limit = readLimit(this, itemIndex);
	const agents = await listCustomAgents(client, limit, {
		timeoutMs: requestTimeoutMs(this.getNodeParameter('options', itemIndex, {})),
		itemIndex,
	});
	return agents.map((agent) => ({ json: agent as IDataObject, pairedItem: { item: itemIndex } }));
}
