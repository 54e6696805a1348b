/* eslint-disable -- test code runs in Node, not in n8n: eslint.dev.config.mjs lints it instead of n8n's node rules */
import { createHash } from 'node:crypto';
import { startEmulator, type Emulator } from './index';
import { call, create, outputText } from './testUtils';

let emu: Emulator;
beforeAll(async () => {
	emu = await startEmulator({ backgroundDurationMs: 100, streamChunkDelayMs: 0 });
});
afterAll(() => emu.close());

const MODEL = 'gemini-3.5-flash';

describe('model replies', () => {
	it('answers with exactly 200 JSON, an id and only the output steps', async () => {
		const res = await create(emu, { model: MODEL, input: 'Hello there' });
		expect(res.status).toBe(200);
		expect(res.contentType).toMatch(/^application\/json/);
		expect(res.json).toMatchObject({ object: 'interaction', status: 'completed', model: MODEL, service_tier: 'standard' });
		expect(res.json.id).toMatch(/^v1_[A-Za-z0-9_-]+$/);
		expect(res.json.created).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
		expect(res.json.steps.map((s: any) => s.type)).toEqual(['thought', 'model_output']);
		expect(res.json.steps[0].signature).toEqual(expect.any(String));
		expect(outputText(res.json)).toBe('You said: "Hello there".');
		expect(res.json.usage).toMatchObject({ total_input_tokens: 2, total_output_tokens: 4, total_cached_tokens: 0 });
		const u = res.json.usage;
		expect(u.total_tokens).toBe(u.total_input_tokens + u.total_output_tokens + u.total_thought_tokens + u.total_tool_use_tokens);
	});

	it('remembers earlier turns through previous_interaction_id', async () => {
		const first = await create(emu, { model: MODEL, input: 'My name is Ada' });
		const second = await create(emu, { model: MODEL, input: 'I like tea', previous_interaction_id: first.json.id });
		const third = await create(emu, {
			model: MODEL,
			input: 'What is 2+2?',
			previous_interaction_id: second.json.id,
			system_instruction: 'Be terse.',
		});
		expect(third.json.previous_interaction_id).toBe(second.json.id);
		expect(outputText(third.json)).toBe(
			'[system: Be terse.] You said: "What is 2+2?". Earlier in this conversation you said: "My name is Ada", "I like tea".',
		);
	});

	it('reads stateless step-array history', async () => {
		const res = await create(emu, {
			model: MODEL,
			input: [
				{ type: 'user_input', content: [{ type: 'text', text: 'Hi' }] },
				{ type: 'model_output', content: [{ type: 'text', text: 'Hello!' }] },
				{ type: 'user_input', content: [{ type: 'text', text: 'How are you?' }] },
			],
		});
		expect(outputText(res.json)).toBe('You said: "How are you?". Earlier in this conversation you said: "Hi".');
	});

	it('truncates to max_output_tokens words with status incomplete', async () => {
		const res = await create(emu, { model: MODEL, input: 'one two three four', generation_config: { max_output_tokens: 3 } });
		expect(res.json.status).toBe('incomplete');
		expect(outputText(res.json)).toBe('You said: "one');
	});

	it('adds a thought summary with thinking_summaries auto', async () => {
		const res = await create(emu, { model: MODEL, input: 'Think', generation_config: { thinking_summaries: 'auto' } });
		expect(res.json.steps[0]).toMatchObject({ type: 'thought', signature: expect.any(String), summary: [{ type: 'text' }] });
	});

	it('omits the id with store:false and cannot be continued', async () => {
		const res = await create(emu, { model: MODEL, input: 'Hi', store: false });
		expect(res.status).toBe(200);
		expect(res.json).not.toHaveProperty('id');
		const bad = await create(emu, { model: MODEL, input: 'Hi', store: false, previous_interaction_id: 'v1_x' });
		expect(bad.status).toBe(400);
	});

	it('GET returns the full timeline, and input only with include_input', async () => {
		const made = await create(emu, { model: MODEL, input: 'Remember me' });
		const got = await call(emu, 'GET', `/v1/interactions/${made.json.id}?stream=false`);
		expect(got.status).toBe(200);
		expect(got.json.steps.map((s: any) => s.type)).toEqual(['user_input', 'thought', 'model_output']);
		expect(got.json.steps[0].content).toEqual([{ type: 'text', text: 'Remember me' }]);
		expect(got.json).not.toHaveProperty('input');
		const withInput = await call(emu, 'GET', `/v1/interactions/${made.json.id}?include_input=true&stream=false`);
		expect(withInput.json.input).toBe('Remember me');
	});

	it('DELETE answers 200 {} and the interaction is gone', async () => {
		const made = await create(emu, { model: MODEL, input: 'Bye' });
		const del = await call(emu, 'DELETE', `/v1/interactions/${made.json.id}`);
		expect([del.status, del.json]).toEqual([200, {}]);
		const got = await call(emu, 'GET', `/v1/interactions/${made.json.id}`);
		expect(got.status).toBe(404);
		expect(got.json).toEqual({ error: { message: `Interaction ${made.json.id} not found`, code: 'not_found' } });
	});
});

describe('validation', () => {
	it.each([
		[{ model: MODEL, input: 'x', systemInstruction: 'camel' }, /Unknown name "systemInstruction".*system_instruction/],
		[{ model: MODEL, input: 'x', generation_config: { maxOutputTokens: 5 } }, /"maxOutputTokens" at 'generation_config'/],
		[{ model: MODEL, input: [{ type: 'image', data: 'AQID', mimeType: 'image/png' }] }, /mimeType/],
		[{ model: MODEL, input: 'x', tools: [{ functionDeclarations: [] }] }, /functionDeclarations/],
		[{ model: MODEL, agent: 'deep-research-preview-04-2026', input: 'x' }, /Exactly one of "model" or "agent"/],
		[{ input: 'x' }, /Exactly one of "model" or "agent"/],
		[{ model: MODEL, input: 'x', system_instruction: { parts: [] } }, /system_instruction must be a string/],
		[{ model: MODEL }, /input is required/],
		[{ model: MODEL, input: 'x', background: true, store: false }, /background requires store/],
		[{ model: MODEL, input: 'x', agent_config: { type: 'deep-research' } }, /agent_config/],
		[{ model: MODEL, input: [{ type: 'image', data: '@@not base64@@', mime_type: 'image/png' }] }, /Invalid base64/],
		[{ model: MODEL, input: 'x', tools: [{ type: 'function', name: 'f', parameters: { type: 'object', required: [] } }] }, /required/],
	])('rejects %j with 400 invalid_request', async (body, message) => {
		const res = await create(emu, body);
		expect(res.status).toBe(400);
		expect(res.contentType).toMatch(/^application\/json/);
		expect(res.json.error.code).toBe('invalid_request');
		expect(res.json.error.message).toMatch(message);
	});

	it('ignores camelCase keys inside schemas and function parameters', async () => {
		const schema = { type: 'object', properties: { itemCount: { type: 'integer' } }, additionalProperties: false };
		const res = await create(emu, { model: MODEL, input: 'x', response_format: { type: 'text', mime_type: 'application/json', schema } });
		expect(res.status).toBe(200);
		expect(JSON.parse(outputText(res.json))).toEqual({ itemCount: 7 });
	});

	it('answers 404 for an unknown previous_interaction_id', async () => {
		const res = await create(emu, { model: MODEL, input: 'x', previous_interaction_id: 'v1_missing' });
		expect(res.status).toBe(404);
		expect(res.json.error).toEqual({ message: 'Interaction v1_missing not found', code: 'not_found' });
	});

	it.each(['gemini-1.5-pro', 'gemini-2.0-flash', 'gemini-9-unknown', 'text-embedding-004'])('answers 404 for model %s', async (model) => {
		const res = await create(emu, { model, input: 'x' });
		expect(res.status).toBe(404);
		expect(res.json.error).toEqual({
			message: `Model models/${model} is not found or is not supported for the Interactions API.`,
			code: 'not_found',
		});
	});

	it('accepts models/ prefixed ids', async () => {
		expect((await create(emu, { model: 'models/gemini-3-flash-preview', input: 'x' })).status).toBe(200);
	});
});

describe('structured output', () => {
	const format = (schema: unknown) => ({ type: 'text', mime_type: 'application/json', schema });

	it('returns a JSON instance of the schema', async () => {
		const schema = {
			type: 'object',
			properties: {
				name: { type: 'string' },
				mood: { type: 'string', enum: ['happy', 'sad'] },
				age: { type: 'integer', minimum: 18, maximum: 99 },
				score: { type: 'number', maximum: 10 },
				ok: { type: 'boolean' },
				tags: { type: 'array', items: { type: 'string' }, minItems: 2 },
				when: { type: 'string', format: 'date' },
				nested: { $ref: '#/$defs/Nested' },
				either: { anyOf: [{ type: 'integer' }, { type: 'string' }] },
			},
			required: ['name'],
			$defs: { Nested: { type: 'object', properties: { flag: { type: ['boolean', 'null'] } } } },
		};
		const res = await create(emu, { model: MODEL, input: 'Describe Ada Lovelace please', response_format: [format(schema)] });
		expect(JSON.parse(outputText(res.json))).toEqual({
			name: 'Describe Ada Lovelace please',
			mood: 'happy',
			age: 18,
			score: 10,
			ok: true,
			tags: ['Describe Ada Lovelace please', 'Describe Ada Lovelace please'],
			when: '2026-01-01',
			nested: { flag: true },
			either: 7,
		});
	});

	it('#invalid-json makes the model answer non-JSON', async () => {
		const res = await create(emu, { model: MODEL, input: 'Give JSON #invalid-json', response_format: format({ type: 'object' }) });
		expect(outputText(res.json)).toBe("Sorry, I can't answer in JSON.");
	});
});

describe('multimodal', () => {
	it('mentions and logs received media', async () => {
		emu.clearRequests();
		const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]).toString('base64');
		const res = await create(emu, {
			model: MODEL,
			input: [
				{ type: 'text', text: 'Describe these' },
				{ type: 'image', data: png, mime_type: 'image/png' },
				{ type: 'document', uri: 'gs://bucket/doc.pdf', mime_type: 'application/pdf' },
			],
		});
		expect(outputText(res.json)).toBe(
			'You said: "Describe these". Received image/png (7 bytes). Received application/pdf from gs://bucket/doc.pdf.',
		);
		expect(emu.requests[0].media).toEqual([
			{ type: 'image', mime_type: 'image/png', bytes: 7, sha256: createHash('sha256').update(Buffer.from(png, 'base64')).digest('hex') },
		]);
		expect(res.json.usage.input_tokens_by_modality).toContainEqual({ modality: 'image', tokens: 258 });
	});

	it('returns image and audio blocks when asked for', async () => {
		const res = await create(emu, { model: MODEL, input: 'Draw and say', response_modalities: ['text', 'image', 'audio'] });
		const content = res.json.steps.at(-1).content;
		expect(content.map((b: any) => b.type)).toEqual(['text', 'image', 'audio']);
		const png = Buffer.from(content[1].data, 'base64');
		expect(png.subarray(1, 4).toString()).toBe('PNG');
		const wav = Buffer.from(content[2].data, 'base64');
		expect([wav.subarray(0, 4).toString(), wav.subarray(8, 12).toString(), content[2].mime_type]).toEqual(['RIFF', 'WAVE', 'audio/wav']);
		const imageOnly = await create(emu, { model: MODEL, input: 'Draw', response_format: { type: 'image' } });
		expect(imageOnly.json.steps.at(-1).content.map((b: any) => b.type)).toEqual(['image']);
	});
});
