import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { GeminiApiClient } from '../../../shared/transport/client';
import type { Webhook } from '../../../shared/webhooks/webhooksApi';
import { listWebhooks } from '../../../shared/webhooks/webhooksApi';
import { readLimit, returnAllProperties } from '../descriptions';
import { assertWebhooksAvailable } from './webhookCall';

export const description = updateDisplayOptions({ show: { resource: ['webhook'], operation: ['list'] } }, returnAllProperties);

const PAGE_SIZE = 100;

export async function execute(this: IExecuteFunctions, itemIndex: number, client: GeminiApiClient): Promise<INodeExecutionData[]> {
	assertWebhooksAvailable(this, client, itemIndex);
	const limit = readLimit(this, itemIndex);
	const webhooks: Webhook[] = [];
	let pageToken: string | undefined;
	do {
		const page = await listWebhooks(client, { pageSize: Math.min(PAGE_SIZE, limit - webhooks.length), pageToken }, itemIndex);
		webhooks.push(...(page.webhooks ?? []));
		pageToken = page.next_page_token || undefined;
	} while (pageToken && webhooks.length < limit);
	return webhooks.slice(0, limit).map((webhook) => ({ json: webhook as IDataObject, pairedItem: { item: itemIndex } }));
}
