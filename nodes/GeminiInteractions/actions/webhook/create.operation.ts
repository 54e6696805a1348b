import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import type { GeminiApiClient } from '../../../shared/transport/client';
import { createWebhook } from '../../../shared/webhooks/webhooksApi';
import { assertWebhooksAvailable } from './webhookCall';

const properties: INodeProperties[] = [
	{
		displayName: 'URL',
		name: 'url',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. https://n8n.example.com/webhook/gemini-runs',
		description: 'Where Google posts the events; it must be reachable from the internet',
	},
	{
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		required: true,
		options: [
			{ name: 'Batch Cancelled', value: 'batch.cancelled' },
			{ name: 'Batch Expired', value: 'batch.expired' },
			{ name: 'Batch Failed', value: 'batch.failed' },
			{ name: 'Batch Succeeded', value: 'batch.succeeded' },
			{ name: 'Interaction Cancelled', value: 'interaction.cancelled' },
			{ name: 'Interaction Completed', value: 'interaction.completed' },
			{ name: 'Interaction Failed', value: 'interaction.failed' },
			{ name: 'Interaction Requires Action', value: 'interaction.requires_action' },
			{ name: 'Video Generated', value: 'video.generated' },
		],
		default: ['interaction.completed'],
		description: "Which of Google's events are sent to the URL",
	},
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		description: 'A name to recognise the webhook by',
	},
	{
		displayName:
			'The output holds the signing secret ("new_signing_secret"): Google shows it only once. Keep it to verify deliveries (Standard Webhooks).',
		name: 'secretNotice',
		type: 'notice',
		default: '',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['webhook'], operation: ['create'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number, client: GeminiApiClient): Promise<INodeExecutionData[]> {
	assertWebhooksAvailable(this, client, itemIndex);
	const uri = String(this.getNodeParameter('url', itemIndex, '') ?? '').trim();
	if (!/^https?:\/\/\S+$/.test(uri)) {
		throw new NodeOperationError(this.getNode(), `The parameter "URL" is not an http(s) URL: "${uri}"`, {
			itemIndex,
			description: 'Enter the full address Google should call, e.g. https://n8n.example.com/webhook/gemini-runs.',
		});
	}
	const events = this.getNodeParameter('events', itemIndex, []) as string[];
	if (!Array.isArray(events) || events.length === 0) {
		throw new NodeOperationError(this.getNode(), 'The parameter "Events" is empty', { itemIndex, description: 'Choose at least one event.' });
	}
	const name = String(this.getNodeParameter('name', itemIndex, '') ?? '').trim();
	const webhook = await createWebhook(client, { ...(name ? { name } : {}), uri, subscribed_events: events }, itemIndex);
	return [{ json: webhook as IDataObject, pairedItem: { item: itemIndex } }];
}
