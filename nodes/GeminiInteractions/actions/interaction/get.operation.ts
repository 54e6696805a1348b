import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { GeminiApiClient } from '../../../shared/transport/client';
import type { Interaction } from '../../../shared/wire/types';
import type { WaitOptionValues } from '../backgroundRun';
import { assertSuccessful, followToEnd, interactionItem } from '../backgroundRun';
import {
	byDisplayName,
	concurrencyOption,
	maxQuotaWaitOption,
	interactionIdProperty,
	interactionSimplifyProperty,
	optionsCollection,
	timeoutOption,
	waitModeProperty,
	waitOptions,
} from '../descriptions';
import { readInteractionId, requestInteraction } from './byId';
import { TIMEOUT_SECONDS } from '../timeouts';

const properties: INodeProperties[] = [
	interactionIdProperty,
	waitModeProperty('returnImmediately'),
	interactionSimplifyProperty,
	optionsCollection(
		byDisplayName([
			...waitOptions,
			concurrencyOption,
			maxQuotaWaitOption,
			{
				displayName: 'Include Input',
				name: 'includeInput',
				type: 'boolean',
				default: true,
				description: 'Whether to return the input the interaction was created with (in the output as "input")',
			},
			timeoutOption(TIMEOUT_SECONDS.request),
		]),
	),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['interaction'], operation: ['get'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: GeminiApiClient,
): Promise<INodeExecutionData[]> {
	const id = readInteractionId(this, itemIndex);
	const options = this.getNodeParameter('options', itemIndex, {}) as WaitOptionValues & { includeInput?: boolean };
	const current = await requestInteraction<Interaction>(this, itemIndex, client, id, {
		method: 'GET',
		qs: options.includeInput ? { include_input: true } : undefined,
	});
	const extras: IDataObject =
		options.includeInput && current.input !== undefined ? { input: current.input as IDataObject } : {};
	if (this.getNodeParameter('waitMode', itemIndex, 'returnImmediately') !== 'wait') {
		return interactionItem(this, itemIndex, current, extras);
	}
	const settled = await followToEnd(this, itemIndex, client, current, options);
	assertSuccessful(this, itemIndex, settled);
	return interactionItem(this, itemIndex, settled, extras);
}
