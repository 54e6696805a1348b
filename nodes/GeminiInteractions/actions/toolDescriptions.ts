import type { INodeProperties } from 'n8n-workflow';

import { AUDIO_MIME_TYPES, IMAGE_ASPECT_RATIOS, IMAGE_SIZES } from '../../shared/wire/types';
import { modelTurnOptions, optionsCollection, simplifyProperty } from './descriptions';

const EXAMPLE_PARAMETERS = JSON.stringify(
	{
		type: 'object',
		properties: { location: { type: 'string', description: 'City name, e.g. Paris' } },
		required: ['location'],
	},
	null,
	2,
);

/** Functions the model may call; the workflow runs them (see Submit Function Results). */
export const functionsProperty: INodeProperties = {
	displayName: 'Functions',
	name: 'functions',
	type: 'fixedCollection',
	placeholder: 'Add Function',
	typeOptions: { multipleValues: true, sortable: true },
	default: {},
	description:
		'Functions the model may ask to call. The answer then has status "requires_action" and the calls; run them in the workflow and send the results with Submit Function Results.',
	options: [
		{
			displayName: 'Function',
			name: 'function',
			values: [
				{
					displayName: 'Name',
					name: 'name',
					type: 'string',
					default: '',
					required: true,
					placeholder: 'e.g. get_weather',
					description: 'Letters, digits and _ . : or -, at most 64 characters.',
				},
				{
					displayName: 'Description',
					name: 'description',
					type: 'string',
					typeOptions: { rows: 2 },
					default: '',
					placeholder: 'e.g. Gets the current weather for a city',
					description: 'What the function does and when to use it; the model decides from this',
				},
				{
					displayName: 'Parameters (JSON Schema)',
					name: 'parameters',
					type: 'json',
					typeOptions: { rows: 6 },
					default: EXAMPLE_PARAMETERS,
					description: 'The arguments as a JSON schema object; leave {} for a function without arguments',
				},
			],
		},
	],
};

/** Google's own tools, run on Google's side; their steps are in the raw output. */
export const builtInToolsProperty: INodeProperties = {
	displayName: 'Built-in Tools',
	name: 'builtInTools',
	type: 'collection',
	placeholder: 'Add Built-in Tool',
	default: {},
	options: [
		{
			displayName: 'Code Execution',
			name: 'codeExecution',
			type: 'boolean',
			default: true,
			description: 'Whether the model may write and run Python code to compute its answer',
		},
		{
			displayName: 'File Search',
			name: 'fileSearch',
			type: 'fixedCollection',
			default: {},
			description: 'Search your File Search stores and answer from their documents',
			options: [
				{
					displayName: 'File Search',
					name: 'values',
					values: [
						{
							displayName: 'File Search Store Names',
							name: 'storeNames',
							type: 'string',
							default: '',
							required: true,
							placeholder: 'e.g. fileSearchStores/my-store-123',
							description: 'Comma-separated store names',
						},
						{
							displayName: 'Metadata Filter',
							name: 'metadataFilter',
							type: 'string',
							default: '',
							placeholder: 'e.g. author = "Ada"',
							description: 'Only search documents whose metadata matches this filter',
						},
						{
							displayName: 'Top K',
							name: 'topK',
							type: 'number',
							typeOptions: { minValue: 1 },
							default: 5,
							description: 'How many matching chunks to use',
						},
					],
				},
			],
		},
		{
			displayName: 'Google Maps',
			name: 'googleMaps',
			type: 'fixedCollection',
			default: { values: {} },
			description: 'Whether the model may look up places on Google Maps; the places it used are in the output\'s sources',
			options: [
				{
					displayName: 'Google Maps',
					name: 'values',
					values: [
						{
							displayName: 'Enable Widget',
							name: 'enableWidget',
							type: 'boolean',
							default: false,
							description: 'Whether the result carries a widget context token for showing a Google Maps widget',
						},
						{
							displayName: 'Latitude',
							name: 'latitude',
							type: 'string',
							default: '',
							placeholder: 'e.g. 48.8584',
							description: 'The user\'s location, for "near me" questions; leave empty for none',
						},
						{
							displayName: 'Longitude',
							name: 'longitude',
							type: 'string',
							default: '',
							placeholder: 'e.g. 2.2945',
							description: 'The user\'s location, together with Latitude',
						},
					],
				},
			],
		},
		{
			displayName: 'Google Search',
			name: 'googleSearch',
			type: 'boolean',
			default: true,
			description: 'Whether the model may search the web; the output lists the sources it cites',
		},
		{
			displayName: 'MCP Servers',
			name: 'mcpServers',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			default: {},
			description: 'Remote MCP servers Google calls for the model',
			options: [
				{
					displayName: 'Server',
					name: 'server',
					values: [
						{
							displayName: 'Allowed Tools',
							name: 'allowedTools',
							type: 'string',
							default: '',
							placeholder: 'e.g. search, lookup',
							description: 'Comma-separated tool names the model may use; empty allows all',
						},
						{
							displayName: 'Headers (JSON)',
							name: 'headers',
							type: 'json',
							default: '{}',
							description: 'Headers Google sends to the server, e.g. {"Authorization": "Bearer …"}',
						},
						{
							displayName: 'Name',
							name: 'name',
							type: 'string',
							default: '',
							placeholder: 'e.g. crm',
							description: 'A short name for the server',
						},
						{
							displayName: 'URL',
							name: 'url',
							type: 'string',
							default: '',
							required: true,
							placeholder: 'e.g. https://mcp.example.com/mcp',
							description: 'The MCP server\'s streamable HTTP endpoint',
						},
					],
				},
			],
		},
		{
			displayName: 'URL Context',
			name: 'urlContext',
			type: 'boolean',
			default: true,
			description: 'Whether the model may read the web pages whose URLs are in the input',
		},
	],
};

/** Read by the tool loop when the option is unset. */
export const maxToolIterationsOption: INodeProperties = {
	displayName: 'Max Tool Rounds',
	name: 'maxToolIterations',
	type: 'number',
	typeOptions: { minValue: 1 },
	default: 15,
	description:
		'With tools connected to the Tools input: how many rounds of calling them the node runs before it stops and outputs the interaction as it is',
};

/** Options only chat turns have: files in and out, functions as JSON, connected tools, tool choice, voice. */
const chatOnlyOptions: INodeProperties[] = [
	{
		displayName: 'Allowed Functions',
		name: 'allowedFunctions',
		type: 'string',
		default: '',
		placeholder: 'e.g. get_weather, get_time',
		description:
			'Comma-separated names of functions (declared or connected tools) the model may call; with Tool Choice "Any" it must call one of them',
	},
	{
		displayName: 'Audio Format',
		name: 'audioMimeType',
		type: 'options',
		options: [{ name: 'Model Default', value: '' }, ...AUDIO_MIME_TYPES.map((type) => ({ name: type, value: type }))],
		default: '',
		description: 'The format of spoken answers (Output Types: Audio)',
	},
	{
		displayName: 'Image Aspect Ratio',
		name: 'imageAspectRatio',
		type: 'options',
		options: [{ name: 'Model Default', value: '' }, ...IMAGE_ASPECT_RATIOS.map((ratio) => ({ name: ratio, value: ratio }))],
		default: '',
		description: 'The shape of generated images (Output Types: Image)',
	},
	{
		displayName: 'Image Size',
		name: 'imageSize',
		type: 'options',
		options: [{ name: 'Model Default', value: '' }, ...IMAGE_SIZES.map((size) => ({ name: size, value: size }))],
		default: '',
		description: 'The resolution of generated images (Output Types: Image)',
	},
	{
		displayName: 'Speech Language',
		name: 'speechLanguage',
		type: 'string',
		default: '',
		placeholder: 'e.g. en-US',
		description: 'The language of spoken answers, as a language code (Output Types: Audio)',
	},
	{
		displayName: 'Speech Voice',
		name: 'speechVoice',
		type: 'string',
		default: '',
		placeholder: 'e.g. Kore',
		description:
			'The voice of spoken answers, for speech models such as gemini-3.1-flash-tts-preview (Output Types: Audio)',
	},
	{
		displayName: 'Tool Choice',
		name: 'toolChoice',
		type: 'options',
		options: [
			{ name: 'Any', value: 'any', description: 'The model must call a function' },
			{ name: 'Auto', value: 'auto', description: 'The model decides whether to call a function' },
			{ name: 'None', value: 'none', description: 'The model must not call functions' },
			{ name: 'Validated', value: 'validated', description: 'Calls are checked against the function schemas' },
		],
		default: 'auto',
		description: 'Whether the model must, may or must not call functions and connected tools',
	},
	{
		displayName: 'Function Calls Output',
		name: 'functionCallOutput',
		type: 'options',
		options: [
			{
				name: 'One Item With All Calls',
				value: 'oneItem',
				description: 'The item has "functionCalls": [{ ID, name, args }]',
			},
			{
				name: 'One Item per Call',
				value: 'itemPerCall',
				description: 'Each call is an item with callId, name and args, ready for a Switch node',
			},
		],
		default: 'oneItem',
		description: 'How the output looks when the model asks to call functions (status "requires_action")',
	},
	{
		displayName: 'Functions (JSON)',
		name: 'functionsJson',
		type: 'json',
		typeOptions: { rows: 6 },
		default: '[]',
		description:
			'More functions as a JSON list of {"name", "description", "parameters"}, e.g. from an expression; added to the Functions above',
	},
	{
		displayName: 'Input Binary Fields',
		name: 'binaryPropertyNames',
		type: 'string',
		default: '',
		placeholder: 'e.g. data, data_1',
		description:
			'Comma-separated binary fields of the item to send with the input: images, audio, PDF and other documents, video',
	},
	{
		displayName: 'Files API Above (MB)',
		name: 'filesApiThresholdMb',
		type: 'number',
		typeOptions: { minValue: 0, numberPrecision: 1 },
		default: 15,
		description:
			'Input binary files larger than this are uploaded to the Gemini Files API first (streamed, in chunks) and sent by URI; smaller ones go inline. Gemini Enterprise has no Files API: larger files need a gs:// URL.',
	},
	{
		displayName: 'Input File URLs',
		name: 'fileUrls',
		type: 'string',
		default: '',
		placeholder: 'e.g. https://example.com/report.pdf, gs://bucket/clip.mp4',
		description: 'Comma-separated file URLs to send with the input (https, gs:// or YouTube)',
	},
	maxToolIterationsOption,
	{
		displayName: 'Output Binary Field',
		name: 'outputBinaryField',
		type: 'string',
		default: 'data',
		description:
			'Where images and audio the model returns go: this binary field, then field_1, field_2… for more files',
	},
	{
		displayName: 'Output Types',
		name: 'outputTypes',
		type: 'multiOptions',
		options: [
			{ name: 'Audio', value: 'audio' },
			{ name: 'Image', value: 'image' },
			{ name: 'Text', value: 'text' },
		],
		default: ['text'],
		description:
			'What the model answers with; models that can create images or speech return them as binary data',
	},
	{
		displayName: 'URL MIME Type',
		name: 'fileUrlMimeType',
		type: 'string',
		default: '',
		placeholder: 'e.g. application/pdf',
		description: 'The type of the file URLs whose name does not end in a known extension',
	},
];

/** The options of Create, Continue Conversation and Submit Function Results, sorted by name. */
export const chatTurnOptions: INodeProperties[] = [...modelTurnOptions, ...chatOnlyOptions].sort((a, b) =>
	a.displayName.localeCompare(b.displayName),
);

/** Submit Function Results continues a turn: no new files to send. */
export const submitTurnOptions: INodeProperties[] = chatTurnOptions.filter(
	(option) =>
		!['binaryPropertyNames', 'fileUrls', 'fileUrlMimeType', 'filesApiThresholdMb', 'maxToolIterations'].includes(option.name),
);

/** The parameters every chat turn ends with: functions, built-in tools, output shape and options. */
export function chatTurnProperties(options: INodeProperties[]): INodeProperties[] {
	return [functionsProperty, builtInToolsProperty, simplifyProperty, optionsCollection(options)];
}

