import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { GeminiApiClient } from '../../../shared/transport/client';
import type { RevocationBehavior } from '../../../shared/webhooks/webhooksApi';
import { rotateSigningSecret } from '../../../shared/webhooks/webhooksApi';
import { callForWebhook, readWebhookId, webhookIdProperty } from './webhookCall';

const properties: INodeProperties[] = [
	{
		displayName:
			'A Gemini Interactions Trigger keeps the secret its webhook (named "n8n: " and the workflow\'s name) got at activation, so rotating that webhook\'s secret here stops the Trigger once the old secret ends. To renew a Trigger\'s secret, deactivate its workflow and activate it again.',
		name: 'triggerNotice',
		type: 'notice',
		default: '',
	},
	webhookIdProperty,
	{
		displayName: 'Previous Secrets',
		name: 'revocation',
		type: 'options',
		options: [
			{ name: 'Keep for 24 Hours', value: 'revoke_previous_secrets_after_h24', description: 'Receivers can switch to the new secret meanwhile' },
			{ name: 'Revoke Now', value: 'revoke_previous_secrets_immediately' },
		],
		default: 'revoke_previous_secrets_after_h24',
		description: 'What happens to the secrets that signed deliveries until now',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['webhook'], operation: ['rotateSigningSecret'] } }, properties);

/** The output holds the new secret: Google shows it only in this answer. */
export async function execute(this: IExecuteFunctions, itemIndex: number, client: GeminiApiClient): Promise<INodeExecutionData[]> {
	const id = readWebhookId(this, itemIndex);
	const revocation = this.getNodeParameter('revocation', itemIndex, 'revoke_previous_secrets_after_h24') as RevocationBehavior;
	const rotated = await callForWebhook(this, itemIndex, client, id, async () => await rotateSigningSecret(client, id, revocation, itemIndex));
	return [{ json: { id, secret: rotated.secret ?? null }, pairedItem: { item: itemIndex } }];
}
