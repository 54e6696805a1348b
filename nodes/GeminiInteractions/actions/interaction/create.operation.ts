import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { GeminiApiClient } from '../../../shared/transport/client';
import { inputProperty, modelLocator } from '../descriptions';
import { chatTurnOptions, chatTurnProperties } from '../toolDescriptions';
import { CHAT_TURN, readRequiredText, runModelTurn } from './modelTurn';

const properties: INodeProperties[] = [
	modelLocator,
	inputProperty,
	...chatTurnProperties(chatTurnOptions),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['interaction'], operation: ['create'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: GeminiApiClient,
): Promise<INodeExecutionData[]> {
	const input = readRequiredText(this, 'input', 'Input', itemIndex);
	return await runModelTurn(this, itemIndex, client, { settings: { input }, chat: CHAT_TURN });
}
