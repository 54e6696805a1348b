import type { INodeProperties } from 'n8n-workflow';

import * as continueConversation from './continueConversation.operation';
import * as create from './create.operation';
import * as generateStructuredOutput from './generateStructuredOutput.operation';

export { continueConversation, create, generateStructuredOutput };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['interaction'] } },
		options: [
			{
				name: 'Continue Conversation',
				value: 'continueConversation',
				action: 'Continue a conversation',
				description: 'Send the next message of a conversation Google keeps for you',
			},
			{
				name: 'Create',
				value: 'create',
				action: 'Message a model',
				description: 'Send a message to a Gemini model',
			},
			{
				name: 'Generate Structured Output',
				value: 'generateStructuredOutput',
				action: 'Generate structured output',
				description: 'Get an answer as JSON that follows a schema',
			},
		],
		default: 'create',
	},
	...create.description,
	...continueConversation.description,
	...generateStructuredOutput.description,
];
