import { createHash } from 'node:crypto';

import { DynamicStructuredTool } from '@langchain/core/tools';
import { NodeApiError } from 'n8n-workflow';
import type { INodeParameters } from 'n8n-workflow';
import { z } from 'zod';

import type { RecordedChunk } from '../harness';
import { AUTH_MODES, interactionsPath, itemsOf, modelLocator, useEmulator } from './fixtures';

function createParameters(input: string, extra: INodeParameters = {}): INodeParameters {
	return { resource: 'interaction', operation: 'create', model: modelLocator('gemini-3.5-flash'), input, ...extra };
}

/** The chunk types in order, and the text of the `item` chunks per item. */
function summarize(chunks: RecordedChunk[]) {
	const texts = new Map<number, string>();
	for (const chunk of chunks) {
		if (chunk.type === 'item') texts.set(chunk.itemIndex, (texts.get(chunk.itemIndex) ?? '') + String(chunk.content));
	}
	return { types: chunks.map((chunk) => `${chunk.type}:${chunk.itemIndex}`), texts };
}

describe.each(AUTH_MODES)('streaming to the chat (%s)', (authMode) => {
	const fixture = useEmulator();

	it('sends stream:true, forwards the answer as begin/item…/end chunks, and outputs the final item as usual', async () => {
		const input = 'Tell me a story about a lighthouse keeper and a storm at sea';
		const result = await fixture.run(authMode, createParameters(input), { streaming: true });
		const [item] = itemsOf(result);
		const [request] = fixture.apiRequests();
		expect(request.path).toBe(interactionsPath(authMode));
		expect(request.body).toMatchObject({ input, stream: true });
		expect(request.stream).toBe(true);

		const { types, texts } = summarize(result.chunks);
		expect(types[0]).toBe('begin:0');
		expect(types.at(-1)).toBe('end:0');
		expect(types.slice(1, -1).every((type) => type === 'item:0')).toBe(true);
		expect(types.length).toBeGreaterThan(4);
		expect(texts.get(0)).toBe(item.json.text);
		expect(item.json).toMatchObject({ status: 'completed', model: 'gemini-3.5-flash', id: expect.any(String) });
		expect(item.json.usage).toEqual(expect.objectContaining({ total_tokens: expect.any(Number) }));
	});
});

describe('streaming', () => {
	const fixture = useEmulator();

	it('gives the same output item as a non-streamed run', async () => {
		const streamed = itemsOf(await fixture.run('apiKey', createParameters('Same answer please'), { streaming: true }))[0].json;
		const unary = itemsOf(await fixture.run('apiKey', createParameters('Same answer please'), { streaming: false }))[0].json;
		const withoutIds = ({ id: _id, ...rest }: Record<string, unknown>) => rest;
		expect(withoutIds(streamed)).toEqual(withoutIds(unary));
		expect(fixture.apiRequests()[1].body.stream).toBeUndefined();
	});

	it('does not send thought summaries as answer text', async () => {
		const result = await fixture.run('apiKey', createParameters('Think first', { options: { thinkingSummaries: true } }), { streaming: true });
		const [item] = itemsOf(result);
		expect(item.json.thoughts).toEqual([expect.stringContaining('Considering the request')]);
		const { texts } = summarize(result.chunks);
		expect(texts.get(0)).toBe(item.json.text);
		expect(texts.get(0)).not.toContain('Considering');
	});

	it('streams each item in turn, chunks tagged with the item index', async () => {
		const result = await fixture.run('apiKey', createParameters('={{ $json.q }}', { options: { concurrency: 1 } }), {
			streaming: true,
			inputItems: [{ json: { q: 'First question' } }, { json: { q: 'Second question' } }],
		});
		const items = itemsOf(result);
		const { types, texts } = summarize(result.chunks);
		expect(types.filter((type) => !type.startsWith('item'))).toEqual(['begin:0', 'end:0', 'begin:1', 'end:1']);
		expect(texts.get(0)).toBe(items[0].json.text);
		expect(texts.get(1)).toBe(items[1].json.text);
	});

	it('works on an n8n without isStreaming/sendChunk: no stream requested, no chunks', async () => {
		const result = await fixture.run('apiKey', createParameters('Old host'), { streaming: undefined });
		expect(itemsOf(result)[0].json.status).toBe('completed');
		expect(result.chunks).toEqual([]);
		expect(fixture.apiRequests()[0].body.stream).toBeUndefined();
	});

	it('resumes a dropped stream from the last event id, without repeating text', async () => {
		fixture.emulator.addFault({ match: { method: 'POST', path: '/interactions' }, dropAfterEvents: 6 });
		const result = await fixture.run('apiKey', createParameters('A long answer that will be cut in the middle of the stream'), {
			streaming: true,
		});
		const [item] = itemsOf(result);
		const [create, resume] = fixture.apiRequests();
		expect(create.body.stream).toBe(true);
		expect(resume.method).toBe('GET');
		expect(resume.path).toBe(`/v1/interactions/${item.json.id}`);
		expect(resume.query).toEqual({ stream: 'true', last_event_id: 'evt_6' });
		expect(item.json.text).toContain('A long answer that will be cut in the middle of the stream');
		expect(summarize(result.chunks).texts.get(0)).toBe(item.json.text);
	});

	it('gives up with a NodeApiError after repeated drops', async () => {
		fixture.emulator.addFault({ match: { path: '/interactions' }, dropAfterEvents: 1, times: 10 });
		const result = await fixture.run('apiKey', createParameters('Cut again and again'), { streaming: true });
		expect(result.error).toBeInstanceOf(NodeApiError);
		expect(result.error?.message).toBe('The Gemini API stream broke off before the answer was complete');
		expect(fixture.apiRequests()).toHaveLength(4);
	});

	it('an SSE error event is a NodeApiError with Google\'s message, and the chat message is closed', async () => {
		fixture.emulator.addFault({ match: { method: 'POST' }, sseError: { code: 'unavailable', message: 'The model is overloaded.', afterEvents: 8 } });
		const result = await fixture.run('apiKey', createParameters('This stream will fail after some text has arrived'), { streaming: true });
		expect(result.error).toBeInstanceOf(NodeApiError);
		expect(result.error?.message).toBe('The model is overloaded.');
		// n8n streams the description to the chat: Google's words must be there too
		expect((result.error as NodeApiError).description).toContain('The model is overloaded. (unavailable)');
		const { types } = summarize(result.chunks);
		expect(types[0]).toBe('begin:0');
		expect(types.at(-1)).toBe('end:0');
	});

	it('falls back to the JSON answer of a gateway that ignores stream:true', async () => {
		fixture.emulator.addFault({
			match: { method: 'POST' },
			body: {
				id: 'v1_gateway',
				status: 'completed',
				model: 'gemini-3.5-flash',
				steps: [{ type: 'model_output', content: [{ type: 'text', text: 'Whole answer at once.' }] }],
			},
		});
		const result = await fixture.run('apiKey', createParameters('Hi'), { streaming: true });
		expect(itemsOf(result)[0].json.text).toBe('Whole answer at once.');
		expect(result.chunks.map((chunk) => [chunk.type, chunk.content])).toEqual([
			['begin', undefined],
			['item', 'Whole answer at once.'],
			['end', undefined],
		]);
	});

	it('streams the final answer of a connected-tool loop as one chat message', async () => {
		const tool = new DynamicStructuredTool({
			name: 'get_weather',
			description: 'Weather',
			schema: z.object({ location: z.string() }),
			func: async () => 'sunny',
		});
		const result = await fixture.run('apiKey', createParameters('Weather in Lima?'), { streaming: true, aiTools: [tool] });
		const [item] = itemsOf(result);
		expect(fixture.apiRequests().map((request) => request.body.stream)).toEqual([true, true]);
		const { types, texts } = summarize(result.chunks);
		expect(types.filter((type) => !type.startsWith('item'))).toEqual(['begin:0', 'end:0']);
		expect(texts.get(0)).toBe(item.json.text);
		expect(item.json.text).toContain('get_weather returned sunny.');
	});

	it('reads images streamed as media deltas into binary output', async () => {
		const [item] = itemsOf(
			await fixture.run('apiKey', createParameters('Draw', { options: { outputTypes: ['text', 'image'] } }), { streaming: true }),
		);
		expect(item.binary?.data).toMatchObject({ mimeType: 'image/png', fileName: 'data.png' });
	});

	it('streams a turn with an attached file, sent byte for byte', async () => {
		const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
		const result = await fixture.run('apiKey', createParameters('What is in the picture?', { options: { binaryPropertyNames: 'data' } }), {
			streaming: true,
			inputItems: [{ json: {}, binary: { data: { data: png.toString('base64'), mimeType: 'image/png', fileName: 'p.png' } } }],
		});
		const [item] = itemsOf(result);
		const [request] = fixture.apiRequests();
		expect(request.body.stream).toBe(true);
		expect(request.media).toEqual([{ type: 'image', mime_type: 'image/png', bytes: png.length, sha256: createHash('sha256').update(png).digest('hex') }]);
		expect(summarize(result.chunks).texts.get(0)).toBe(item.json.text);
		expect(item.json.text).toContain(`Received image/png (${png.length} bytes).`);
	});

	it('Generate Structured Output is not streamed to the chat', async () => {
		const result = await fixture.run(
			'apiKey',
			{
				resource: 'interaction',
				operation: 'generateStructuredOutput',
				model: modelLocator('gemini-3.5-flash'),
				input: 'Ada, 36',
				schema: JSON.stringify({ type: 'object', properties: { name: { type: 'string' } } }),
			},
			{ streaming: true },
		);
		expect(itemsOf(result)[0].json.output).toEqual({ name: expect.any(String) });
		expect(result.chunks).toEqual([]);
		expect(fixture.apiRequests()[0].body.stream).toBeUndefined();
	});
});
