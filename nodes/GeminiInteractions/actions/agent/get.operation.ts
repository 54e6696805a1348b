import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { GeminiApiClient } from '../../../shared/transport/client';
import type { Agent } from '../../../shared/wire/types';
import { customAgentLocator, optionsCollection, timeoutOption } from '../descriptions';
import { readCustomAgentId, requestCustomAgent } from './customAgent';
import { TIMEOUT_SECONDS } from '../timeouts';

const properties: INodeProperties[] = [customAgentLocator, optionsCollection([timeoutOption(TIMEOUT_SECONDS.request)])];

export const description = updateDisplayOptions({ show: { resource: ['agent'], operation: ['get'] } }, properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: GeminiApiClient,
): Promise<INodeExecutionData[]> {
	const agent = await requestCustomAgent<Agent>(this, itemIndex, client, readCustomAgentId(this, itemIndex), 'GET');
	return [{ json: agent as IDataObject, pairedItem: { item: itemIndex } }];
}
