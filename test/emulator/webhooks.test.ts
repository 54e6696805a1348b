/* eslint-disable -- test code runs in Node, not in n8n: eslint.dev.config.mjs lints it instead of n8n's node rules */
// The emulator's webhooks: the Webhooks API through Google's own @google/genai client, and the
// deliveries a receiver gets (Standard Webhooks HMAC for project webhooks, RS256 JWT + JWKS for
// per-request webhook_config). Signatures are checked here with node:crypto directly.
import { createHmac, createPublicKey, verify } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { GoogleGenAI } from '@google/genai';

import { startEmulator, type Emulator } from './index';
import { call, create } from './testUtils';

interface Received {
	path: string;
	headers: http.IncomingHttpHeaders;
	body: string;
}

let emu: Emulator;
let receiver: http.Server;
let receiverUrl: string;
let received: Received[];
/** Status the receiver answers, by call number (default 200). */
let answers: number[];

beforeAll(async () => {
	for (const name of Object.keys(process.env)) if (name === 'GEMINI_API_KEY' || name.startsWith('GOOGLE_')) delete process.env[name];
	emu = await startEmulator({ backgroundDurationMs: 100, webhookRetryDelayMs: 20 });
	receiver = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c) => chunks.push(c));
		req.on('end', () => {
			received.push({ path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
			res.writeHead(answers.shift() ?? 200).end('ok');
		});
	});
	await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
	receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
});
beforeEach(() => {
	received = [];
	answers = [];
});
afterAll(async () => {
	await emu.close();
	await new Promise((resolve) => receiver.close(resolve));
});

const sdk = () => new GoogleGenAI({ apiKey: 'test-api-key', httpOptions: { baseUrl: emu.url } });

function hmacOk(secret: string, r: Received): boolean {
	const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
	const expected = createHmac('sha256', key).update(`${r.headers['webhook-id']}.${r.headers['webhook-timestamp']}.${r.body}`).digest('base64');
	return String(r.headers['webhook-signature']).split(' ').includes(`v1,${expected}`);
}

async function until(check: () => boolean, what: string) {
	for (let i = 0; i < 200 && !check(); i += 1) await new Promise((r) => setTimeout(r, 20));
	if (!check()) throw new Error(`timed out waiting for ${what}`);
}

describe('Webhooks API (through @google/genai)', () => {
	it('create returns the signing secret once; list, get, ping, rotate and delete work', async () => {
		const client = sdk();
		const made = await client.webhooks.create({ name: 'n8n', uri: `${receiverUrl}/hook`, subscribed_events: ['interaction.completed'] });
		expect(made).toMatchObject({ name: 'n8n', uri: `${receiverUrl}/hook`, subscribed_events: ['interaction.completed'], state: 'enabled' });
		expect(made.new_signing_secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
		const id = (made as { id: string }).id;
		const fetched = await client.webhooks.get(id);
		expect(fetched).not.toHaveProperty('new_signing_secret');
		expect(fetched.signing_secrets).toEqual([{ truncated_secret: expect.stringMatching(/^whsec_.{4}…$/) }]);
		expect((await client.webhooks.list()).webhooks?.map((w) => (w as { id: string }).id)).toContain(id);

		await client.webhooks.ping(id);
		await until(() => received.length === 1, 'the ping');
		expect(JSON.parse(received[0].body)).toMatchObject({ type: 'webhook.ping', data: { id } });
		expect(hmacOk(made.new_signing_secret!, received[0])).toBe(true);

		const rotated = await client.webhooks.rotateSigningSecret(id);
		expect(rotated.secret).toMatch(/^whsec_/);
		await client.webhooks.ping(id);
		await until(() => received.length === 2, 'the second ping');
		// During the 24 h overlap both secrets sign: two v1 entries, each verifiable.
		expect(String(received[1].headers['webhook-signature']).split(' ')).toHaveLength(2);
		expect(hmacOk(rotated.secret!, received[1]) && hmacOk(made.new_signing_secret!, received[1])).toBe(true);

		await client.webhooks.delete(id);
		await expect(client.webhooks.get(id)).rejects.toThrow(/not found/);
		const paths = emu.requests.map((r) => `${r.method} ${r.path}`);
		expect(paths).toEqual(expect.arrayContaining([`POST /v1/webhooks/${id}:ping`, `POST /v1/webhooks/${id}:rotateSigningSecret`, `DELETE /v1/webhooks/${id}`]));
	});

	it('refuses unknown events and a missing uri', async () => {
		const bad = await call(emu, 'POST', '/v1beta/webhooks', { uri: receiverUrl, subscribed_events: ['interaction.exploded'] });
		expect(bad.status).toBe(400);
		expect((await call(emu, 'POST', '/v1beta/webhooks', { subscribed_events: ['interaction.completed'] })).status).toBe(400);
	});
});

describe('deliveries', () => {
	it('a project webhook gets interaction.completed for a background run, retried after a 500', async () => {
		const made = await call(emu, 'POST', '/v1/webhooks', { uri: `${receiverUrl}/project`, subscribed_events: ['interaction.completed', 'interaction.failed'] });
		answers = [500];
		const run = await create(emu, { agent: 'deep-research-preview-04-2026', input: 'Ports', background: true });
		await until(() => received.length === 2, 'the retried delivery');
		const [first, second] = received;
		expect(first.headers['webhook-id']).toBe(second.headers['webhook-id']);
		expect(JSON.parse(second.body)).toMatchObject({ type: 'interaction.completed', data: { id: run.json.id, status: 'completed' } });
		expect(hmacOk(made.json.new_signing_secret, second)).toBe(true);
		await call(emu, 'DELETE', `/v1/webhooks/${made.json.id}`);
	});

	it('webhook_config sends a JWT-signed event to its uris with the user_metadata, once per event or twice on demand', async () => {
		emu.duplicateWebhookDeliveries(1);
		const run = await create(emu, {
			model: 'gemini-3.5-flash',
			input: 'Hi #status:failed',
			background: true,
			webhook_config: { uris: [`${receiverUrl}/resume?signature=t`], user_metadata: { item: 2 } },
		});
		await until(() => received.length === 2, 'two copies');
		expect(received[0].headers['webhook-id']).toBe(received[1].headers['webhook-id']);
		const r = received[0];
		expect(r.path).toBe('/resume?signature=t');
		expect(JSON.parse(r.body)).toMatchObject({ type: 'interaction.failed', data: { id: run.json.id, status: 'failed', user_metadata: { item: 2 } } });
		const [h, p, s] = String(r.headers['webhook-signature']).split('.');
		const header = JSON.parse(Buffer.from(h, 'base64url').toString());
		const jwks = (await (await fetch(emu.jwksUrl)).json()) as { keys: Array<{ kid: string }> };
		const jwk = jwks.keys.find((k) => k.kid === header.kid);
		expect(header.alg).toBe('RS256');
		expect(verify('RSA-SHA256', Buffer.from(`${h}.${p}`), createPublicKey({ key: jwk as never, format: 'jwk' }), Buffer.from(s, 'base64url'))).toBe(true);
		expect(JSON.parse(Buffer.from(p, 'base64url').toString())).toMatchObject({ aud: `${receiverUrl}/resume?signature=t`, jti: r.headers['webhook-id'] });
	});

	it('webhook_config on a foreground request is accepted; the answer carries the result and nothing is delivered', async () => {
		const before = emu.webhookDeliveries.length;
		const res = await create(emu, { model: 'gemini-3.5-flash', input: 'x', webhook_config: { uris: [receiverUrl] } });
		expect(res.status).toBe(200);
		expect(res.json.status).toBe('completed');
		await emu.webhooksIdle();
		expect(emu.webhookDeliveries.length).toBe(before);
	});
});
