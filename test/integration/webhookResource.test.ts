/* eslint-disable -- test code runs in Node, not in n8n: eslint.dev.config.mjs lints it instead of n8n's node rules */
// Webhook resource of the main node against the emulator: each operation's request on the wire,
// the items out, and the errors bad input and unknown webhooks get.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { INodeParameters } from 'n8n-workflow';

import { call, sleep } from '../emulator/testUtils';
import { itemsOf, useEmulator } from './fixtures';

const webhook = (operation: string, extra: INodeParameters = {}): INodeParameters => ({ resource: 'webhook', operation, ...extra });

describe('Webhook resource', () => {
	const fixture = useEmulator({ webhookRetryDelayMs: 20 });
	let receiver: http.Server;
	let receiverUrl: string;
	const received: Array<{ headers: http.IncomingHttpHeaders; body: string }> = [];
	beforeAll(async () => {
		receiver = http.createServer((req, res) => {
			let body = '';
			req.on('data', (d) => (body += d));
			req.on('end', () => {
				received.push({ headers: req.headers, body });
				res.writeHead(200).end();
			});
		});
		await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
		receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
	});
	afterAll(async () => await new Promise((resolve) => receiver.close(resolve)));
	afterEach(async () => {
		for (const w of (await call(fixture.emulator, 'GET', '/v1/webhooks')).json.webhooks) await call(fixture.emulator, 'DELETE', `/v1/webhooks/${w.id}`);
	});
	const sent = () => fixture.apiRequests().map((r) => [r.method, r.path, r.body ?? null]);

	it('Create posts {name, uri, subscribed_events} and outputs the webhook with its one-time secret', async () => {
		const [item] = itemsOf(await fixture.run('apiKey', webhook('create', { url: receiverUrl, events: ['interaction.completed', 'batch.failed'], name: 'runs' })));
		expect(sent()).toEqual([['POST', '/v1/webhooks', { name: 'runs', uri: receiverUrl, subscribed_events: ['interaction.completed', 'batch.failed'] }]]);
		expect(item.json).toMatchObject({ id: expect.any(String), name: 'runs', uri: receiverUrl, state: 'enabled', new_signing_secret: expect.stringMatching(/^whsec_/) });
		expect(item.pairedItem).toEqual({ item: 0 });
	});

	it('Create without a name leaves the field out; a URL that is not http(s) is refused before any request', async () => {
		itemsOf(await fixture.run('apiKey', webhook('create', { url: receiverUrl })));
		expect(sent()).toEqual([['POST', '/v1/webhooks', { uri: receiverUrl, subscribed_events: ['interaction.completed'] }]]);
		fixture.emulator.clearRequests();
		const bad = await fixture.run('apiKey', webhook('create', { url: 'n8n.example.com/hook' }));
		expect(bad.error).toBeInstanceOf(NodeOperationError);
		expect(bad.error!.message).toBe('The parameter "URL" is not an http(s) URL: "n8n.example.com/hook"');
		expect(sent()).toEqual([]);
	});

	it('List follows next_page_token until the limit; Return All reads every page', async () => {
		for (let i = 0; i < 3; i++) await call(fixture.emulator, 'POST', '/v1/webhooks', { uri: `${receiverUrl}/${i}`, subscribed_events: ['interaction.completed'] });
		fixture.emulator.clearRequests();
		const two = itemsOf(await fixture.run('apiKey', webhook('list', { limit: 2 })));
		expect(two.map((i) => i.json.uri)).toEqual([`${receiverUrl}/0`, `${receiverUrl}/1`]);
		expect(fixture.apiRequests().map((r) => [r.path, r.query])).toEqual([['/v1/webhooks', { page_size: '2' }]]);
		const all = itemsOf(await fixture.run('apiKey', webhook('list', { returnAll: true })));
		expect(all.map((i) => i.json.uri)).toEqual([0, 1, 2].map((i) => `${receiverUrl}/${i}`));
		expect(all.every((i) => i.json.new_signing_secret === undefined)).toBe(true);
	});

	it('Get, Ping, Rotate Signing Secret and Delete call the webhook by ID', async () => {
		const made = (await call(fixture.emulator, 'POST', '/v1/webhooks', { uri: receiverUrl, subscribed_events: ['interaction.completed'] })).json;
		fixture.emulator.clearRequests();
		const [got] = itemsOf(await fixture.run('apiKey', webhook('get', { webhookId: made.id })));
		expect(got.json).toMatchObject({ id: made.id, uri: receiverUrl, signing_secrets: [expect.any(Object)] });

		const [pinged] = itemsOf(await fixture.run('apiKey', webhook('ping', { webhookId: made.id })));
		expect(pinged.json).toEqual({ id: made.id, pinged: true });
		for (let i = 0; i < 100 && received.length === 0; i++) await sleep(20);
		expect(JSON.parse(received.at(-1)!.body)).toMatchObject({ type: 'webhook.ping', data: { id: made.id } });

		const [rotated] = itemsOf(await fixture.run('apiKey', webhook('rotateSigningSecret', { webhookId: made.id, revocation: 'revoke_previous_secrets_immediately' })));
		expect(rotated.json).toEqual({ id: made.id, secret: expect.stringMatching(/^whsec_/) });
		expect(rotated.json.secret).not.toBe(made.new_signing_secret);

		const [deleted] = itemsOf(await fixture.run('apiKey', webhook('delete', { webhookId: made.id })));
		expect(deleted.json).toEqual({ id: made.id, deleted: true });
		expect(sent()).toEqual([
			['GET', `/v1/webhooks/${made.id}`, null],
			['POST', `/v1/webhooks/${made.id}:ping`, null],
			['POST', `/v1/webhooks/${made.id}:rotateSigningSecret`, { revocation_behavior: 'revoke_previous_secrets_immediately' }],
			['DELETE', `/v1/webhooks/${made.id}`, null],
		]);
		expect((await call(fixture.emulator, 'GET', '/v1/webhooks')).json.webhooks).toEqual([]);
	});

	it('Rotate keeps previous secrets for 24 hours by default', async () => {
		const made = (await call(fixture.emulator, 'POST', '/v1/webhooks', { uri: receiverUrl, subscribed_events: ['interaction.completed'] })).json;
		fixture.emulator.clearRequests();
		itemsOf(await fixture.run('apiKey', webhook('rotateSigningSecret', { webhookId: made.id })));
		expect(fixture.apiRequests()[0].body).toEqual({ revocation_behavior: 'revoke_previous_secrets_after_h24' });
	});

	it('an unknown webhook is a NodeApiError naming it, with Google\'s words; Continue On Fail gives an error item', async () => {
		const result = await fixture.run('apiKey', webhook('get', { webhookId: 'nope' }));
		expect(result.error).toBeInstanceOf(NodeApiError);
		expect(result.error!.message).toBe('Webhook "nope" was not found');
		expect((result.error as NodeApiError).description).toContain('Webhook nope not found');
		const items = itemsOf(await fixture.run('apiKey', webhook('delete', { webhookId: 'nope' }), { continueOnFail: true, inputItems: [{ json: {} }, { json: {} }] }));
		expect(items.map((i) => [i.json.error, i.pairedItem])).toEqual([
			['Webhook "nope" was not found', { item: 0 }],
			['Webhook "nope" was not found', { item: 1 }],
		]);
	});

	it('an empty Webhook ID is refused naming the parameter; Gemini Enterprise is refused before any request', async () => {
		const empty = await fixture.run('apiKey', webhook('ping', { webhookId: ' ' }));
		expect(empty.error).toBeInstanceOf(NodeOperationError);
		expect(empty.error!.message).toBe('The parameter "Webhook ID" is empty');
		const enterprise = await fixture.run('enterprise', webhook('list'));
		expect(enterprise.error).toBeInstanceOf(NodeOperationError);
		expect(enterprise.error!.message).toBe('Webhooks need the Gemini API Key authentication');
		expect(fixture.apiRequests()).toEqual([]);
	});
});
