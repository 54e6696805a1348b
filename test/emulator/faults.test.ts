/* eslint-disable -- test code runs in Node, not in n8n: eslint.dev.config.mjs lints it instead of n8n's node rules */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { startEmulator, type Emulator } from './index';
import { call, create } from './testUtils';

let emu: Emulator;
beforeAll(async () => {
	emu = await startEmulator({ streamChunkDelayMs: 0 });
});
afterAll(() => emu.close());
beforeEach(() => {
	emu.clearFaults();
	emu.clearRequests();
});

const BODY = { model: 'gemini-3.5-flash', input: 'Hi' };

describe('fault injection', () => {
	it('answers with a status and Retry-After for the next `times` matching requests, then normally', async () => {
		emu.addFault({ match: { method: 'POST', path: '/interactions' }, times: 2, status: 429, retryAfter: 1, retryAfterMs: 5 });
		const first = await create(emu, BODY);
		expect([first.status, first.headers.get('retry-after'), first.headers.get('retry-after-ms')]).toEqual([429, '1', '5']);
		expect(first.json.error).toEqual({ message: expect.any(String), code: 'resource_exhausted' });
		expect((await create(emu, BODY)).status).toBe(429);
		expect((await create(emu, BODY)).status).toBe(200);
		expect(emu.requests.map((r) => r.status)).toEqual([429, 429, 200]);
	});

	it('matches on method, RegExp path and body', async () => {
		emu.addFault({ match: { method: 'GET' }, status: 500 });
		emu.addFault({ match: { path: /\/v1beta\// }, status: 503 });
		emu.addFault({ match: { bodyIncludes: 'magic-word' }, status: 502, body: 'raw gateway text', contentType: 'text/html' });
		expect((await create(emu, BODY)).status).toBe(200);
		expect((await call(emu, 'POST', '/v1beta/interactions', BODY)).status).toBe(503);
		const gateway = await create(emu, { ...BODY, input: 'say magic-word' });
		expect([gateway.status, gateway.contentType, gateway.text]).toEqual([502, 'text/html', 'raw gateway text']);
		expect((await call(emu, 'GET', '/v1/models')).status).toBe(500);
	});

	it('sends malformed JSON, a custom 200 body, or resets the connection', async () => {
		emu.addFault({ malformed: true });
		const malformed = await create(emu, BODY);
		expect([malformed.status, malformed.json]).toEqual([200, undefined]);
		emu.addFault({ body: { custom: true } });
		expect((await create(emu, BODY)).json).toEqual({ custom: true });
		emu.addFault({ resetConnection: true });
		await expect(create(emu, BODY)).rejects.toThrow();
		expect(emu.requests.at(-1)?.status).toBe(0);
	});

	it('delays a request before answering normally', async () => {
		emu.addFault({ delayMs: 150 });
		const started = Date.now();
		expect((await create(emu, BODY)).status).toBe(200);
		expect(Date.now() - started).toBeGreaterThanOrEqual(140);
	});
});

describe('request log', () => {
	it('records each request with its body, status, timing and concurrency', async () => {
		emu.addFault({ delayMs: 100, times: 3 });
		await Promise.all([create(emu, BODY), create(emu, BODY), create(emu, BODY)]);
		expect(emu.maxInFlight).toBe(3);
		const entry = emu.requests[0];
		expect(entry).toMatchObject({
			seq: expect.any(Number),
			method: 'POST',
			path: '/v1/interactions',
			query: {},
			url: '/v1/interactions',
			family: 'gemini',
			apiVersion: 'v1',
			body: BODY,
			bodyBytes: Buffer.byteLength(JSON.stringify(BODY)),
			media: [],
			status: 200,
			stream: false,
		});
		expect(entry.endedAt).toBeGreaterThanOrEqual(entry.startedAt);
		expect(Math.max(...emu.requests.map((r) => r.inFlightAtStart))).toBe(3);
		emu.clearRequests();
		expect([emu.requests.length, emu.maxInFlight]).toEqual([0, 0]);
	});
});

describe('control API', () => {
	const control = (method: string, path: string, body?: unknown) =>
		call(emu, method, `/__emulator/${path}`, body, {});

	it('exposes the log, faults, token revocation and health over HTTP without logging itself', async () => {
		await create(emu, BODY);
		const health = await control('GET', 'health');
		expect(health.json).toMatchObject({ ok: true, url: emu.url, requests: 1 });
		expect((await control('GET', 'requests')).json).toHaveLength(1);
		await control('POST', 'faults', { match: { pathRegex: 'interactions$' }, status: 503 });
		expect((await create(emu, BODY)).status).toBe(503);
		await control('POST', 'faults', { status: 500, times: 5 });
		await control('DELETE', 'faults');
		expect((await create(emu, BODY)).status).toBe(200);
		const key = (await control('POST', 'service-accounts', { projectId: 'ctl' })).json;
		expect(key).toMatchObject({ project_id: 'ctl', token_uri: emu.tokenUrl });
		expect((await control('POST', 'revoke-tokens')).status).toBe(200);
		await control('DELETE', 'requests');
		expect(emu.requests).toHaveLength(0);
	});
});

describe('CLI', () => {
	it('prints one JSON line, writes the service account and stops on SIGTERM', async () => {
		const file = join(tmpdir(), `emu-sa-${process.pid}.json`);
		const child = spawn(process.execPath, [join(__dirname, 'cli.js'), '--port', '0', '--write-service-account', file, '--project', 'cli-proj']);
		const [line] = (await once(createInterface({ input: child.stdout }), 'line')) as [string];
		const info = JSON.parse(line);
		expect(info).toEqual({ url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/), tokenUrl: `${info.url}/token`, apiKey: 'test-api-key', accessToken: 'static-token', pid: child.pid });
		const key = JSON.parse(readFileSync(file, 'utf8'));
		expect(key).toMatchObject({ project_id: 'cli-proj', token_uri: info.tokenUrl });
		expect((await fetch(`${info.url}/__emulator/health`)).status).toBe(200);
		child.kill('SIGTERM');
		const [code] = await once(child, 'exit');
		expect(code).toBe(0);
		rmSync(file);
	});
});
