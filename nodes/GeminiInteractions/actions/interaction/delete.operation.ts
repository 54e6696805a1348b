import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { GeminiApiClient } from '../../../shared/transport/client';
import { concurrencyOption, maxQuotaWaitOption, interactionIdProperty, optionsCollection, timeoutOption } from '../descriptions';
import { readInteractionId, requestInteraction } from './byId';
import { TIMEOUT_SECONDS } from '../timeouts';

const properties: INodeProperties[] = [
	interactionIdProperty,
	optionsCollection([concurrencyOption, maxQuotaWaitOption, timeoutOption(TIMEOUT_SECONDS.request)]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['interaction'], operation: ['delete'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: GeminiApiClient,
): Promise<INodeExecutionData[]> {
	const id = readInteractionId(this, itemIndex);
	await requestInteraction<unknown>(this, itemIndex, client, id, { method: 'DELETE' });
	return [{ json: { id, deleted: true }, pairedItem: { item: itemIndex } }];
}
