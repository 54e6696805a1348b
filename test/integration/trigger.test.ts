/* eslint-disable -- test code runs in Node, not in n8n: eslint.dev.config.mjs lints it instead of n8n's node rules */
// Gemini Interactions Trigger against the emulator: activation registers a project webhook through
// the Webhooks API, Google's (the emulator's) signed deliveries reach the node's webhook() through a
// local receiver that answers as n8n would, and deactivation deletes the webhook.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { GeminiInteractionsApi } from '../../credentials/GeminiInteractionsApi.credentials';
import { GeminiInteractionsTrigger } from '../../nodes/GeminiInteractionsTrigger/GeminiInteractionsTrigger.node';
import { startEmulator, type Emulator } from '../emulator';
import { call, create, sleep } from '../emulator/testUtils';
import { createCredentialStore, runWebhook, runWebhookMethod, type RunWebhookResult } from '../harness';

let emulator: Emulator;
let receiver: http.Server;
let webhookUrl: string;
let credentials: ReturnType<typeof createCredentialStore>;
/** What the receiver handed to the node, and what the node made of it. */
let calls: Array<{ headers: Record<string, string>; body: string; run: RunWebhookResult }>;
let staticData: IDataObject;
let parameters: INodeParameters;

const node = new GeminiInteractionsTrigger();
const common = () => ({ node, parameters, credentialTypes: [new GeminiInteractionsApi()], credentials, staticData, webhookUrl });
const lifecycle = async (method: 'checkExists' | 'create' | 'delete') => await runWebhookMethod({ ...common(), method });
const started = (): INodeExecutionData[] => calls.flatMap((c) => c.run.result?.workflowData?.[0] ?? []);
const webhookCalls = () => emulator.requests.filter((r) => r.path.startsWith('/v1/webhooks'));

async function until(check: () => boolean, what: string) {
	for (let i = 0; i < 300 && !check(); i += 1) await sleep(20);
	if (!check()) throw new Error(`timed out waiting for ${what}`);
}

beforeAll(async () => {
	emulator = await startEmulator({ backgroundDurationMs: 150, webhookRetryDelayMs: 20 });
	credentials = createCredentialStore({ geminiInteractionsApi: { apiKey: 'test-api-key', baseUrl: emulator.url, apiVersion: 'v1' } });
	receiver = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c) => chunks.push(c));
		req.on('end', () => {
			const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
			const rawBody = Buffer.concat(chunks);
			void runWebhook({ ...common(), request: { headers, rawBody } }).then((run) => {
				calls.push({ headers, body: rawBody.toString('utf8'), run });
				// n8n answers 500 when webhook() throws, else the node's own answer or 200.
				res.writeHead(run.error ? 500 : run.response.statusCode, { 'content-type': 'application/json' }).end(JSON.stringify(run.response.body ?? run.result?.webhookResponse ?? {}));
			});
		});
	});
	await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
	webhookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhook/3f1c2b4a-trigger/webhook`;
});
beforeEach(() => {
	calls = [];
	staticData = {};
	parameters = { events: ['interaction.completed', 'interaction.failed'] };
	emulator.clearRequests();
});
afterAll(async () => {
	await emulator.close();
	await new Promise((resolve) => receiver.close(resolve));
});

describe('Gemini Interactions Trigger', () => {
	it('activation registers a webhook for the chosen events; deactivation deletes it', async () => {
		expect(await lifecycle('checkExists')).toBe(false);
		expect(await lifecycle('create')).toBe(true);
		const [createCall] = webhookCalls();
		expect(createCall).toMatchObject({ method: 'POST', path: '/v1/webhooks' });
		expect(createCall.body).toEqual({ name: 'n8n: Harness workflow', uri: webhookUrl, subscribed_events: ['interaction.completed', 'interaction.failed'] });
		const listed = await call(emulator, 'GET', '/v1/webhooks');
		expect(listed.json.webhooks).toHaveLength(1);
		expect(listed.json.webhooks[0]).toMatchObject({ uri: webhookUrl, state: 'enabled' });
		expect(await lifecycle('checkExists')).toBe(true);

		expect(await lifecycle('delete')).toBe(true);
		expect(webhookCalls().at(-1)).toMatchObject({ method: 'DELETE', path: `/v1/webhooks/${listed.json.webhooks[0].id}` });
		expect((await call(emulator, 'GET', '/v1/webhooks')).json.webhooks).toEqual([]);
		expect(await lifecycle('checkExists')).toBe(false);
		// Deleting again (the webhook is already gone) still counts as done.
		expect(await lifecycle('delete')).toBe(true);
	});

	it('a registration whose events changed is replaced on activation', async () => {
		await lifecycle('create');
		const first = (await call(emulator, 'GET', '/v1/webhooks')).json.webhooks[0].id;
		parameters = { events: ['interaction.requires_action'] };
		expect(await lifecycle('checkExists')).toBe(false);
		expect((await call(emulator, 'GET', '/v1/webhooks')).json.webhooks).toEqual([]);
		await lifecycle('create');
		const now = (await call(emulator, 'GET', '/v1/webhooks')).json.webhooks;
		expect(now.map((w: IDataObject) => [w.id === first, w.subscribed_events])).toEqual([[false, ['interaction.requires_action']]]);
		await lifecycle('delete');
	});

	it('a completed run starts the workflow once, with the fetched interaction simplified', async () => {
		await lifecycle('create');
		emulator.duplicateWebhookDeliveries(1);
		const run = await create(emulator, { model: 'gemini-3-flash-preview', input: 'Tell me about tides', background: true });
		expect(run.status).toBe(200);
		await until(() => calls.length >= 2, 'the event and its duplicate');
		await emulator.webhooksIdle();

		expect(calls.map((c) => c.headers['webhook-id'])).toEqual([calls[0].headers['webhook-id'], calls[0].headers['webhook-id']]);
		expect(started()).toHaveLength(1);
		const [item] = started();
		expect(item.json).toMatchObject({ id: run.json.id, status: 'completed', text: expect.stringContaining('Tell me about tides'), usage: expect.any(Object) });
		expect(item.json.event).toMatchObject({ type: 'interaction.completed', webhookId: calls[0].headers['webhook-id'], data: { id: run.json.id, status: 'completed' } });
		expect(emulator.requests.filter((r) => r.method === 'GET' && r.path === `/v1/interactions/${run.json.id}`).length).toBeGreaterThanOrEqual(1);
		expect(calls.map((c) => c.run.result?.webhookResponse ?? c.run.response.body)).toEqual(
			expect.arrayContaining([{ received: true }, { received: true, duplicate: true }]),
		);
		await lifecycle('delete');
	});

	it('Event Only outputs the event without fetching; unchosen events do not start the workflow', async () => {
		parameters = { events: ['interaction.failed'], options: { eventOnly: true } };
		await lifecycle('create');
		const ok = await create(emulator, { model: 'gemini-3-flash-preview', input: 'Fine', background: true });
		const bad = await create(emulator, { model: 'gemini-3-flash-preview', input: 'Hi #status:failed', background: true });
		await until(() => started().length === 1, 'the failed event');
		await emulator.webhooksIdle();
		expect(started().map((i) => i.json)).toEqual([
			{ id: bad.json.id, status: 'failed', event: expect.objectContaining({ type: 'interaction.failed', data: { id: bad.json.id, status: 'failed' } }) },
		]);
		// The project webhook only subscribed to failures: the completed run was never sent.
		expect(emulator.webhookDeliveries.some((d) => d.interactionId === ok.json.id)).toBe(false);
		expect(emulator.requests.some((r) => r.method === 'GET' && r.path.startsWith('/v1/interactions/'))).toBe(false);
		await lifecycle('delete');
	});

	it('a ping is answered without starting the workflow', async () => {
		await lifecycle('create');
		const id = (await call(emulator, 'GET', '/v1/webhooks')).json.webhooks[0].id;
		await call(emulator, 'POST', `/v1/webhooks/${id}:ping`, {});
		await until(() => calls.length === 1, 'the ping');
		expect(calls[0].run.response).toEqual({ statusCode: 200, body: { received: true, ignored: 'webhook.ping' } });
		expect(started()).toEqual([]);
		await lifecycle('delete');
	});

	it('refuses a call signed with another secret, and one without signature', async () => {
		await lifecycle('create');
		const body = JSON.stringify({ type: 'interaction.completed', data: { id: 'v1_forged', status: 'completed' } });
		const now = String(Math.floor(Date.now() / 1000));
		const forged = await runWebhook({
			...common(),
			request: { headers: { 'content-type': 'application/json', 'webhook-id': 'msg_x', 'webhook-timestamp': now, 'webhook-signature': 'v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=' }, rawBody: Buffer.from(body) },
		});
		expect(forged.response).toEqual({ statusCode: 401, body: { error: 'Webhook call refused (bad_signature)' } });
		const unsigned = await runWebhook({ ...common(), request: { headers: { 'content-type': 'application/json' }, rawBody: Buffer.from(body) } });
		expect(unsigned.response).toEqual({ statusCode: 401, body: { error: 'Webhook call refused (missing_headers)' } });
		expect(forged.result?.workflowData).toBeUndefined();
		expect(unsigned.result?.workflowData).toBeUndefined();
		await lifecycle('delete');
	});

	it('when the interaction cannot be fetched, n8n answers 500 and Google delivers again', async () => {
		await lifecycle('create');
		emulator.addFault({ match: { method: 'GET', path: /^\/v1\/interactions\/.+/ }, status: 403, times: 1 });
		const run = await create(emulator, { model: 'gemini-3-flash-preview', input: 'Retry me', background: true });
		await until(() => started().length === 1, 'the redelivered event');
		expect(calls.map((c) => c.run.error === undefined)).toEqual([false, true]);
		expect(calls[0].headers['webhook-id']).toBe(calls[1].headers['webhook-id']);
		expect(emulator.webhookDeliveries.filter((d) => d.interactionId === run.json.id).map((d) => d.status)).toEqual([500, 200]);
		expect(started()[0].json).toMatchObject({ id: run.json.id, status: 'completed' });
		await lifecycle('delete');
	});
});
