import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { functionResultStep, parseFunctionResults } from '../../../shared/wire/request/tools';
import type { GeminiApiClient } from '../../../shared/transport/client';
import type { FunctionResultStep } from '../../../shared/wire/types';
import { modelLocator, previousInteractionIdProperty } from '../descriptions';
import { chatTurnProperties, submitTurnOptions } from '../toolDescriptions';
import { readRequiredText, runModelTurn } from './modelTurn';

const fromItems = { show: { resultsSource: ['items'] } };

const properties: INodeProperties[] = [
	modelLocator,
	{
		...previousInteractionIdProperty,
		description:
			'The ID of the interaction whose function calls these results answer (status "requires_action"). Items with the same ID are sent together.',
	},
	{
		displayName: 'Results From',
		name: 'resultsSource',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Incoming Items',
				value: 'items',
				description: 'Each item is the result of one call; items with the same interaction ID go in one request',
			},
			{
				name: 'JSON',
				value: 'json',
				description: 'Each item holds a list of results',
			},
		],
		default: 'items',
	},
	{
		displayName: 'Call ID Field',
		name: 'callIdField',
		type: 'string',
		default: 'callId',
		required: true,
		displayOptions: fromItems,
		description: 'The item field with the ID of the call the result answers',
	},
	{
		displayName: 'Function Name Field',
		name: 'nameField',
		type: 'string',
		default: 'name',
		displayOptions: fromItems,
		description: 'The item field with the function\'s name (optional)',
	},
	{
		displayName: 'Result Field',
		name: 'resultField',
		type: 'string',
		default: 'result',
		required: true,
		displayOptions: fromItems,
		description: 'The item field with what the function returned: text or an object',
	},
	{
		displayName: 'Results (JSON)',
		name: 'results',
		type: 'json',
		default: '[\n  { "call_id": "", "name": "", "result": "" }\n]',
		required: true,
		displayOptions: { show: { resultsSource: ['json'] } },
		description: 'A list of {"call_id", "name", "result"}; result is text or an object',
	},
	{
		displayName:
			'Tools and the system instruction apply to one turn only: set the same functions, built-in tools and system instruction here as in the turn that asked for the calls',
		name: 'turnScopedNotice',
		type: 'notice',
		default: '',
	},
	...chatTurnProperties(submitTurnOptions),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['interaction'], operation: ['submitFunctionResults'] } },
	properties,
);

/** Results read from items are grouped by the interaction they answer: one request per interaction. */
export function groupKey(this: IExecuteFunctions, itemIndex: number): string | undefined {
	if (this.getNodeParameter('resultsSource', itemIndex, 'items') !== 'items') return undefined;
	const id = this.getNodeParameter('previousInteractionId', itemIndex, '') as unknown;
	return typeof id === 'string' && id.trim() !== '' ? id.trim() : undefined;
}

/** A field of the item; `a.b` reads a nested field. */
function fieldValue(json: IDataObject, path: string): unknown {
	if (path in json) return json[path];
	return path.split('.').reduce<unknown>((value, key) => (value && typeof value === 'object' ? (value as IDataObject)[key] : undefined), json);
}

function resultsFromItems(ctx: IExecuteFunctions, itemIndexes: number[]): FunctionResultStep[] {
	const items = ctx.getInputData();
	return itemIndexes.map((itemIndex) => {
		const callIdField = readRequiredText(ctx, 'callIdField', 'Call ID Field', itemIndex).trim();
		const nameField = (ctx.getNodeParameter('nameField', itemIndex, '') as string).trim();
		const resultField = readRequiredText(ctx, 'resultField', 'Result Field', itemIndex).trim();
		const json = items[itemIndex]?.json ?? {};
		const callId = fieldValue(json, callIdField);
		if (typeof callId !== 'string' || callId.trim() === '') {
			throw new NodeOperationError(ctx.getNode(), `Item ${itemIndex} has no call ID in the field "${callIdField}"`, {
				itemIndex,
				description: 'Set "Call ID Field" to the field holding the callId of the function call this item answers.',
			});
		}
		const result = fieldValue(json, resultField);
		if (result === undefined) {
			throw new NodeOperationError(ctx.getNode(), `Item ${itemIndex} has no field "${resultField}" with the function's result`, {
				itemIndex,
				description: 'Set "Result Field" to the field holding what the function returned.',
			});
		}
		const name = nameField ? fieldValue(json, nameField) : undefined;
		return functionResultStep(callId.trim(), typeof name === 'string' ? name : undefined, result);
	});
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: GeminiApiClient,
	itemIndexes: number[] = [itemIndex],
): Promise<INodeExecutionData[]> {
	const previousInteractionId = readRequiredText(this, 'previousInteractionId', 'Previous Interaction ID', itemIndex).trim();
	let results: FunctionResultStep[];
	if (this.getNodeParameter('resultsSource', itemIndex, 'items') === 'items') {
		results = resultsFromItems(this, itemIndexes);
	} else {
		const parsed = parseFunctionResults(this.getNodeParameter('results', itemIndex));
		if (!parsed.ok) {
			throw new NodeOperationError(this.getNode(), `The parameter "Results (JSON)" is invalid: ${parsed.reason}`, { itemIndex });
		}
		results = parsed.value;
	}
	return await runModelTurn(this, itemIndex, client, {
		settings: { input: results, previousInteractionId },
		chat: { attachments: false, connectedTools: false },
	});
}
