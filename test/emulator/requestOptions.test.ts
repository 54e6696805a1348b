// The request fields beyond input and tools: valid values pass (Google's own SDK sends them),
// values Google rejects get Google's error shape {"error": {"message", "code"}}.
import { GoogleGenAI } from '@google/genai';

import { startEmulator, type Emulator } from './index';
import { call, create, outputText } from './testUtils';

for (const name of Object.keys(process.env)) {
	if (name === 'GEMINI_API_KEY' || name.startsWith('GOOGLE_')) delete process.env[name];
}

let emu: Emulator;
let ai: GoogleGenAI;
beforeAll(async () => {
	emu = await startEmulator({ streamChunkDelayMs: 0 });
	ai = new GoogleGenAI({ apiKey: 'test-api-key', httpOptions: { baseUrl: emu.url } });
});
afterAll(() => emu.close());

const MODEL = 'gemini-3.5-flash';
const fn = (name: string) => ({ type: 'function' as const, name, parameters: { type: 'object', properties: { q: { type: 'string' } } } });
const rejected = (code = 'invalid_request', message: RegExp | string = /./) => ({
	status: 400,
	json: { error: { code, message: expect.stringMatching(message) } },
});
const statusAndBody = (reply: { status: number; json: unknown }) => ({ status: reply.status, json: reply.json });

describe('accepted as Google\'s SDK sends them', () => {
	it('safety settings, labels, tool choice, Google Maps, image format and speech', async () => {
		const interaction = await ai.interactions.create({
			model: MODEL,
			input: 'Find a café near the Eiffel Tower',
			safety_settings: [
				{ type: 'harassment', threshold: 'block_only_high' },
				{ type: 'dangerous_content', threshold: 'off', method: 'severity' },
			],
			labels: { team: 'support', cost_center: 'cc-42' },
			tools: [fn('lookup'), { type: 'google_maps', latitude: 48.8584, longitude: 2.2945, enable_widget: true }],
			generation_config: { tool_choice: { allowed_tools: { mode: 'auto', tools: ['lookup'] } } },
		});
		expect(interaction.status).toBe('requires_action');
		const image = await ai.interactions.create({
			model: MODEL,
			input: 'Draw a cat',
			response_format: [{ type: 'image', aspect_ratio: '16:9', image_size: '2K' }],
		});
		expect(image.steps?.some((step) => step.type === 'model_output')).toBe(true);
		const speech = await ai.interactions.create({
			model: 'gemini-3.1-flash-tts-preview',
			input: 'Say hello',
			response_format: { type: 'audio', mime_type: 'audio/wav' },
			generation_config: { speech_config: [{ voice: 'Kore', language: 'en-US' }] },
		});
		const blocks = speech.steps?.flatMap((step) => (step.type === 'model_output' ? (step.content ?? []) : []));
		expect(blocks?.map((block) => block.type)).toEqual(['audio']);
	});
});

describe('rejects what Google rejects', () => {
	it.each([
		['an unknown harm category', { safety_settings: [{ type: 'violence', threshold: 'off' }] }, /safety_settings\[0\]\.type/],
		['an unknown threshold', { safety_settings: [{ type: 'harassment', threshold: 'block_some' }] }, /safety_settings\[0\]\.threshold/],
		['an unknown method', { safety_settings: [{ type: 'harassment', threshold: 'off', method: 'vibes' }] }, /method/],
		['a label key with capitals', { labels: { Team: 'a' } }, /Label key "Team"/],
		['a label key starting with a digit', { labels: { '1team': 'a' } }, /Label key "1team"/],
		['a label value of 64 characters', { labels: { team: 'a'.repeat(64) } }, /Label value/],
		['an unknown tool choice', { generation_config: { tool_choice: 'required' } }, /tool_choice/],
		['tool choice "any" without tools', { generation_config: { tool_choice: 'any' } }, /without any tools/],
		['an allowed tool that is not declared', { tools: [fn('a')], generation_config: { tool_choice: { allowed_tools: { tools: ['b'] } } } }, /"b" is not declared/],
		['an unknown voice', { generation_config: { speech_config: [{ voice: 'Robot' }] } }, /Voice "Robot"/],
		['a language that is no code', { generation_config: { speech_config: [{ language: 'English please' }] } }, /language/],
		['an image aspect ratio Google lacks', { response_format: [{ type: 'image', aspect_ratio: '7:3' }] }, /aspect_ratio/],
		['an image size Google lacks', { response_format: [{ type: 'image', image_size: '8K' }] }, /image_size/],
		['an audio format Google lacks', { response_format: [{ type: 'audio', mime_type: 'audio/flac' }] }, /mime_type/],
		['a latitude out of range', { tools: [{ type: 'google_maps', latitude: 91, longitude: 0 }] }, /latitude/],
		['a latitude without longitude', { tools: [{ type: 'google_maps', latitude: 10 }] }, /both latitude and longitude/],
	])('%s', async (_name, extra, message) => {
		expect(statusAndBody(await create(emu, { model: MODEL, input: 'Hi', ...extra }))).toEqual(rejected('invalid_request', message));
	});

	it('a field the API does not have, at the top or in generation_config, with parameter_unknown', async () => {
		expect(statusAndBody(await create(emu, { model: MODEL, input: 'Hi', safety: [] }))).toEqual(
			rejected('parameter_unknown', /Unknown name "safety"/),
		);
		expect(statusAndBody(await create(emu, { model: MODEL, input: 'Hi', generation_config: { presence_penalty: 1 } }))).toEqual(
			rejected('parameter_unknown', /Unknown name "presence_penalty" at 'generation_config'/),
		);
		expect(
			statusAndBody(await create(emu, { model: MODEL, input: 'Hi', safety_settings: [{ category: 'harassment', threshold: 'off' }] })),
		).toEqual(rejected('parameter_unknown', /Unknown name "category"/));
	});

	it('a speech model asked for text', async () => {
		expect(statusAndBody(await create(emu, { model: 'gemini-3.1-flash-tts-preview', input: 'Hi' }))).toEqual(
			rejected('invalid_request', /only answers with audio/),
		);
	});
});

describe('behaviour', () => {
	it('withholds an answer of a blocked category unless its threshold allows it', async () => {
		const blocked = await create(emu, { model: MODEL, input: 'Insult me #blocked:harassment' });
		expect(blocked.json.status).toBe('failed');
		expect(blocked.json.errors).toEqual([{ code: 'safety', message: expect.stringContaining('harassment') }]);
		expect(outputText(blocked.json)).toBe('');
		const relaxed = await create(emu, {
			model: MODEL,
			input: 'Insult me #blocked:harassment',
			safety_settings: [{ type: 'harassment', threshold: 'block_only_high' }],
		});
		expect(relaxed.json.status).toBe('completed');
		const strict = await create(emu, {
			model: MODEL,
			input: 'Mild #blocked:harassment:low',
			safety_settings: [{ type: 'harassment', threshold: 'block_low_and_above' }],
		});
		expect(strict.json.status).toBe('failed');
	});

	it('tool choice: none answers, any calls again after results, allowed_tools limits the calls', async () => {
		const tools = [fn('first'), fn('second')];
		const none = await create(emu, { model: MODEL, input: 'Use first', tools, generation_config: { tool_choice: 'none' } });
		expect(none.json.status).toBe('completed');
		const allowed = await create(emu, {
			model: MODEL,
			input: 'Use first',
			tools,
			generation_config: { tool_choice: { allowed_tools: { mode: 'any', tools: ['second'] } } },
		});
		expect(allowed.json.steps.filter((s: any) => s.type === 'function_call').map((s: any) => s.name)).toEqual(['second']);
		const callId = allowed.json.steps.find((s: any) => s.type === 'function_call').id;
		const again = await create(emu, {
			model: MODEL,
			previous_interaction_id: allowed.json.id,
			input: [{ type: 'function_result', call_id: callId, name: 'second', result: 'ok' }],
			tools,
			generation_config: { tool_choice: 'any' },
		});
		expect(again.json.status).toBe('requires_action');
	});
});

describe('custom agents: update and versions', () => {
	const base = '/v1/agents';
	it('PATCH changes the masked fields, and every state is a version, newest first', async () => {
		await call(emu, 'POST', base, { id: 'versioned', base_agent: 'antigravity-preview-05-2026', description: 'one', system_instruction: 'Be brief.' });
		const patched = await call(emu, 'PATCH', `${base}/versioned?update_mask=description`, { description: 'two', system_instruction: 'ignored' });
		expect(patched.status).toBe(200);
		expect(patched.json).toMatchObject({ id: 'versioned', description: 'two', system_instruction: 'Be brief.' });
		const versions = await call(emu, 'GET', `${base}/versioned/versions`);
		expect(versions.json.versions.map((v: any) => [v.version, v.description])).toEqual([
			['2', 'two'],
			['1', 'one'],
		]);
		const paged = await call(emu, 'GET', `${base}/versioned/versions?page_size=1`);
		expect(paged.json.versions).toHaveLength(1);
		expect(paged.json.next_page_token).toEqual(expect.any(String));
	});

	it('rejects masks of fields that cannot change, and unknown agents', async () => {
		await call(emu, 'POST', base, { id: 'masked', base_agent: 'antigravity-preview-09-2026' });
		expect(statusAndBody(await call(emu, 'PATCH', `${base}/masked?update_mask=base_agent`, { base_agent: 'x' }))).toEqual(
			rejected('invalid_request', /"base_agent" cannot be updated/),
		);
		const missing = await call(emu, 'PATCH', `${base}/nobody?update_mask=description`, { description: 'x' });
		expect(missing.status).toBe(404);
		expect((await call(emu, 'GET', `${base}/nobody/versions`)).status).toBe(404);
	});
});
