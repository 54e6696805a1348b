import {
	builtInTools,
	duplicateFunctionName,
	functionResultStep,
	functionTool,
	parseFunctionDeclarations,
	parseFunctionResults,
} from '../../nodes/shared/wire/request/tools';
import { turnOutputJson } from '../../nodes/shared/wire/response/turnOutput';
import type { Interaction } from '../../nodes/shared/wire/types';

describe('functionTool', () => {
	it('builds a flat function tool with a cleaned schema', () => {
		expect(
			functionTool(
				{ name: ' get_weather ', description: ' Weather ', parameters: '{"type":"object","properties":{"q":{"type":"string"}},"required":[],"additionalProperties":false}' },
				'function 1',
			),
		).toEqual({
			ok: true,
			value: { type: 'function', name: 'get_weather', description: 'Weather', parameters: { type: 'object', properties: { q: { type: 'string' } } } },
		});
	});

	it('leaves out empty descriptions and parameter schemas', () => {
		expect(functionTool({ name: 'now', description: '', parameters: '{}' }, 'f')).toEqual({ ok: true, value: { type: 'function', name: 'now' } });
		expect(functionTool({ name: 'now' }, 'f')).toEqual({ ok: true, value: { type: 'function', name: 'now' } });
	});

	it.each([
		['', /function 1 has no name/],
		['get weather', /has the name "get weather"/],
		['1st', /has the name "1st"/],
		['a'.repeat(65), /at most 64/],
	])('rejects the name %j', (name, reason) => {
		const result = functionTool({ name }, 'function 1');
		expect(result.ok).toBe(false);
		expect(!result.ok && result.reason).toMatch(reason);
	});

	it('rejects parameters that are not a JSON object', () => {
		expect(functionTool({ name: 'a', parameters: '{oops' }, 'f')).toMatchObject({ ok: false, reason: expect.stringMatching(/not valid JSON/) });
		expect(functionTool({ name: 'a', parameters: '[]' }, 'f')).toMatchObject({ ok: false, reason: expect.stringMatching(/must be a JSON schema object/) });
	});
});

describe('parseFunctionDeclarations', () => {
	it('accepts our list, OpenAI-style entries and Gemini function_declarations wrappers', () => {
		const parsed = parseFunctionDeclarations(
			JSON.stringify([
				{ name: 'a' },
				{ type: 'function', function: { name: 'b', description: 'B' } },
				{ function_declarations: [{ name: 'c' }, { name: 'd' }] },
			]),
		);
		expect(parsed.ok && parsed.value.map((tool) => tool.name)).toEqual(['a', 'b', 'c', 'd']);
	});

	it('treats empty text and null as no functions, and an object as one', () => {
		expect(parseFunctionDeclarations('')).toEqual({ ok: true, value: [] });
		expect(parseFunctionDeclarations(null)).toEqual({ ok: true, value: [] });
		expect(parseFunctionDeclarations({ name: 'x' })).toEqual({ ok: true, value: [{ type: 'function', name: 'x' }] });
	});

	it('names the entry that is wrong', () => {
		expect(parseFunctionDeclarations('[{"name":"ok"}, 5]')).toEqual({ ok: false, reason: 'entry 2 is not an object with a name' });
		expect(parseFunctionDeclarations('[{"name":"ok"}, {"description":"x"}]')).toMatchObject({ ok: false, reason: 'entry 2 has no name; a function name starts with a letter or _ and has at most 64 letters, digits, _ . : or -' });
	});

	it('finds duplicate names across function tools only', () => {
		expect(duplicateFunctionName([{ type: 'function', name: 'a' }, { type: 'google_search' }, { type: 'function', name: 'a' }])).toBe('a');
		expect(duplicateFunctionName([{ type: 'function', name: 'a' }, { type: 'function', name: 'b' }])).toBeUndefined();
	});
});

describe('builtInTools', () => {
	it('maps the collection to tools[] in a fixed order', () => {
		expect(
			builtInTools({
				urlContext: true,
				codeExecution: true,
				googleSearch: true,
				fileSearch: { values: { storeNames: 'a, fileSearchStores/b', metadataFilter: ' ', topK: 0 } },
				mcpServers: { server: [{ url: 'https://mcp.example/mcp', headers: { 'X-Key': 'k', Retries: 2 } }, { name: 'two', url: 'http://x', allowedTools: 'a,b' }] },
			}),
		).toEqual({
			ok: true,
			value: [
				{ type: 'google_search' },
				{ type: 'code_execution' },
				{ type: 'url_context' },
				{ type: 'file_search', file_search_store_names: ['fileSearchStores/a', 'fileSearchStores/b'] },
				{ type: 'mcp_server', name: 'mcp_1', url: 'https://mcp.example/mcp', headers: { 'X-Key': 'k', Retries: '2' } },
				{ type: 'mcp_server', name: 'two', url: 'http://x', allowed_tools: [{ tools: ['a', 'b'] }] },
			],
		});
	});

	it('gives nothing for no or switched-off tools', () => {
		expect(builtInTools(undefined)).toEqual({ ok: true, value: [] });
		expect(builtInTools({ googleSearch: false, codeExecution: false })).toEqual({ ok: true, value: [] });
	});

	it('explains what is missing', () => {
		expect(builtInTools({ fileSearch: { values: { storeNames: ' , ' } } })).toEqual({ ok: false, reason: 'File Search needs at least one file search store name' });
		expect(builtInTools({ mcpServers: { server: [{ url: 'https://x', headers: '{bad' }] } })).toMatchObject({
			ok: false,
			reason: expect.stringMatching(/^the headers of MCP server 1 are invalid: it is not valid JSON/),
		});
		expect(builtInTools({ mcpServers: { server: [{ url: 'https://x', headers: '[1]' }] } })).toMatchObject({ ok: false, reason: expect.stringMatching(/must be a JSON object/) });
	});
});

describe('function results', () => {
	it('keeps text and objects, and sends other values as JSON text', () => {
		expect(functionResultStep('c1', 'f', 'sunny')).toEqual({ type: 'function_result', call_id: 'c1', name: 'f', result: 'sunny' });
		expect(functionResultStep('c1', undefined, { temp: 21 })).toEqual({ type: 'function_result', call_id: 'c1', result: { temp: 21 } });
		expect(functionResultStep('c1', 'f', [1, 2]).result).toBe('[1,2]');
		expect(functionResultStep('c1', 'f', 42).result).toBe('42');
		expect(functionResultStep('c1', 'f', null).result).toBe('null');
		expect(functionResultStep('c1', 'f', undefined).result).toBe('');
		expect(functionResultStep('c1', 'f', 'boom', true)).toMatchObject({ is_error: true });
	});

	it('parses the JSON list with call_id, callId or id', () => {
		expect(
			parseFunctionResults('[{"call_id":"a","name":"f","result":1},{"callId":"b","result":{"x":1},"isError":true},{"id":"c","result":"t"}]'),
		).toEqual({
			ok: true,
			value: [
				{ type: 'function_result', call_id: 'a', name: 'f', result: '1' },
				{ type: 'function_result', call_id: 'b', result: { x: 1 }, is_error: true },
				{ type: 'function_result', call_id: 'c', result: 't' },
			],
		});
		expect(parseFunctionResults({ call_id: 'solo', result: 'r' })).toMatchObject({ ok: true, value: [{ call_id: 'solo' }] });
	});

	it('explains a missing call id or an empty list', () => {
		expect(parseFunctionResults('[{"result":"r"}]')).toEqual({ ok: false, reason: 'entry 1 has no "call_id"' });
		expect(parseFunctionResults('[]')).toMatchObject({ ok: false, reason: expect.stringMatching(/holds no results/) });
		expect(parseFunctionResults('[')).toMatchObject({ ok: false, reason: expect.stringMatching(/not valid JSON/) });
	});
});

describe('turnOutputJson', () => {
	const asking: Interaction = {
		id: 'v1_a',
		status: 'requires_action',
		model: 'm',
		steps: [
			{ type: 'thought', signature: 's' },
			{ type: 'function_call', id: 'c1', name: 'get_weather', arguments: { location: 'Paris' } },
			{ type: 'function_call', id: 'c2', name: 'get_time', arguments: {} },
		],
	};

	it('gives one item with all calls by default', () => {
		const [json] = turnOutputJson(asking, { simplify: true });
		expect(json).toMatchObject({ id: 'v1_a', status: 'requires_action', functionCalls: [{ id: 'c1' }, { id: 'c2' }] });
	});

	it('gives one item per call when asked, for a Switch node to route by name', () => {
		expect(turnOutputJson(asking, { simplify: true, itemPerCall: true, extras: { notice: 'n' } })).toEqual([
			{ id: 'v1_a', status: 'requires_action', callId: 'c1', name: 'get_weather', args: { location: 'Paris' }, notice: 'n' },
			{ id: 'v1_a', status: 'requires_action', callId: 'c2', name: 'get_time', args: {}, notice: 'n' },
		]);
	});

	it('gives the normal item when there are no calls, also with itemPerCall', () => {
		const done: Interaction = { id: 'v1_b', status: 'completed', steps: [{ type: 'model_output', content: [{ type: 'text', text: 'Hi' }] }] };
		expect(turnOutputJson(done, { simplify: true, itemPerCall: true })).toEqual([expect.objectContaining({ id: 'v1_b', text: 'Hi' })]);
		expect(turnOutputJson(done, { simplify: false, itemPerCall: true })[0]).toMatchObject({ steps: done.steps });
	});
});
