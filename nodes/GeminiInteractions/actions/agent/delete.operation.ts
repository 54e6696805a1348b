import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { GeminiApiClient } from '../../../shared/transport/client';
import { customAgentLocator, optionsCollection, timeoutOption } from '../descriptions';
import { readCustomAgentId, requestCustomAgent } from './customAgent';
import { TIMEOUT_SECONDS } from '../timeouts';

const properties: INodeProperties[] = [customAgentLocator, optionsCollection([timeoutOption(TIMEOUT_SECONDS.request)])];

export const description = updateDisplayOptions({ show: { resource: ['agent'], operation: ['delete'] } }, properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: GeminiApiClient,
): Promise<INodeExecutionData[]> {
	const id = readCustomAgentId(this, itemIndex);
	await requestCustomAgent<unknown>(this, itemIndex, client, id, 'DELETE');
	return [{ json: { id, deleted: true }, pairedItem: { item: itemIndex } }];
}
