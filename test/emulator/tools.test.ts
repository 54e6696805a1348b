/* eslint-disable -- test code runs in Node, not in n8n: eslint.dev.config.mjs lints it instead of n8n's node rules */
import { startEmulator, type Emulator } from './index';
import { create, outputText } from './testUtils';

let emu: Emulator;
beforeAll(async () => {
	emu = await startEmulator({ streamChunkDelayMs: 0 });
});
afterAll(() => emu.close());

const MODEL = 'gemini-3.5-flash';
const fn = (name: string, properties: Record<string, unknown> = { location: { type: 'string' } }) => ({
	type: 'function',
	name,
	description: `${name} tool`,
	parameters: { type: 'object', properties, required: Object.keys(properties) },
});
const result = (call_id: string, name: string, value: unknown) => ({ type: 'function_result', call_id, name, result: value });

describe('function calling', () => {
	it('calls the first declared function, then answers with the result', async () => {
		const tools = [fn('get_weather', { location: { type: 'string' }, days: { type: 'integer' } }), fn('get_time')];
		const first = await create(emu, { model: MODEL, input: 'Weather in Paris?', tools });
		expect(first.json.status).toBe('requires_action');
		const call = first.json.steps.find((s: any) => s.type === 'function_call');
		expect(call).toEqual({ type: 'function_call', id: expect.stringMatching(/^call_/), name: 'get_weather', arguments: { location: 'Weather in Paris?', days: 7 } });

		const second = await create(emu, {
			model: MODEL,
			previous_interaction_id: first.json.id,
			input: [result(call.id, 'get_weather', { temp: 21 })],
			tools,
		});
		expect(second.json.status).toBe('completed');
		expect(outputText(second.json)).toBe('get_weather returned {"temp":21}. You said: "Weather in Paris?".');
	});

	it('makes one call per declared function named in the text', async () => {
		const res = await create(emu, { model: MODEL, input: 'Use get_time and get_weather', tools: [fn('get_weather'), fn('get_time'), fn('other')] });
		expect(res.json.steps.filter((s: any) => s.type === 'function_call').map((s: any) => s.name)).toEqual(['get_weather', 'get_time']);
	});

	it('accepts results for calls in stateless history', async () => {
		const res = await create(emu, {
			model: MODEL,
			input: [
				{ type: 'user_input', content: [{ type: 'text', text: 'Weather?' }] },
				{ type: 'function_call', id: 'call_local', name: 'get_weather', arguments: {} },
				result('call_local', 'get_weather', 'sunny'),
			],
			tools: [fn('get_weather')],
		});
		expect(outputText(res.json)).toBe('get_weather returned sunny. You said: "Weather?".');
	});

	it('rejects a function_result that answers no pending call', async () => {
		const first = await create(emu, { model: MODEL, input: 'Weather?', tools: [fn('get_weather')] });
		const res = await create(emu, { model: MODEL, previous_interaction_id: first.json.id, input: [result('call_wrong', 'get_weather', 1)] });
		expect(res.status).toBe(400);
		expect(res.json.error.message).toMatch(/call_wrong/);
	});

	it('#loop keeps calling until a result contains "stop"', async () => {
		const tools = [fn('step')];
		let turn = await create(emu, { model: MODEL, input: 'Run forever #loop', tools });
		for (const value of ['go', 'go again']) {
			const call = turn.json.steps.find((s: any) => s.type === 'function_call');
			turn = await create(emu, { model: MODEL, previous_interaction_id: turn.json.id, input: [result(call.id, 'step', value)], tools });
			expect(turn.json.status).toBe('requires_action');
		}
		const call = turn.json.steps.find((s: any) => s.type === 'function_call');
		turn = await create(emu, { model: MODEL, previous_interaction_id: turn.json.id, input: [result(call.id, 'step', 'please stop')], tools });
		expect(turn.json.status).toBe('completed');
	});
});

describe('built-in tools', () => {
	const typesOf = (res: any) => res.json.steps.map((s: any) => s.type);

	it('google_search adds call/result steps after the answer and a url_citation', async () => {
		const res = await create(emu, { model: MODEL, input: 'Who won the race?', tools: [{ type: 'google_search' }] });
		expect(typesOf(res)).toEqual(['thought', 'model_output', 'google_search_call', 'google_search_result']);
		const [, output, searchCall, searchResult] = res.json.steps;
		expect(searchCall.arguments).toEqual({ queries: ['Who won the race?'] });
		expect(searchResult.call_id).toBe(searchCall.id);
		expect(searchResult.result[0].search_suggestions).toMatch(/^<div/);
		const block = output.content[0];
		const [annotation] = block.annotations;
		expect(annotation).toMatchObject({ type: 'url_citation', url: expect.stringMatching(/^https:\/\/example\.com\//), title: expect.any(String) });
		const cited = Buffer.from(block.text).subarray(annotation.start_index, annotation.end_index).toString();
		expect(cited).toBe('According to Example Search, this topic is well documented.');
		expect(res.json.usage.grounding_tool_count).toEqual([{ type: 'google_search', count: 1 }]);
	});

	it('code_execution runs python and reports 4', async () => {
		const res = await create(emu, { model: MODEL, input: 'What is 2+2?', tools: [{ type: 'code_execution' }] });
		expect(typesOf(res)).toEqual(['thought', 'code_execution_call', 'code_execution_result', 'model_output']);
		expect(res.json.steps[1].arguments).toEqual({ code: 'print(2 + 2)', language: 'python' });
		expect(res.json.steps[2]).toMatchObject({ call_id: res.json.steps[1].id, result: '4' });
		expect(outputText(res.json)).toContain('printed 4');
	});

	it('url_context reads the URLs of the text', async () => {
		const res = await create(emu, { model: MODEL, input: 'Summarise https://a.example/x and https://b.example/y.', tools: [{ type: 'url_context' }] });
		expect(res.json.steps[1].arguments.urls).toEqual(['https://a.example/x', 'https://b.example/y']);
		expect(res.json.steps[2].result).toEqual([
			{ url: 'https://a.example/x', status: 'success' },
			{ url: 'https://b.example/y', status: 'success' },
		]);
	});

	it('file_search, mcp_server and google_maps add their steps', async () => {
		const res = await create(emu, {
			model: MODEL,
			input: 'Coffee near me',
			tools: [
				{ type: 'file_search', file_search_store_names: ['fileSearchStores/s1'] },
				{ type: 'mcp_server', name: 'crm', url: 'https://mcp.example', allowed_tools: [{ tools: ['lookup'] }] },
				{ type: 'google_maps' },
			],
		});
		expect(typesOf(res)).toEqual([
			'thought',
			'file_search_call',
			'file_search_result',
			'mcp_server_tool_call',
			'mcp_server_tool_result',
			'google_maps_call',
			'google_maps_result',
			'model_output',
		]);
		expect(res.json.steps[3]).toMatchObject({ name: 'lookup', server_name: 'crm', arguments: { query: 'Coffee near me' } });
		expect(res.json.steps[6].result[0].places[0]).toMatchObject({ name: 'Emulator Café', place_id: expect.any(String) });
	});
});
