import type { IDataObject, INodeExecutionData, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { GeminiApiClient, resourcePath } from '../shared/transport/client';
import { DeliveryLedger } from '../shared/webhooks/deliveryLedger';
import { verifyStandardWebhook, webhookHeaders } from '../shared/webhooks/standardWebhooks';
import type { WebhookEvent } from '../shared/webhooks/webhooksApi';
import { rawInteraction, simplifyInteraction } from '../shared/wire/response/simplify';
import type { Interaction } from '../shared/wire/types';
import { registrationOf } from './registration';

/**
 * Deliveries this process handled, per trigger node: n8n loads a workflow's static data afresh for
 * each call, so two copies of one event arriving together would both look new there.
 */
const handledHere = new Map<string, IDataObject>();
const MAX_TRIGGERS_REMEMBERED = 1000;

function processLedger(key: string): DeliveryLedger {
	let store = handledHere.get(key);
	if (!store) {
		if (handledHere.size >= MAX_TRIGGERS_REMEMBERED) handledHere.delete(handledHere.keys().next().value as string);
		store = {};
		handledHere.set(key, store);
	}
	return new DeliveryLedger(store);
}

function answer(ctx: IWebhookFunctions, status: number, body: IDataObject): IWebhookResponseData {
	ctx.getResponseObject().status(status).json(body);
	return { noWebhookResponse: true };
}

function rawBodyOf(ctx: IWebhookFunctions): string | Buffer {
	const raw = (ctx.getRequestObject() as { rawBody?: unknown }).rawBody;
	if (typeof raw === 'string' || Buffer.isBuffer(raw)) return raw;
	return JSON.stringify(ctx.getBodyData());
}

/**
 * One call of Google's: checked against the signing secret (Standard Webhooks), events the user did
 * not choose (and pings) answered without starting the workflow, repeats of a delivery started once.
 * A failure to fetch the interaction throws, so n8n answers 500 and Google delivers again later.
 */
export async function receiveDelivery(ctx: IWebhookFunctions): Promise<IWebhookResponseData> {
	const registration = registrationOf(ctx.getWorkflowStaticData('node'));
	const headers = webhookHeaders(ctx.getHeaderData() as Record<string, unknown>);
	const check = verifyStandardWebhook({ headers, rawBody: rawBodyOf(ctx), secrets: registration.secret ? [registration.secret] : [] });
	if (!check.ok) return answer(ctx, 401, { error: `Webhook call refused (${check.reason})` });

	const event = ctx.getBodyData() as WebhookEvent;
	const events = ctx.getNodeParameter('events', []) as string[];
	if (typeof event.type !== 'string' || !events.includes(event.type)) {
		return answer(ctx, 200, { received: true, ignored: event.type ?? null });
	}
	const options = ctx.getNodeParameter('options', {}) as { eventOnly?: boolean; simplify?: boolean };
	const interactionId = typeof event.data?.id === 'string' ? event.data.id : undefined;
	let interaction: IDataObject | undefined;
	if (!options.eventOnly && interactionId) {
		const client = new GeminiApiClient(ctx, 'apiKey');
		const fetched = await client.request<Interaction>({ method: 'GET', path: resourcePath('interactions', interactionId), timeoutMs: 30_000 });
		interaction = options.simplify === false ? rawInteraction(fetched) : simplifyInteraction(fetched);
	}

	// Both ledgers are asked (no short circuit), so each remembers the delivery.
	const node = ctx.getNode();
	const newHere = processLedger(`${ctx.getWorkflow().id ?? ''}:${node.id ?? node.name}`).firstTime(check.webhookId);
	const newInWorkflow = new DeliveryLedger(registration).firstTime(check.webhookId);
	if (!newHere || !newInWorkflow) return answer(ctx, 200, { received: true, duplicate: true });

	const item: INodeExecutionData = {
		json: {
			...(interaction ?? { id: interactionId ?? null, status: event.data?.status ?? null }),
			event: { ...(event as IDataObject), webhookId: check.webhookId },
		},
	};
	return { workflowData: [[item]], webhookResponse: { received: true } };
}
