/* eslint-disable -- test code runs in Node, not in n8n: eslint.dev.config.mjs lints it instead of n8n's node rules */
// Contract test: the real @google/genai 3.1.0 client against the emulator, in
// API-key mode (v1 default and v1beta) and enterprise mode (bearer token from
// the emulator's own token endpoint).
import { generateKeyPairSync } from 'node:crypto';
import { GoogleGenAI } from '@google/genai';
import { startEmulator, type Emulator } from '../emulator';
import { jwtClaims, requestToken, signJwt } from '../emulator/testUtils';

// The SDK reads these; they would change paths and auth.
for (const name of Object.keys(process.env)) {
	if (name === 'GEMINI_API_KEY' || name.startsWith('GOOGLE_')) delete process.env[name];
}

const MODEL = 'gemini-3.5-flash';
const NO_RETRY = { maxRetries: 0 };
let emu: Emulator;
let accessToken: string;
const SA_EMAIL = 'contract@contract-proj.iam.gserviceaccount.com';

beforeAll(async () => {
	emu = await startEmulator({ backgroundDurationMs: 200, streamChunkDelayMs: 0 });
	const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
	emu.registerServiceAccount(SA_EMAIL, publicKey.export({ type: 'spki', format: 'pem' }).toString());
	const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
	const token = await requestToken(emu, signJwt(pem, jwtClaims(SA_EMAIL, emu.tokenUrl)));
	accessToken = token.json.access_token;
	jest.spyOn(console, 'warn').mockImplementation(() => undefined); // "Agents usage is experimental"
});
afterAll(() => emu.close());

interface Mode {
	name: string;
	client: () => GoogleGenAI;
	pathPrefix: string;
	auth: Record<string, unknown>;
}

const MODES: Mode[] = [
	{
		name: 'API key, default v1',
		client: () => new GoogleGenAI({ apiKey: 'test-api-key', httpOptions: { baseUrl: emu.url } }),
		pathPrefix: '/v1/',
		auth: { scheme: 'api-key', valid: true },
	},
	{
		name: 'API key, v1beta',
		client: () => new GoogleGenAI({ apiKey: 'test-api-key', apiVersion: 'v1beta', httpOptions: { baseUrl: emu.url } }),
		pathPrefix: '/v1beta/',
		auth: { scheme: 'api-key', valid: true },
	},
	{
		name: 'enterprise bearer',
		client: () =>
			new GoogleGenAI({
				vertexai: true,
				project: 'contract-proj',
				location: 'us-central1',
				httpOptions: { baseUrl: emu.url, headers: { Authorization: `Bearer ${accessToken}` } },
			}),
		pathPrefix: '/v1beta1/projects/contract-proj/locations/us-central1/',
		auth: { scheme: 'bearer', valid: true, principal: SA_EMAIL },
	},
];

async function collect<T>(stream: AsyncIterable<T>): Promise<T[]> {
	const events: T[] = [];
	for await (const event of stream) events.push(event);
	return events;
}

const textOf = (events: any[]) =>
	events.filter((e) => e.event_type === 'step.delta' && e.delta.type === 'text').map((e) => e.delta.text).join('');

async function caught(promise: Promise<unknown>): Promise<any> {
	try {
		await promise;
	} catch (err) {
		return err;
	}
	throw new Error('expected the call to fail');
}

describe.each(MODES)('@google/genai against the emulator: $name', (mode) => {
	let ai: GoogleGenAI;
	beforeAll(() => {
		ai = mode.client();
	});
	beforeEach(() => emu.clearRequests());

	it('creates and continues a conversation', async () => {
		const first = await ai.interactions.create({ model: MODEL, input: 'My name is Ada' });
		expect(first.status).toBe('completed');
		expect(first.output_text).toBe('You said: "My name is Ada".');
		const second = await ai.interactions.create({ model: MODEL, input: 'What is my name?', previous_interaction_id: first.id });
		expect(second.output_text).toBe('You said: "What is my name?". Earlier in this conversation you said: "My name is Ada".');
		expect(emu.requests.map((r) => [r.method, r.path, r.auth])).toEqual([
			['POST', `${mode.pathPrefix}interactions`, mode.auth],
			['POST', `${mode.pathPrefix}interactions`, mode.auth],
		]);
	});

	it('returns structured output', async () => {
		const schema = { type: 'object', properties: { answer: { type: 'string' }, confidence: { type: 'number', maximum: 1 } }, required: ['answer'] };
		const res = await ai.interactions.create({ model: MODEL, input: 'Give JSON', response_format: { type: 'text', mime_type: 'application/json', schema } });
		expect(JSON.parse(res.output_text ?? '')).toEqual({ answer: 'Give JSON', confidence: 1 });
	});

	it('round-trips a function call', async () => {
		const tools = [
			{ type: 'function' as const, name: 'get_weather', parameters: { type: 'object', properties: { location: { type: 'string' } }, required: ['location'] } },
		];
		const first = await ai.interactions.create({ model: MODEL, input: 'Weather in Paris?', tools });
		expect(first.status).toBe('requires_action');
		const call = first.steps.find((s: any) => s.type === 'function_call') as any;
		expect(call).toMatchObject({ name: 'get_weather', arguments: { location: 'Weather in Paris?' } });
		const second = await ai.interactions.create({
			model: MODEL,
			previous_interaction_id: first.id,
			input: [{ type: 'function_result', call_id: call.id, name: 'get_weather', result: '{"temp":21}' }],
			tools,
		});
		expect(second.status).toBe('completed');
		expect(second.output_text).toContain('get_weather returned {"temp":21}.');
	});

	it('streams a create in order and the text reassembles', async () => {
		const events = await collect(await ai.interactions.create({ model: MODEL, input: 'Stream a few words to me please', stream: true }));
		const types = events.map((e: any) => e.event_type);
		expect(types.slice(0, 2)).toEqual(['interaction.created', 'interaction.status_update']);
		expect(types.at(-1)).toBe('interaction.completed');
		expect(types.filter((t) => t === 'step.delta').length).toBeGreaterThan(2);
		const id = (events[0] as any).interaction.id;
		const stored = await ai.interactions.get(id, { include_input: true });
		expect(textOf(events)).toBe(stored.output_text);
		expect(stored.input).toBe('Stream a few words to me please');
		expect(stored.steps[0]).toEqual({ type: 'user_input', content: [{ type: 'text', text: 'Stream a few words to me please' }] });
		expect(emu.requests[0]).toMatchObject({ stream: true, headers: { accept: 'text/event-stream' } });
	});

	it('resumes a stream with last_event_id', async () => {
		const all = await collect(await ai.interactions.create({ model: MODEL, input: 'Resume me', stream: true }));
		const id = (all[0] as any).interaction.id;
		const resumed = await collect(await ai.interactions.get(id, { stream: true, last_event_id: 'evt_3' }));
		expect(resumed).toEqual(all.slice(3));
		expect(emu.requests.at(-1)?.query).toEqual({ last_event_id: 'evt_3', stream: 'true' });
	});

	it('cancels a background interaction and deletes it', async () => {
		const made = await ai.interactions.create({ agent: 'deep-research-preview-04-2026', input: 'Research #duration:5000', background: true });
		expect(made.status).toBe('in_progress');
		const cancelled = await ai.interactions.cancel(made.id);
		expect(cancelled.status).toBe('cancelled');
		expect(await ai.interactions.delete(made.id)).toBeUndefined();
		const err = await caught(ai.interactions.get(made.id, {}, NO_RETRY));
		expect(err.constructor.name).toBe('NotFoundError');
		expect(err.status).toBe(404);
		expect(err.message).toBe(`404 Interaction ${made.id} not found`);
	});

	it('follows a background agent to completion by streaming get', async () => {
		const made = await ai.interactions.create({
			agent: 'deep-research-preview-04-2026',
			input: 'Research TPUs',
			background: true,
			agent_config: { type: 'deep-research', thinking_summaries: 'auto' },
		});
		const events = await collect(await ai.interactions.get(made.id, { stream: true }));
		expect((events.at(-1) as any).interaction.status).toBe('completed');
		expect(textOf(events)).toContain('Research TPUs');
	});

	it('manages custom agents with pagination', async () => {
		for (const id of ['contract-a', 'contract-b']) {
			expect(await ai.agents.create({ id, base_agent: 'antigravity-preview-05-2026' })).toMatchObject({ id });
		}
		const page1 = await ai.agents.list({ page_size: 1 });
		expect(page1.agents?.map((a: any) => a.id)).toEqual(['contract-a']);
		const page2 = await ai.agents.list({ page_size: 1, page_token: page1.next_page_token });
		expect(page2.agents?.map((a: any) => a.id)).toEqual(['contract-b']);
		expect(page2.next_page_token).toBeUndefined();
		expect(await ai.agents.get('contract-a')).toMatchObject({ id: 'contract-a', base_agent: 'antigravity-preview-05-2026' });
		const conflict = await caught(ai.agents.create({ id: 'contract-a', base_agent: 'antigravity-preview-05-2026' }, NO_RETRY));
		expect([conflict.constructor.name, conflict.status]).toEqual(['ConflictError', 409]);
		for (const id of ['contract-a', 'contract-b']) await ai.agents.delete(id);
		const missing = await caught(ai.agents.get('contract-a', {}, NO_RETRY));
		expect([missing.constructor.name, missing.error?.error?.message]).toEqual(['NotFoundError', 'Agent contract-a not found']);
	});

	it('surfaces 400 for camelCase keys as BadRequestError', async () => {
		const err = await caught(ai.interactions.create({ model: MODEL, input: 'Hi', systemInstruction: 'camel' } as never, NO_RETRY));
		expect(err.constructor.name).toBe('BadRequestError');
		expect(err.status).toBe(400);
		expect(err.message).toMatch(/^400 Invalid JSON payload received\. Unknown name "systemInstruction"/);
	});

	it('surfaces 404 for an unsupported model', async () => {
		const err = await caught(ai.interactions.create({ model: 'gemini-2.0-flash', input: 'Hi' }, NO_RETRY));
		expect(err.constructor.name).toBe('NotFoundError');
		expect(err.message).toBe('404 Model models/gemini-2.0-flash is not found or is not supported for the Interactions API.');
	});
});
