import type { INodeProperties } from 'n8n-workflow';

import { CURRENT_MODEL } from '../request/modelSelection';

export const modelLocator: INodeProperties = {
	displayName: 'Model',
	name: 'model',
	type: 'resourceLocator',
	default: { mode: 'list', value: CURRENT_MODEL },
	required: true,
	description: 'The Gemini model to talk to',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchModels', searchable: true },
		},
		{
			displayName: 'ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. gemini-3.5-flash',
		},
	],
};

export const inputProperty: INodeProperties = {
	displayName: 'Input',
	name: 'input',
	type: 'string',
	typeOptions: { rows: 4 },
	default: '',
	required: true,
	placeholder: 'e.g. Summarize this support ticket in two sentences',
	description: 'The message to send',
};

export const simplifyProperty: INodeProperties = {
	displayName: 'Simplify Output',
	name: 'simplify',
	type: 'boolean',
	default: true,
	description:
		'Whether to return only ID, status, answer text, usage and model instead of the full interaction with every step',
};

export const previousInteractionIdProperty: INodeProperties = {
	displayName: 'Previous Interaction ID',
	name: 'previousInteractionId',
	type: 'string',
	default: '={{ $json.id }}',
	required: true,
	description:
		'The ID of the interaction to continue; Google keeps the conversation so far. The default takes the ID from the incoming item.',
};

export const concurrencyOption: INodeProperties = {
	displayName: 'Concurrency',
	name: 'concurrency',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: 50 },
	default: 5,
	description: 'How many input items are sent to Google at the same time',
};

export function timeoutOption(defaultSeconds: number): INodeProperties {
	return {
		displayName: 'Timeout (Seconds)',
		name: 'timeout',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: defaultSeconds,
		description: 'How long to wait for Google to answer one request before giving up',
	};
}

/** Options of every model turn: system instruction, generation settings, storage, and how items run. */
export const modelTurnOptions: INodeProperties[] = [
	concurrencyOption,
	{
		displayName: 'Include Thought Summaries',
		name: 'thinkingSummaries',
		type: 'boolean',
		default: true,
		description: 'Whether the model returns summaries of its thinking (in the output as "thoughts")',
	},
	{
		displayName: 'Maximum Output Tokens',
		name: 'maxOutputTokens',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 2048,
		description: 'The longest answer the model may write; a longer one ends with status "incomplete"',
	},
	{
		displayName: 'Replace Deprecated Models',
		name: 'replaceDeprecatedModels',
		type: 'boolean',
		default: true,
		description:
			'Whether to send gemini-1.5, gemini-2.0 and gemini-2.5 requests to gemini-3.5-flash instead (the output says so)',
	},
	{
		displayName: 'Seed',
		name: 'seed',
		type: 'number',
		default: 0,
		description: 'Makes sampling repeatable for the same input and settings',
	},
	{
		displayName: 'Stop Sequences',
		name: 'stopSequences',
		type: 'string',
		default: '',
		placeholder: 'e.g. END, ###',
		description: 'Comma-separated texts at which the model stops writing (write \\, for a comma inside one)',
	},
	{
		displayName: 'Store Interaction',
		name: 'store',
		type: 'boolean',
		default: true,
		description:
			'Whether Google keeps the interaction. Without it there is no ID to continue the conversation from.',
	},
	{
		displayName: 'System Instruction',
		name: 'systemInstruction',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		placeholder: 'e.g. You are a concise assistant for a support team',
		description: 'How the model should behave in this turn',
	},
	{
		displayName: 'Temperature',
		name: 'temperature',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 2, numberPrecision: 2 },
		default: 1,
		description: 'Higher values make answers more varied, lower values more focused',
	},
	{
		displayName: 'Thinking Level',
		name: 'thinkingLevel',
		type: 'options',
		options: [
			{ name: 'High', value: 'high' },
			{ name: 'Low', value: 'low' },
			{ name: 'Medium', value: 'medium' },
			{ name: 'Minimal', value: 'minimal' },
		],
		default: 'low',
		description: 'How much the model thinks before answering (Gemini 3 models)',
	},
	timeoutOption(300),
	{
		displayName: 'Top K',
		name: 'topK',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 40,
		description: 'Sample only from the K most likely next tokens',
	},
	{
		displayName: 'Top P',
		name: 'topP',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 1, numberPrecision: 2 },
		default: 0.95,
		description: 'Sample only from the most likely tokens whose probabilities add up to P',
	},
];

export function optionsCollection(options: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options,
	};
}
