import type { IDataObject } from 'n8n-workflow';

import type { GeminiApiClient } from '../transport/client';
import { resourcePath } from '../transport/client';

/**
 * Google's Webhooks API (https://ai.google.dev/api/webhooks): project webhooks that Google calls,
 * signed with Standard Webhooks HMAC secrets, when a background interaction (or batch) ends.
 * Paths below the API version: `webhooks[/{id}[:ping|:rotateSigningSecret]]`.
 */

/** The interaction events a webhook can subscribe to (Google's names). */
export const INTERACTION_EVENTS = [
	'interaction.completed',
	'interaction.failed',
	'interaction.cancelled',
	'interaction.requires_action',
] as const;

export type RevocationBehavior = 'revoke_previous_secrets_after_h24' | 'revoke_previous_secrets_immediately';

export interface Webhook {
	id?: string;
	name?: string;
	uri?: string;
	subscribed_events?: string[];
	state?: string;
	signing_secrets?: Array<{ truncated_secret?: string; expire_time?: string }>;
	/** Only in the answer to create: the whole secret, shown once. */
	new_signing_secret?: string;
	create_time?: string;
	update_time?: string;
}

export interface WebhookInput {
	name?: string;
	uri: string;
	subscribed_events: string[];
}

/** The body Google posts to a webhook. */
export interface WebhookEvent {
	type?: string;
	version?: string;
	timestamp?: string;
	data?: { id?: string; status?: string; user_metadata?: IDataObject; [field: string]: unknown };
}

const TIMEOUT_MS = 30_000;
const webhookPath = (id?: string, action?: 'ping' | 'rotateSigningSecret') =>
	`${resourcePath('webhooks', id)}${action ? `:${action}` : ''}`;

export async function createWebhook(client: GeminiApiClient, input: WebhookInput, itemIndex?: number): Promise<Webhook> {
	return await client.request<Webhook>({ method: 'POST', path: webhookPath(), body: input, timeoutMs: TIMEOUT_MS, itemIndex });
}

export async function getWebhook(client: GeminiApiClient, id: string, itemIndex?: number): Promise<Webhook> {
	return await client.request<Webhook>({ method: 'GET', path: webhookPath(id), timeoutMs: TIMEOUT_MS, itemIndex });
}

export async function listWebhooks(
	client: GeminiApiClient,
	page: { pageSize?: number; pageToken?: string } = {},
	itemIndex?: number,
): Promise<{ webhooks?: Webhook[]; next_page_token?: string }> {
	const qs: IDataObject = {};
	if (page.pageSize) qs.page_size = page.pageSize;
	if (page.pageToken) qs.page_token = page.pageToken;
	return await client.request({ method: 'GET', path: webhookPath(), qs, timeoutMs: TIMEOUT_MS, itemIndex });
}

export async function deleteWebhook(client: GeminiApiClient, id: string, itemIndex?: number): Promise<void> {
	await client.request({ method: 'DELETE', path: webhookPath(id), timeoutMs: TIMEOUT_MS, itemIndex });
}

export async function pingWebhook(client: GeminiApiClient, id: string, itemIndex?: number): Promise<void> {
	await client.request({ method: 'POST', path: webhookPath(id, 'ping'), timeoutMs: TIMEOUT_MS, itemIndex });
}

export async function rotateSigningSecret(
	client: GeminiApiClient,
	id: string,
	revocation: RevocationBehavior,
	itemIndex?: number,
): Promise<{ secret?: string }> {
	return await client.request({
		method: 'POST',
		path: webhookPath(id, 'rotateSigningSecret'),
		body: { revocation_behavior: revocation },
		timeoutMs: TIMEOUT_MS,
		itemIndex,
	});
}
