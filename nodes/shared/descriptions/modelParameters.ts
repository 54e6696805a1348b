import type { INodeProperties } from 'n8n-workflow';

import { CURRENT_MODEL } from '../wire/request/modelSelection';

/** Parameters every node that talks to a Gemini model shows: the model picker and the generation settings. */

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

export const thinkingSummariesOption: INodeProperties = {
	displayName: 'Include Thought Summaries',
	name: 'thinkingSummaries',
	type: 'boolean',
	default: true,
	description: 'Whether the model returns summaries of its thinking (in the output as "thoughts")',
};

export const maxOutputTokensOption: INodeProperties = {
	displayName: 'Maximum Output Tokens',
	name: 'maxOutputTokens',
	type: 'number',
	typeOptions: { minValue: 1 },
	default: 2048,
	description: 'The longest answer the model may write; a longer one ends with status "incomplete"',
};

export const replaceDeprecatedModelsOption: INodeProperties = {
	displayName: 'Replace Deprecated Models',
	name: 'replaceDeprecatedModels',
	type: 'boolean',
	default: true,
	description:
		'Whether to send gemini-1.5, gemini-2.0 and gemini-2.5 requests to gemini-3.5-flash instead (the output says so)',
};

export const seedOption: INodeProperties = {
	displayName: 'Seed',
	name: 'seed',
	type: 'number',
	default: 0,
	description: 'Makes sampling repeatable for the same input and settings',
};

export const stopSequencesOption: INodeProperties = {
	displayName: 'Stop Sequences',
	name: 'stopSequences',
	type: 'string',
	default: '',
	placeholder: 'e.g. END, ###',
	description: 'Comma-separated texts at which the model stops writing (write \\, for a comma inside one)',
};

export const temperatureOption: INodeProperties = {
	displayName: 'Temperature',
	name: 'temperature',
	type: 'number',
	typeOptions: { minValue: 0, maxValue: 2, numberPrecision: 2 },
	default: 1,
	description: 'Higher values make answers more varied, lower values more focused',
};

export const thinkingLevelOption: INodeProperties = {
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
};

export const topKOption: INodeProperties = {
	displayName: 'Top K',
	name: 'topK',
	type: 'number',
	typeOptions: { minValue: 1 },
	default: 40,
	description: 'Sample only from the K most likely next tokens',
};

export const topPOption: INodeProperties = {
	displayName: 'Top P',
	name: 'topP',
	type: 'number',
	typeOptions: { minValue: 0, maxValue: 1, numberPrecision: 2 },
	default: 0.95,
	description: 'Sample only from the most likely tokens whose probabilities add up to P',
};
