import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { GeminiApiClient } from '../../../shared/transport/client';
import { getWebhook } from '../../../shared/webhooks/webhooksApi';
import { callForWebhook, readWebhookId, webhookIdProperty } from './webhookCall';

export const description = updateDisplayOptions({ show: { resource: ['webhook'], operation: ['get'] } }, [webhookIdProperty]);

export async function execute(this: IExecuteFunctions, itemIndex: number, client: GeminiApiClient): Promise<INodeExecutionData[]> {
	const id = readWebhookId(this, itemIndex);
	const webhook = await callForWebhook(this, itemIndex, client, id, async () => await getWebhook(client, id, itemIndex));
	return [{ json: webhook as IDataObject, pairedItem: { item: itemIndex } }];
}
