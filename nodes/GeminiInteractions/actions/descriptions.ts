import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

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
} from '../../shared/descriptions/modelParameters';
import { safetySettingsOption } from '../../shared/descriptions/safetySettings';
import { TIMEOUT_SECONDS } from './timeouts';

export { modelLocator, safetySettingsOption };

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
	default: 20,
	description:
		'The most input items sent to Google at the same time. The node starts with fewer, adds more while Google answers, and slows the whole batch down when Google says a quota is exceeded.',
};

export const maxQuotaWaitOption: INodeProperties = {
	displayName: 'Maximum Quota Wait (Minutes)',
	name: 'maxQuotaWait',
	type: 'number',
	typeOptions: { minValue: 0, numberPrecision: 1 },
	default: 10,
	description:
		'How long one item may wait in total while Google answers "quota exceeded" (429) before it fails. A daily quota, or a wait Google announces to be longer, fails the item at once. Flex turns wait 30 minutes unless set.',
};

export const serviceTierOption: INodeProperties = {
	displayName: 'Service Tier',
	name: 'serviceTier',
	type: 'options',
	options: [
		{ name: 'Standard', value: 'standard', description: "Google's default" },
		{
			name: 'Flex',
			value: 'flex',
			description:
				'About half the price; answers can take minutes (the timeout is 20 minutes unless set)',
		},
		{ name: 'Priority', value: 'priority', description: 'Faster and more reliable, at a higher price' },
	],
	default: 'standard',
	description: 'The price and speed class of the request (service_tier)',
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

/** `labels`: key → value for billing attribution on Gemini Enterprise / Vertex AI. */
export const labelsOption: INodeProperties = {
	displayName: 'Labels',
	name: 'labels',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	placeholder: 'Add Label',
	default: {},
	description:
		'Labels for billing reports (Gemini Enterprise / Vertex AI). Keys start with a lowercase letter; keys and values have at most 63 lowercase letters, digits, _ or -.',
	options: [
		{
			displayName: 'Label',
			name: 'label',
			values: [
				{ displayName: 'Key', name: 'key', type: 'string', default: '', placeholder: 'e.g. team' },
				{ displayName: 'Value', name: 'value', type: 'string', default: '', placeholder: 'e.g. support' },
			],
		},
	],
};

/** Request fields the node has no parameter for yet, merged into the body as they are. */
export const additionalFieldsOption: INodeProperties = {
	displayName: 'Additional Fields (JSON)',
	name: 'additionalFields',
	type: 'json',
	typeOptions: { rows: 4 },
	default: '{}',
	description:
		'More request fields as a JSON object with snake_case keys, e.g. {"webhook_config": {"uris": ["https://example.com/hook"]}}, merged into the request. A field the node already sets from its own parameters is an error.',
};

/** Options of every model turn: system instruction, generation settings, storage, and how items run. */
export const modelTurnOptions: INodeProperties[] = [
	additionalFieldsOption,
	concurrencyOption,
	thinkingSummariesOption,
	labelsOption,
	maxOutputTokensOption,
	maxQuotaWaitOption,
	replaceDeprecatedModelsOption,
	safetySettingsOption,
	seedOption,
	serviceTierOption,
	stopSequencesOption,
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
	temperatureOption,
	thinkingLevelOption,
	timeoutOption(TIMEOUT_SECONDS.modelTurn),
	topKOption,
	topPOption,
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

/** Run Agent and Interaction → Get/Cancel: the simplified answer or the full interaction. */
export const interactionSimplifyProperty: INodeProperties = {
	displayName: 'Simplify Output',
	name: 'simplify',
	type: 'boolean',
	default: true,
	description:
		'Whether to return only ID, status, answer text (the report), usage, and the agent or model instead of the full interaction with every step',
};

/** Interaction → Get, Cancel and Delete: the interaction to act on. */
export const interactionIdProperty: INodeProperties = {
	displayName: 'Interaction ID',
	name: 'interactionId',
	type: 'string',
	default: '={{ $json.id }}',
	required: true,
	placeholder: 'e.g. v1_ChdTbXNIYWZ…',
	description: 'The ID of the interaction. The default takes the ID from the incoming item.',
};

/** Wait for Completion or Return Immediately; the options below apply to waiting. */
export function waitModeProperty(defaultMode: 'wait' | 'returnImmediately'): INodeProperties {
	return {
		displayName: 'Wait Mode',
		name: 'waitMode',
		type: 'options',
		options: [
			{
				name: 'Wait for Completion',
				value: 'wait',
				description:
					'Follow the run until it ends and output the result. A failed, cancelled, incomplete or over-budget run is an error.',
			},
			...(defaultMode === 'wait'
				? [
						{
							name: 'Resume on Webhook',
							value: 'webhook',
							description:
								'Let Google call n8n back when the run ends; the execution waits without holding a worker. n8n must be reachable from Google (WEBHOOK_URL). Failed and timed-out runs come out as error items: branch on them with Settings → On Error → Continue (using error output).',
						},
					]
				: []),
			{
				name: defaultMode === 'wait' ? 'Return Immediately' : 'Return Current State',
				value: 'returnImmediately',
				description:
					defaultMode === 'wait'
						? 'Output the ID and status right away; fetch the result later with Interaction → Get'
						: 'Output the interaction as it is now, finished or not',
			},
		],
		default: defaultMode,
	};
}

const onlyWhenWaiting = { show: { '/waitMode': ['wait'] } };
const whenWaitingOrResuming = { show: { '/waitMode': ['wait', 'webhook'] } };

export const maxWaitOption: INodeProperties = {
	displayName: 'Maximum Wait (Minutes)',
	name: 'maxWait',
	type: 'number',
	typeOptions: { minValue: 0.01, numberPrecision: 2 },
	default: 90,
	displayOptions: onlyWhenWaiting,
	description: 'How long to wait for the run to end; Deep Research runs take up to an hour',
};

export const pollIntervalOption: INodeProperties = {
	displayName: 'Poll Interval (Seconds)',
	name: 'pollInterval',
	type: 'number',
	typeOptions: { minValue: 0.1, numberPrecision: 1 },
	default: 10,
	displayOptions: onlyWhenWaiting,
	description:
		'How often to ask for the status, only when the server cannot stream the run (normally the node follows its stream)',
};

/** Options of waiting for a background run (shown when Wait Mode is Wait for Completion). */
export const waitOptions: INodeProperties[] = [
	{
		displayName: 'Cancel on Timeout',
		name: 'cancelOnTimeout',
		type: 'boolean',
		default: true,
		displayOptions: onlyWhenWaiting,
		description:
			'Whether to cancel the run on Google\'s side when Maximum Wait is reached. Off: it keeps running and can be fetched later with Interaction → Get.',
	},
	{ ...maxWaitOption, displayOptions: whenWaitingOrResuming },
	pollIntervalOption,
	{
		displayName: 'Webhook Keys URL (JWKS)',
		name: 'webhookJwksUrl',
		type: 'string',
		default: '',
		placeholder: 'e.g. https://generativelanguage.googleapis.com/.well-known/jwks.json',
		displayOptions: { show: { '/waitMode': ['webhook'] } },
		description:
			"Where the public keys that sign Google's callbacks are published. Empty: Google's, or the well-known key path below the credential's Base URL when that is not Google (a gateway).",
	},
];

/** Get and Delete Custom Agent: a custom agent, picked from the live list or by ID. */
export const customAgentLocator: INodeProperties = {
	displayName: 'Agent',
	name: 'agent',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The custom agent',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchCustomAgents', searchable: true },
		},
		{
			displayName: 'ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. release-notes-writer',
		},
	],
};

/** Options sorted by display name, as n8n lists them. */
export function byDisplayName(options: INodeProperties[]): INodeProperties[] {
	return [...options].sort((a, b) => a.displayName.localeCompare(b.displayName));
}

const limitProperty: INodeProperties = {
	displayName: 'Limit',
	name: 'limit',
	type: 'number',
	typeOptions: { minValue: 1 },
	default: 50,
	displayOptions: { show: { returnAll: [false] } },
	description: 'Max number of results to return',
};

/** Return All + Limit, as n8n's list operations have them. */
export const returnAllProperties: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	limitProperty,
];

/** How many results to return: Infinity with Return All, else Limit. */
export function readLimit(ctx: IExecuteFunctions, itemIndex: number): number {
	if (ctx.getNodeParameter('returnAll', itemIndex, false) as boolean) return Infinity;
	const fallback = limitProperty.default as number;
	return Math.max(1, Number(ctx.getNodeParameter('limit', itemIndex, fallback)) || fallback);
}
