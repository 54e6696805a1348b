/* eslint-disable -- test code runs in Node, not in n8n: eslint.dev.config.mjs lints it instead of n8n's node rules */
// Helpers shared by the emulator's own tests (plain HTTP via global fetch).
import { createSign } from 'node:crypto';
import type { Emulator } from './index';

export const API_KEY = 'test-api-key';
export const KEY = { 'x-goog-api-key': API_KEY };
export const CLOUD_PLATFORM = 'https://www.googleapis.com/auth/cloud-platform';

export interface Reply {
	status: number;
	contentType: string;
	headers: Headers;
	text: string;
	json: any;
}

export async function call(
	emu: Emulator,
	method: string,
	path: string,
	body?: unknown,
	headers: Record<string, string> = KEY,
): Promise<Reply> {
	const res = await fetch(emu.url + path, {
		method,
		headers: { 'content-type': 'application/json', ...headers },
		body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
	});
	const text = await res.text();
	let json: any;
	try {
		json = JSON.parse(text);
	} catch {
		json = undefined;
	}
	return { status: res.status, contentType: res.headers.get('content-type') ?? '', headers: res.headers, text, json };
}

/** POST /v1/interactions with an API key. */
export const create = (emu: Emulator, body: Record<string, unknown>, headers: Record<string, string> = KEY) =>
	call(emu, 'POST', '/v1/interactions', body, headers);

/** The text of all text blocks of model_output steps after the last user_input (SDK output_text, simplified). */
export function outputText(interaction: any): string {
	return (interaction.steps ?? [])
		.filter((s: any) => s.type === 'model_output')
		.flatMap((s: any) => s.content ?? [])
		.filter((b: any) => b.type === 'text')
		.map((b: any) => b.text)
		.join('');
}

export interface SseFrame {
	event?: string;
	id?: string;
	data: string;
}

/** Splits an SSE body into frames; comment lines are returned via `comments`. */
export function parseSse(body: string): { frames: SseFrame[]; events: any[]; comments: string[]; done: boolean } {
	const frames: SseFrame[] = [];
	const comments: string[] = [];
	for (const block of body.split('\n\n')) {
		const frame: SseFrame = { data: '' };
		for (const line of block.split('\n')) {
			if (line.startsWith(':')) comments.push(line);
			else if (line.startsWith('event: ')) frame.event = line.slice(7);
			else if (line.startsWith('id: ')) frame.id = line.slice(4);
			else if (line.startsWith('data: ')) frame.data = line.slice(6);
		}
		if (frame.data) frames.push(frame);
	}
	const done = frames.some((f) => f.data === '[DONE]');
	const events = frames.filter((f) => f.data !== '[DONE]').map((f) => JSON.parse(f.data));
	return { frames, events, comments, done };
}

/** Text reassembled from step.delta text events. */
export const streamedText = (events: any[]) =>
	events.filter((e) => e.event_type === 'step.delta' && e.delta.type === 'text').map((e) => e.delta.text).join('');

export function signJwt(privateKeyPem: string, claims: Record<string, unknown>, alg = 'RS256'): string {
	const enc = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
	const unsigned = `${enc({ alg, typ: 'JWT' })}.${enc(claims)}`;
	const signature = createSign('RSA-SHA256').update(unsigned).sign(privateKeyPem).toString('base64url');
	return `${unsigned}.${signature}`;
}

export function jwtClaims(iss: string, aud: string, overrides: Record<string, unknown> = {}) {
	const now = Math.floor(Date.now() / 1000);
	return { iss, aud, scope: CLOUD_PLATFORM, iat: now, exp: now + 3600, ...overrides };
}

export async function requestToken(emu: Emulator, assertion: string, grantType = 'urn:ietf:params:oauth:grant-type:jwt-bearer') {
	const res = await fetch(emu.tokenUrl, {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ grant_type: grantType, assertion }).toString(),
	});
	return { status: res.status, json: (await res.json()) as any };
}

/** Mints an access token for a fresh service account of the emulator. */
export async function mintToken(emu: Emulator, projectId = 'emulator-project'): Promise<string> {
	const key = emu.createServiceAccountKey({ projectId });
	const { json } = await requestToken(emu, signJwt(key.private_key, jwtClaims(key.client_email, key.token_uri)));
	return json.access_token;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls GET until the interaction leaves in_progress. */
export async function waitForEnd(emu: Emulator, id: string, headers: Record<string, string> = KEY): Promise<any> {
	for (let i = 0; i < 100; i += 1) {
		const { json } = await call(emu, 'GET', `/v1/interactions/${id}`, undefined, headers);
		if (json.status !== 'in_progress') return json;
		await sleep(25);
	}
	throw new Error(`interaction ${id} did not finish`);
}
