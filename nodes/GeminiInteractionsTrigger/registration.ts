import type { IDataObject, IHookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { GeminiApiClient } from '../shared/transport/client';
import { settle } from '../shared/transport/resourceErrors';
import type { Webhook } from '../shared/webhooks/webhooksApi';
import { createWebhook, deleteWebhook, getWebhook } from '../shared/webhooks/webhooksApi';

/**
 * The webhook this node registered in the Gemini API project, kept in the node's static data:
 * its id and the signing secret Google shows only once, when it is created.
 */
export interface Registration extends IDataObject {
	webhookId?: string;
	secret?: string;
}

export function registrationOf(staticData: IDataObject): Registration {
	return staticData as Registration;
}

function forget(registration: Registration): void {
	delete registration.webhookId;
	delete registration.secret;
}

const isNotFound = (error: unknown) => (error as { httpCode?: unknown })?.httpCode === '404';

function subscribedEvents(ctx: IHookFunctions): string[] {
	const events = ctx.getNodeParameter('events', []) as string[];
	if (!Array.isArray(events) || events.length === 0) {
		throw new NodeOperationError(ctx.getNode(), 'Choose at least one event', {
			description: 'The trigger needs to know which of Google\'s events should start the workflow.',
		});
	}
	return [...events].sort();
}

function sameWebhook(hook: Webhook, uri: string, events: string[]): boolean {
	return hook.uri === uri && hook.state !== 'disabled' && [...(hook.subscribed_events ?? [])].sort().join() === events.join();
}

/**
 * True when the registered webhook is still Google's, calls this URL, and has the chosen events.
 * A registration that no longer fits is deleted, so activation creates a fresh one.
 */
export async function webhookIsRegistered(ctx: IHookFunctions): Promise<boolean> {
	const registration = registrationOf(ctx.getWorkflowStaticData('node'));
	if (!registration.webhookId) return false;
	const client = new GeminiApiClient(ctx, 'apiKey');
	const found = await settle(getWebhook(client, registration.webhookId));
	if (!found.ok) {
		if (!isNotFound(found.error)) throw found.error;
		forget(registration);
		return false;
	}
	const uri = ctx.getNodeWebhookUrl('default') ?? '';
	if (registration.secret && sameWebhook(found.value, uri, subscribedEvents(ctx))) return true;
	await settle(deleteWebhook(client, registration.webhookId));
	forget(registration);
	return false;
}

export async function registerWebhook(ctx: IHookFunctions): Promise<boolean> {
	const uri = ctx.getNodeWebhookUrl('default');
	if (!uri) throw new NodeOperationError(ctx.getNode(), 'n8n gave no webhook URL for this trigger');
	const client = new GeminiApiClient(ctx, 'apiKey');
	const name = `n8n: ${ctx.getWorkflow().name ?? ctx.getNode().name}`.slice(0, 100);
	const created = await createWebhook(client, { name, uri, subscribed_events: subscribedEvents(ctx) });
	if (!created.id || !created.new_signing_secret) {
		if (created.id) await settle(deleteWebhook(client, created.id));
		throw new NodeOperationError(ctx.getNode(), 'Google created the webhook without returning its signing secret', {
			description: 'Without the secret the trigger cannot tell Google\'s calls from forged ones. Try activating again.',
		});
	}
	const registration = registrationOf(ctx.getWorkflowStaticData('node'));
	registration.webhookId = created.id;
	registration.secret = created.new_signing_secret;
	return true;
}

export async function unregisterWebhook(ctx: IHookFunctions): Promise<boolean> {
	const registration = registrationOf(ctx.getWorkflowStaticData('node'));
	if (registration.webhookId) {
		const deleted = await settle(deleteWebhook(new GeminiApiClient(ctx, 'apiKey'), registration.webhookId));
		if (!deleted.ok && !isNotFound(deleted.error)) return false;
	}
	forget(registration);
	return true;
}
