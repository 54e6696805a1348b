import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { GeminiApiClient } from '../../../shared/transport/client';
import { inputProperty, modelLocator, previousInteractionIdProperty } from '../descriptions';
import { chatTurnOptions, chatTurnProperties } from '../toolDescriptions';
import { CHAT_TURN, readRequiredText, runModelTurn } from './modelTurn';

const properties: INodeProperties[] = [
	modelLocator,
	previousInteractionIdProperty,
	inputProperty,
	{
		displayName:
			'Google keeps the conversation, but not its settings: system instruction, tools and generation options apply to one turn, so set them here again if this turn needs them',
		name: 'turnScopedNotice',
		type: 'notice',
		default: '',
	},
	...chatTurnProperties(chatTurnOptions),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['interaction'], operation: ['continueConversation'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: GeminiApiClient,
): Promise<INodeExecutionData[]> {
	const previousInteractionId = readRequiredText(this, 'previousInteractionId', 'Previous Interaction ID', itemIndex).trim();
	const input = readRequiredText(this, 'input', 'Input', itemIndex);
	return await runModelTurn(this, itemIndex, client, { settings: { input, previousInteractionId }, chat: CHAT_TURN });
}
