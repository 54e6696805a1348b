/* eslint-disable -- test code runs in Node, not in n8n: eslint.dev.config.mjs lints it instead of n8n's node rules */
// Our answer text must be what Google's SDK computes client-side as `output_text`, for the
// same interactions: plain answers, thoughts with summaries, built-in tool steps after the
// answer, function calls, and GET timelines that include earlier turns.
import { GoogleGenAI } from '@google/genai';

import { outputText } from '../../nodes/shared/wire/response/outputText';
import type { Step } from '../../nodes/shared/wire/types';
import { startEmulator, type Emulator } from '../emulator';

for (const name of Object.keys(process.env)) {
	if (name === 'GEMINI_API_KEY' || name.startsWith('GOOGLE_')) delete process.env[name];
}

let emulator: Emulator;
let ai: GoogleGenAI;

beforeAll(async () => {
	emulator = await startEmulator({ backgroundDurationMs: 100, streamChunkDelayMs: 0 });
	ai = new GoogleGenAI({ apiKey: 'test-api-key', httpOptions: { baseUrl: emulator.url } });
});
afterAll(() => emulator.close());

type WithOutputText = { output_text?: string; steps?: unknown[] };

const agree = (interaction: WithOutputText) =>
	expect(outputText(interaction.steps as Step[])).toBe(interaction.output_text ?? '');

describe('outputText agrees with the SDK output_text', () => {
	it.each([
		['a plain answer', {}],
		['an answer after thought summaries', { generation_config: { thinking_summaries: 'auto' } }],
		['an answer with Google Search steps after it', { tools: [{ type: 'google_search' }] }],
		['an answer with code execution steps', { tools: [{ type: 'code_execution' }] }],
		[
			'a function call turn',
			{ tools: [{ type: 'function', name: 'lookup', parameters: { type: 'object', properties: { q: { type: 'string' } } } }] },
		],
		['an image answer', { response_format: [{ type: 'image' }] }],
	])('%s', async (_name, extra) => {
		const created = (await ai.interactions.create(
			{ model: 'gemini-3.5-flash', input: 'Tell me about Ada Lovelace', ...extra } as never,
			{ maxRetries: 0 },
		)) as WithOutputText & { id: string };
		agree(created);
	});

	it('an answer Google paused at its decode limit, which the SDK continues on its own', async () => {
		emulator.clearRequests();
		const merged = (await ai.interactions.create({ model: 'gemini-3.5-flash', input: 'A long one #continuation:3' })) as WithOutputText & {
			continuation_ids?: string[];
		};
		const posts = emulator.requests.filter((entry) => entry.method === 'POST');
		expect(posts).toHaveLength(3);
		expect(posts[1].body).toEqual({
			model: 'gemini-3.5-flash',
			continuation_token: expect.stringMatching(/^ct_/),
			previous_interaction_id: expect.any(String),
		});
		expect(merged.continuation_ids).toHaveLength(3);
		agree(merged);
		expect(merged.output_text).toContain('You said: "A long one #continuation:3".');
	});

	it('a GET timeline with earlier turns', async () => {
		const first = (await ai.interactions.create({ model: 'gemini-3.5-flash', input: 'First turn' })) as { id: string };
		const second = (await ai.interactions.create({
			model: 'gemini-3.5-flash',
			input: 'Second turn',
			previous_interaction_id: first.id,
		})) as { id: string };
		const timeline = (await ai.interactions.get(second.id)) as WithOutputText;
		expect(timeline.steps?.length).toBeGreaterThan(2);
		agree(timeline);
		expect(outputText(timeline.steps as Step[])).toContain('Second turn');
	});
});
