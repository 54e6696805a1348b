import type { INodeProperties } from 'n8n-workflow';

import * as cancel from './cancel.operation';
import * as continueConversation from './continueConversation.operation';
import * as create from './create.operation';
import * as del from './delete.operation';
import * as generateStructuredOutput from './generateStructuredOutput.operation';
import * as get from './get.operation';
import * as submitFunctionResults from './submitFunctionResults.operation';

export { cancel, continueConversation, create, del as delete, generateStructuredOutput, get, submitFunctionResults };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['interaction'] } },
		options: [
			{
				name: 'Cancel',
				value: 'cancel',
				action: 'Cancel an interaction',
				description: 'Stop a background run (e.g. an agent) that is still going',
			},
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
				name: 'Delete',
				value: 'delete',
				action: 'Delete an interaction',
				description: 'Delete a stored interaction',
			},
			{
				name: 'Generate Structured Output',
				value: 'generateStructuredOutput',
				action: 'Generate structured output',
				description: 'Get an answer as JSON that follows a schema',
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get an interaction',
				description: 'Get an interaction by ID, optionally waiting until its run ends',
			},
			{
				name: 'Submit Function Results',
				value: 'submitFunctionResults',
				action: 'Submit function results',
				description: 'Answer the function calls of an interaction that requires action',
			},
		],
		default: 'create',
	},
	...create.description,
	...continueConversation.description,
	...generateStructuredOutput.description,
	...submitFunctionResults.description,
	...get.description,
	...cancel.description,
	...del.description,
];
