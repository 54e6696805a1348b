import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { GeminiApiClient } from '../../../shared/transport/client';
import type { Interaction } from '../../../shared/wire/types';
import { interactionItem } from '../backgroundRun';
import {
	concurrencyOption,
	maxQuotaWaitOption,
	interactionIdProperty,
	interactionSimplifyProperty,
	optionsCollection,
	timeoutOption,
} from '../descriptions';
import { readInteractionId, requestInteraction } from './byId';
import { TIMEOUT_SECONDS } from '../timeouts';

const properties: INodeProperties[] = [
	interactionIdProperty,
	interactionSimplifyProperty,
	optionsCollection([concurrencyOption, maxQuotaWaitOption, timeoutOption(TIMEOUT_SECONDS.request)]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['interaction'], operation: ['cancel'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: GeminiApiClient,
): Promise<INodeExecutionData[]> {
	const id = readInteractionId(this, itemIndex);
	const cancelled = await requestInteraction<Interaction>(this, itemIndex, client, id, {
		method: 'POST',
		action: 'cancel',
	});
	return interactionItem(this, itemIndex, cancelled);
}
