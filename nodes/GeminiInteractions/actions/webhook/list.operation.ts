import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { GeminiApiClient } from '../../../shared/transport/client';
import type { Webhook } from '../../../shared/webhooks/webhooksApi';
import { listWebhooks } from '../../../shared/webhooks/webhooksApi';
import { assertWebhooksAvailable } from './webhookCall';

const limitProperty: INodeProperties = {
	displayName: 'Limit',
	name: 'limit',
	type: 'number',
	typeOptions: { minValue: 1 },
	default: 50,
	displayOptions: { show: { returnAll: [false] } },
	description: 'Max number of results to return',
};

const properties: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	limitProperty,
];

export const description = updateDisplayOptions({ show: { resource: ['webhook'], operation: ['list'] } }, properties);

const PAGE_SIZE = 100;

export async function execute(this: IExecuteFunctions, itemIndex: number, client: GeminiApiClient): Promise<INodeExecutionData[]> {
	assertWebhooksAvailable(this, client, itemIndex);
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const limit = returnAll ? Infinity : Math.max(1, Number(this.getNodeParameter('limit', itemIndex, limitProperty.default)) || (limitProperty.default as number));
	const webhooks: Webhook[] = [];
	let pageToken: string | undefined;
	do {
		const page = await listWebhooks(client, { pageSize: Math.min(PAGE_SIZE, limit - webhooks.length), pageToken }, itemIndex);
		webhooks.push(...(page.webhooks ?? []));
		pageToken = page.next_page_token || undefined;
	} while (pageToken && webhooks.length < limit);
	return webhooks.slice(0, limit).map((webhook) => ({ json: webhook as IDataObject, pairedItem: { item: itemIndex } }));
}
