import { defineResource } from '../resource';
import * as cancel from './cancel.operation';
import * as continueConversation from './continueConversation.operation';
import * as create from './create.operation';
import * as del from './delete.operation';
import * as generateStructuredOutput from './generateStructuredOutput.operation';
import * as get from './get.operation';
import * as submitFunctionResults from './submitFunctionResults.operation';

export const interaction = defineResource({ value: 'interaction', name: 'Interaction', defaultOperation: 'create' }, [
	{
		value: 'create',
		name: 'Create',
		action: 'Message a model',
		description: 'Send a message to a Gemini model',
		module: create,
	},
	{
		value: 'continueConversation',
		name: 'Continue Conversation',
		action: 'Continue a conversation',
		description: 'Send the next message of a conversation Google keeps for you',
		module: continueConversation,
	},
	{
		value: 'generateStructuredOutput',
		name: 'Generate Structured Output',
		action: 'Generate structured output',
		description: 'Get an answer as JSON that follows a schema',
		module: generateStructuredOutput,
	},
	{
		value: 'submitFunctionResults',
		name: 'Submit Function Results',
		action: 'Submit function results',
		description: 'Answer the function calls of an interaction that requires action',
		module: submitFunctionResults,
	},
	{
		value: 'get',
		name: 'Get',
		action: 'Get an interaction',
		description: 'Get an interaction by ID, optionally waiting until its run ends',
		module: get,
	},
	{
		value: 'cancel',
		name: 'Cancel',
		action: 'Cancel an interaction',
		description: 'Stop a background run (e.g. an agent) that is still going',
		module: cancel,
	},
	{ value: 'delete', name: 'Delete', action: 'Delete an interaction', description: 'Delete a stored interaction', module: del },
]);
