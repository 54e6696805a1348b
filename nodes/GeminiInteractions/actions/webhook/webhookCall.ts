import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { GeminiApiClient } from '../../../shared/transport/client';
import { nameApiError, settle, webhookNotFound } from '../../../shared/transport/resourceErrors';

export const webhookIdProperty: INodeProperties = {
	displayName: 'Webhook ID',
	name: 'webhookId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. a1b2c3d4e',
	description: 'The ID of the webhook (List Webhooks shows them)',
};

/** Google documents the Webhooks API for the Gemini API only. */
export function assertWebhooksAvailable(ctx: IExecuteFunctions, client: GeminiApiClient, itemIndex: number): void {
	if (client.authMode === 'apiKey') return;
	throw new NodeOperationError(ctx.getNode(), 'Webhooks need the Gemini API Key authentication', {
		itemIndex,
		description: "Google's Webhooks API belongs to the Gemini API (ai.google.dev); set Authentication to \"Gemini API Key\".",
	});
}

export function readWebhookId(ctx: IExecuteFunctions, itemIndex: number): string {
	const id = String(ctx.getNodeParameter('webhookId', itemIndex, '') ?? '').trim();
	if (id === '') {
		throw new NodeOperationError(ctx.getNode(), 'The parameter "Webhook ID" is empty', {
			itemIndex,
			description: 'Enter the ID of a webhook (List Webhooks shows them).',
		});
	}
	return id;
}

/** One call about webhook `id`, on Gemini API Key authentication; a 404 names the webhook. */
export async function callForWebhook<T>(
	ctx: IExecuteFunctions,
	itemIndex: number,
	client: GeminiApiClient,
	id: string,
	call: () => Promise<T>,
): Promise<T> {
	assertWebhooksAvailable(ctx, client, itemIndex);
	const result = await settle(call());
	if (result.ok) return result.value;
	throw nameApiError(ctx.getNode(), result.error, webhookNotFound(id), itemIndex);
}
