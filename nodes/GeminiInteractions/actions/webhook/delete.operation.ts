import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { GeminiApiClient } from '../../../shared/transport/client';
import { deleteWebhook } from '../../../shared/webhooks/webhooksApi';
import { callForWebhook, readWebhookId, webhookIdProperty } from './webhookCall';

export const description = updateDisplayOptions({ show: { resource: ['webhook'], operation: ['delete'] } }, [webhookIdProperty]);

export async function execute(this: IExecuteFunctions, itemIndex: number, client: GeminiApiClient): Promise<INodeExecutionData[]> {
	const id = readWebhookId(this, itemIndex);
	await callForWebhook(this, itemIndex, client, id, async () => await deleteWebhook(client, id, itemIndex));
	return [{ json: { id, deleted: true }, pairedItem: { item: itemIndex } }];
}
