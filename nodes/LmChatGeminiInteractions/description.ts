import type { INodeProperties } from 'n8n-workflow';

import {
	maxOutputTokensOption,
	modelLocator,
	replaceDeprecatedModelsOption,
	seedOption,
	stopSequencesOption,
	temperatureOption,
	thinkingLevelOption,
	thinkingSummariesOption,
	topKOption,
	topPOption,
} from '../shared/descriptions/modelParameters';
import { authenticationProperty, credentials } from '../shared/descriptions/authentication';
import { safetySettingsOption } from '../shared/descriptions/safetySettings';

export { credentials };

const options: INodeProperties[] = [
	{
		displayName: 'Built-in Tools',
		name: 'builtInTools',
		type: 'collection',
		placeholder: 'Add Built-in Tool',
		default: {},
		description: "Google's own tools, run on Google's side next to the agent's tools",
		options: [
			{
				displayName: 'Code Execution',
				name: 'codeExecution',
				type: 'boolean',
				default: true,
				description: 'Whether the model may write and run Python code to compute its answer',
			},
			{
				displayName: 'Google Search',
				name: 'googleSearch',
				type: 'boolean',
				default: true,
				description: 'Whether the model may ground its answer in Google Search results',
			},
			{
				displayName: 'URL Context',
				name: 'urlContext',
				type: 'boolean',
				default: true,
				description: 'Whether the model may read the web pages whose URLs are in the conversation',
			},
		],
	},
	{
		...thinkingSummariesOption,
		default: false,
		description:
			'Whether the model writes summaries of its thinking; they are kept with the answer (response metadata "thoughts") and in the debug log, not in the chat',
	},
	maxOutputTokensOption,
	replaceDeprecatedModelsOption,
	safetySettingsOption,
	seedOption,
	{
		displayName: 'Server-Side History',
		name: 'serverSideHistory',
		type: 'boolean',
		default: false,
		description:
			"Whether to let Google keep the conversation: when the agent's messages continue a conversation this model already sent, only the new messages go, with the earlier interaction's ID. Otherwise the whole history is sent as usual.",
	},
	stopSequencesOption,
	{
		displayName: 'Store Interactions',
		name: 'store',
		type: 'boolean',
		default: true,
		description: 'Whether Google keeps each interaction (needed for Server-Side History)',
	},
	temperatureOption,
	thinkingLevelOption,
	{
		displayName: 'Timeout (Seconds)',
		name: 'timeout',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 120,
		description: 'How long to wait for Google to answer one model call',
	},
	topKOption,
	topPOption,
];

export const properties: INodeProperties[] = [
	authenticationProperty,
	modelLocator,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options,
	},
];
