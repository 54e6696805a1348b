import type {
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import { NodeConnectionTypes } from '../shared/host/connectionTypes';
import { receiveDelivery } from './delivery';
import { registerWebhook, unregisterWebhook, webhookIsRegistered } from './registration';

/**
 * Starts a workflow when Google calls the project's webhook: a background interaction completed,
 * failed, was cancelled or needs function results. Activation registers the webhook through
 * Google's Webhooks API; deactivation deletes it.
 */
export class GeminiInteractionsTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Gemini Interactions Trigger',
		name: 'geminiInteractionsTrigger',
		icon: { light: 'file:gemini.svg', dark: 'file:gemini.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ ($parameter["events"] || []).join(", ") }}',
		description: 'Starts the workflow when a background Gemini interaction or agent run ends',
		defaults: { name: 'Gemini Interactions Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'geminiInteractionsApi', required: true }],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' }],
		properties: [
			{
				displayName:
					'Google calls this workflow\'s production webhook URL, so n8n must be reachable from the internet (set n8n\'s WEBHOOK_URL). Activating the workflow registers a webhook in your Gemini API project; deactivating deletes it.',
				name: 'notice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				options: [
					{ name: 'Interaction Cancelled', value: 'interaction.cancelled', description: 'A background run was cancelled' },
					{ name: 'Interaction Completed', value: 'interaction.completed', description: 'A background run finished' },
					{ name: 'Interaction Failed', value: 'interaction.failed', description: 'A background run failed or stopped early' },
					{
						name: 'Interaction Requires Action',
						value: 'interaction.requires_action',
						description: 'A background run waits for function results',
					},
				],
				default: ['interaction.completed'],
				description: 'Which of Google\'s webhook events start the workflow',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Event Only',
						name: 'eventOnly',
						type: 'boolean',
						default: false,
						description:
							'Whether to output Google\'s event as received, without fetching the interaction (its text, usage and steps)',
					},
					{
						displayName: 'Simplify',
						name: 'simplify',
						type: 'boolean',
						default: true,
						description:
							'Whether to return the fetched interaction simplified (ID, status, text, usage) instead of the raw API response',
					},
				],
			},
		],
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await webhookIsRegistered(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await registerWebhook(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await unregisterWebhook(this);
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receiveDelivery(this);
	}
}
