/* eslint-disable -- test code runs in Node, not in n8n: eslint.dev.config.mjs lints it instead of n8n's node rules */
import { DynamicStructuredTool, DynamicTool } from '@langchain/core/tools';
import { NodeHelpers, NodeOperationError } from 'n8n-workflow';
import type { INode, INodeParameters } from 'n8n-workflow';
import { z } from 'zod';

import { GeminiInteractions } from '../../nodes/GeminiInteractions/GeminiInteractions.node';
import { createEnvironment } from '../harness/expressions';
import { AUTH_MODES, interactionsPath, itemsOf, modelLocator, useEmulator } from './fixtures';

const WEATHER_PARAMETERS = JSON.stringify({
	$schema: 'http://json-schema.org/draft-07/schema#',
	type: 'object',
	properties: { location: { type: 'string', description: 'City' }, days: { type: 'integer' } },
	required: ['location'],
	additionalProperties: false,
});

const weatherFunction = { name: 'get_weather', description: 'Current weather for a city', parameters: WEATHER_PARAMETERS };
const timeFunction = { name: 'get_time', description: 'Current time in a city', parameters: '{}' };

/** The declaration the node must send for `weatherFunction`: cleaned for Gemini. */
const WEATHER_TOOL = {
	type: 'function',
	name: 'get_weather',
	description: 'Current weather for a city',
	parameters: {
		type: 'object',
		properties: { location: { type: 'string', description: 'City' }, days: { type: 'integer' } },
		required: ['location'],
	},
};

function createParameters(input: string, extra: INodeParameters = {}): INodeParameters {
	return {
		resource: 'interaction',
		operation: 'create',
		model: modelLocator('gemini-3.5-flash'),
		input,
		...extra,
	};
}

function submitParameters(extra: INodeParameters = {}): INodeParameters {
	return {
		resource: 'interaction',
		operation: 'submitFunctionResults',
		model: modelLocator('gemini-3.5-flash'),
		...extra,
	};
}

describe.each(AUTH_MODES)('declared functions round trip (%s)', (authMode) => {
	const fixture = useEmulator();

	it('create → requires_action with the calls → Submit Function Results → completed', async () => {
		const functions = { function: [weatherFunction] };
		const [asked] = itemsOf(
			await fixture.run(authMode, createParameters('Weather in Paris?', { functions, options: { systemInstruction: 'Be brief.' } })),
		);
		expect(asked.json).toMatchObject({
			status: 'requires_action',
			text: '',
			functionCalls: [{ id: expect.stringMatching(/^call_/), name: 'get_weather', args: { location: 'Weather in Paris?', days: 7 } }],
		});
		const [createRequest] = fixture.apiRequests();
		expect(createRequest.path).toBe(interactionsPath(authMode));
		expect(createRequest.body.tools).toEqual([WEATHER_TOOL]);

		const call = (asked.json.functionCalls as Array<{ id: string; name: string }>)[0];
		const [answered] = itemsOf(
			await fixture.run(authMode, submitParameters({ functions, options: { systemInstruction: 'Be brief.' } }), {
				inputItems: [{ json: { id: asked.json.id, callId: call.id, name: call.name, result: { temp: 21, sky: 'clear' } } }],
			}),
		);
		const submitRequest = fixture.apiRequests()[1];
		expect(submitRequest.body).toEqual({
			model: 'gemini-3.5-flash',
			previous_interaction_id: asked.json.id,
			input: [{ type: 'function_result', call_id: call.id, name: 'get_weather', result: { temp: 21, sky: 'clear' } }],
			tools: [WEATHER_TOOL],
			system_instruction: 'Be brief.',
		});
		expect(answered.json.status).toBe('completed');
		expect(answered.json.text).toBe('[system: Be brief.] get_weather returned {"temp":21,"sky":"clear"}. You said: "Weather in Paris?".');
		expect(answered.pairedItem).toEqual({ item: 0 });
	});
});

describe('function calling', () => {
	const fixture = useEmulator();

	it('one item per call, routed by name; the results of several items go back in one request', async () => {
		const functions = { function: [weatherFunction, timeFunction] };
		const asked = itemsOf(
			await fixture.run(
				'apiKey',
				createParameters('Use get_time and get_weather for Rome', { functions, options: { functionCallOutput: 'itemPerCall' } }),
			),
		);
		expect(asked.map((item) => item.json)).toEqual([
			{ id: expect.any(String), status: 'requires_action', callId: expect.any(String), name: 'get_weather', args: expect.any(Object) },
			{ id: asked[0].json.id, status: 'requires_action', callId: expect.any(String), name: 'get_time', args: {} },
		]);
		// get_time has no parameters: the empty schema is left out, not sent as an empty object.
		expect(fixture.apiRequests()[0].body.tools[1]).toEqual({ type: 'function', name: 'get_time', description: 'Current time in a city' });

		const results = asked.map((item) => ({ json: { ...item.json, result: item.json.name === 'get_time' ? '10:30' : 'sunny' } }));
		const out = itemsOf(await fixture.run('apiKey', submitParameters({ functions }), { inputItems: results }));
		expect(out).toHaveLength(1);
		expect(out[0].pairedItem).toEqual([{ item: 0 }, { item: 1 }]);
		expect(out[0].json.text).toContain('get_weather returned sunny. get_time returned 10:30.');
		const submits = fixture.apiRequests().slice(1);
		expect(submits).toHaveLength(1);
		expect(submits[0].body.input).toEqual([
			{ type: 'function_result', call_id: asked[0].json.callId, name: 'get_weather', result: 'sunny' },
			{ type: 'function_result', call_id: asked[1].json.callId, name: 'get_time', result: '10:30' },
		]);
	});

	it('items answering different interactions become one request each, in input order', async () => {
		const functions = { function: [weatherFunction] };
		const asked = itemsOf(
			await fixture.run('apiKey', createParameters('Weather?', { functions }), { inputItems: [{ json: {} }, { json: {} }] }),
		);
		const inputItems = asked.map((item, index) => ({
			json: { id: item.json.id, callId: (item.json.functionCalls as Array<{ id: string }>)[0].id, result: `answer ${index}` },
		}));
		const out = itemsOf(await fixture.run('apiKey', submitParameters({ functions }), { inputItems }));
		expect(out.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(out.map((item) => item.json.text)).toEqual([
			expect.stringContaining('get_weather returned answer 0.'),
			expect.stringContaining('get_weather returned answer 1.'),
		]);
	});

	it('accepts functions and results as JSON, with custom field names for items', async () => {
		const functionsJson = JSON.stringify([{ type: 'function', function: { name: 'lookup', description: 'Find', parameters: { type: 'object', properties: { q: { type: 'string' } }, required: [] } } }]);
		const [asked] = itemsOf(await fixture.run('apiKey', createParameters('Find the invoice', { options: { functionsJson } })));
		expect(fixture.apiRequests()[0].body.tools).toEqual([
			{ type: 'function', name: 'lookup', description: 'Find', parameters: { type: 'object', properties: { q: { type: 'string' } } } },
		]);
		const call = (asked.json.functionCalls as Array<{ id: string }>)[0];
		const [answered] = itemsOf(
			await fixture.run(
				'apiKey',
				submitParameters({
					resultsSource: 'json',
					results: JSON.stringify([{ callId: call.id, name: 'lookup', result: { invoice: 42 } }]),
					options: { functionsJson },
				}),
				{ inputItems: [{ json: { id: asked.json.id } }] },
			),
		);
		expect(answered.json.text).toContain('lookup returned {"invoice":42}.');

		const [again] = itemsOf(await fixture.run('apiKey', createParameters('Find the invoice', { options: { functionsJson } })));
		const againCall = (again.json.functionCalls as Array<{ id: string }>)[0];
		const [viaFields] = itemsOf(
			await fixture.run('apiKey', submitParameters({ callIdField: 'call.id', resultField: 'output', options: { functionsJson } }), {
				inputItems: [{ json: { id: again.json.id, call: { id: againCall.id }, output: 'found' } }],
			}),
		);
		expect(viaFields.json.text).toContain('lookup returned found.');
	});

	it('bad declarations and results are NodeOperationErrors naming the parameter, and nothing is sent', async () => {
		const badName = await fixture.run('apiKey', createParameters('x', { functions: { function: [{ name: 'get weather', parameters: '{}' }] } }));
		expect(badName.error).toBeInstanceOf(NodeOperationError);
		expect(badName.error?.message).toMatch(/"Functions" is invalid: function 1 has the name "get weather"/);

		const badJson = await fixture.run('apiKey', createParameters('x', { options: { functionsJson: '[{"name": "a", "parameters": 3}]' } }));
		expect(badJson.error?.message).toMatch(/"Functions \(JSON\)" is invalid: the parameters of function "a" must be a JSON schema object/);

		const duplicate = await fixture.run('apiKey', createParameters('x', { functions: { function: [weatherFunction] }, options: { functionsJson: JSON.stringify([weatherFunction]) } }));
		expect(duplicate.error?.message).toBe('Two functions are named "get_weather"');

		const noCallId = await fixture.run('apiKey', submitParameters(), { inputItems: [{ json: { id: 'v1_x', result: 'r' } }] });
		expect(noCallId.error).toBeInstanceOf(NodeOperationError);
		expect(noCallId.error?.message).toBe('Item 0 has no call ID in the field "callId"');
		expect(fixture.apiRequests()).toHaveLength(0);
	});
});

describe('connected n8n tools', () => {
	const fixture = useEmulator();

	const weatherTool = (answers: string[] = ['sunny']) => {
		const calls: unknown[] = [];
		const tool = new DynamicStructuredTool({
			name: 'get_weather',
			description: 'Current weather for a city',
			schema: z.object({ location: z.string().describe('City'), unit: z.enum(['c', 'f']).optional() }).strict(),
			func: async (args) => {
				calls.push(args);
				return answers[Math.min(calls.length - 1, answers.length - 1)];
			},
		});
		return { tool, calls };
	};

	it('declares the tool, calls it, submits the result and outputs the final answer', async () => {
		const { tool, calls } = weatherTool();
		const result = await fixture.run('apiKey', createParameters('Weather in Oslo?'), { aiTools: [tool] });
		const [item] = itemsOf(result);
		expect(item.json.status).toBe('completed');
		expect(item.json.text).toBe('get_weather returned sunny. You said: "Weather in Oslo?".');
		expect(item.json.toolCalls).toEqual([{ id: expect.any(String), name: 'get_weather', args: expect.objectContaining({ location: 'Weather in Oslo?' }), result: 'sunny' }]);
		expect(calls).toHaveLength(1);

		const [first, second] = fixture.apiRequests();
		expect(first.body.tools).toEqual([
			{
				type: 'function',
				name: 'get_weather',
				description: 'Current weather for a city',
				parameters: {
					type: 'object',
					properties: { location: { type: 'string', description: 'City' }, unit: { type: 'string', enum: ['c', 'f'] } },
					required: ['location'],
				},
			},
		]);
		expect(second.body).toMatchObject({
			previous_interaction_id: expect.any(String),
			input: [{ type: 'function_result', name: 'get_weather', result: 'sunny' }],
			tools: first.body.tools,
		});
		expect(item.json.id).not.toBe(second.body.previous_interaction_id);

		// Both rounds are billed, so the output reports their usage added up.
		const usageOf = async (id: string) =>
			(
				(await (
					await fetch(`${fixture.emulator.url}/v1/interactions/${id}`, { headers: { 'x-goog-api-key': 'test-api-key' } })
				).json()) as { usage: { total_tokens: number } }
			).usage.total_tokens;
		const rounds = [await usageOf(second.body.previous_interaction_id), await usageOf(item.json.id as string)];
		expect((item.json.usage as { total_tokens: number }).total_tokens).toBe(rounds[0] + rounds[1]);
	});

	it('flattens toolkits, declares a DynamicTool with its input schema, and reports a failing tool to the model', async () => {
		const echo = new DynamicTool({ name: 'echo', description: 'Echo', func: async (input: string) => `echo ${input}` });
		const broken = new DynamicStructuredTool({
			name: 'broken',
			description: 'Fails',
			schema: z.object({}),
			func: async () => {
				throw new Error('database offline');
			},
		});
		const toolkit = { getTools: () => [echo, broken] };
		const [item] = itemsOf(await fixture.run('apiKey', createParameters('Use echo and broken'), { aiTools: [toolkit] }));
		const [first, second] = fixture.apiRequests();
		expect(first.body.tools).toEqual([
			{ type: 'function', name: 'echo', description: 'Echo', parameters: { type: 'object', properties: { input: { type: 'string' } } } },
			{ type: 'function', name: 'broken', description: 'Fails' },
		]);
		expect(second.body.input).toEqual([
			{ type: 'function_result', call_id: expect.any(String), name: 'echo', result: expect.stringMatching(/^echo /) },
			{ type: 'function_result', call_id: expect.any(String), name: 'broken', result: 'Error: database offline', is_error: true },
		]);
		expect(item.json.status).toBe('completed');
	});

	it('stops after Max Tool Rounds and outputs the pending state with a notice (#loop)', async () => {
		const { tool, calls } = weatherTool(['go']);
		const [item] = itemsOf(
			await fixture.run('apiKey', createParameters('Keep checking #loop', { options: { maxToolIterations: 3 } }), { aiTools: [tool] }),
		);
		expect(calls).toHaveLength(3);
		expect(fixture.apiRequests()).toHaveLength(4);
		expect(item.json.status).toBe('requires_action');
		expect(item.json.notice).toMatch(/Stopped after 3 rounds of tool calls/);
		expect(item.json.toolCalls).toHaveLength(3);
	});

	it('loops until the model is done (#loop ends when a result says stop)', async () => {
		const { tool, calls } = weatherTool(['go', 'go', 'stop now']);
		const [item] = itemsOf(await fixture.run('apiKey', createParameters('Keep checking #loop'), { aiTools: [tool] }));
		expect(calls).toHaveLength(3);
		expect(item.json.status).toBe('completed');
	});

	it('stops on the execution cancel signal', async () => {
		const controller = new AbortController();
		const tool = new DynamicStructuredTool({
			name: 'get_weather',
			description: 'Weather',
			schema: z.object({ location: z.string() }),
			func: async () => {
				controller.abort();
				return 'go';
			},
		});
		const result = await fixture.run('apiKey', createParameters('Keep checking #loop'), { aiTools: [tool], cancelSignal: controller.signal });
		expect(result.error?.message).toMatch(/cancelled/);
		expect(fixture.apiRequests().length).toBeLessThanOrEqual(2);
	});

	it('leaves calls to declared (not connected) functions to the workflow', async () => {
		const { tool, calls } = weatherTool();
		const [item] = itemsOf(
			await fixture.run('apiKey', createParameters('Use get_time now', { functions: { function: [timeFunction] } }), { aiTools: [tool] }),
		);
		expect(calls).toHaveLength(0);
		expect(item.json.status).toBe('requires_action');
		expect(item.json.functionCalls).toEqual([{ id: expect.any(String), name: 'get_time', args: {} }]);
	});

	it('duplicate tool names are an error before anything is sent', async () => {
		const result = await fixture.run('apiKey', createParameters('x'), { aiTools: [weatherTool().tool, weatherTool().tool] });
		expect(result.error).toBeInstanceOf(NodeOperationError);
		expect(result.error?.message).toBe('Two connected tools are named "get_weather"');
		expect(fixture.apiRequests()).toHaveLength(0);
	});

	it('connected tools need a stored interaction', async () => {
		const result = await fixture.run('apiKey', createParameters('Weather?', { options: { store: false } }), { aiTools: [weatherTool().tool] });
		expect(result.error?.message).toBe('Connected tools need the interaction to be stored');
	});

	it('Continue Conversation runs connected tools too', async () => {
		const [first] = itemsOf(await fixture.run('apiKey', createParameters('Hello')));
		const { tool, calls } = weatherTool();
		const [item] = itemsOf(
			await fixture.run('apiKey', { resource: 'interaction', operation: 'continueConversation', model: modelLocator('gemini-3.5-flash'), input: 'Weather?' }, {
				aiTools: [tool],
				inputItems: [{ json: first.json }],
			}),
		);
		expect(calls).toHaveLength(1);
		expect(item.json.text).toContain('get_weather returned sunny.');
		expect(fixture.apiRequests()[1].body.previous_interaction_id).toBe(first.json.id);
	});

	it('has a Tools input for Create and Continue Conversation only', () => {
		const inputsFor = (operation: string) => {
			const nodeType = new GeminiInteractions();
			const node: INode = {
				id: '1',
				name: 'Gemini',
				type: 'n8n-nodes-gemini-interactions.geminiInteractions',
				typeVersion: 1,
				position: [0, 0],
				parameters: { resource: 'interaction', operation },
			};
			const { workflow } = createEnvironment({ nodeType, node, mode: 'manual', items: [] });
			return NodeHelpers.getNodeInputs(workflow, node, nodeType.description).map((input) => (typeof input === 'string' ? input : input.type));
		};
		expect(inputsFor('create')).toEqual(['main', 'ai_tool']);
		expect(inputsFor('continueConversation')).toEqual(['main', 'ai_tool']);
		expect(inputsFor('submitFunctionResults')).toEqual(['main']);
		expect(inputsFor('generateStructuredOutput')).toEqual(['main']);
	});
});

describe('built-in tools', () => {
	const fixture = useEmulator();

	const run = async (input: string, builtInTools: INodeParameters, extra: INodeParameters = {}) => {
		const [item] = itemsOf(await fixture.run('apiKey', createParameters(input, { builtInTools, ...extra })));
		return { item, request: fixture.apiRequests().at(-1)! };
	};

	it('Google Search: sends google_search; the answer carries citations and sources', async () => {
		const { item, request } = await run('Who won the race?', { googleSearch: true });
		expect(request.body.tools).toEqual([{ type: 'google_search' }]);
		const url = 'https://example.com/search/who-won-the-race';
		expect(item.json.citations).toEqual([
			{
				type: 'url_citation',
				url,
				title: 'Example Search result',
				startIndex: expect.any(Number),
				endIndex: expect.any(Number),
				text: 'According to Example Search, this topic is well documented.',
			},
		]);
		expect(item.json.sources).toEqual([{ url, title: 'Example Search result', via: 'url_citation' }]);
	});

	it('Google Search: the call and result steps are in the raw output', async () => {
		const { item } = await run('Who won the race?', { googleSearch: true }, { simplify: false });
		const types = (item.json.steps as Array<{ type: string }>).map((step) => step.type);
		expect(types).toEqual(['thought', 'model_output', 'google_search_call', 'google_search_result']);
	});

	it('Code Execution and URL Context', async () => {
		const { item, request } = await run('Sum of https://a.example/x', { codeExecution: true, urlContext: true }, { simplify: false });
		expect(request.body.tools).toEqual([{ type: 'code_execution' }, { type: 'url_context' }]);
		const types = (item.json.steps as Array<{ type: string }>).map((step) => step.type);
		expect(types).toEqual(['thought', 'code_execution_call', 'code_execution_result', 'url_context_call', 'url_context_result', 'model_output']);

		const simplified = await run('Sum of https://a.example/x', { urlContext: true });
		expect(simplified.item.json.sources).toEqual([{ url: 'https://a.example/x', via: 'url_context' }]);
	});

	it('File Search: store names (prefixed when given bare), filter and top K', async () => {
		const { item, request } = await run('Find the notes', {
			fileSearch: { values: { storeNames: 'store-1, fileSearchStores/store-2', metadataFilter: 'author = "Ada"', topK: 3 } },
		});
		expect(request.body.tools).toEqual([
			{
				type: 'file_search',
				file_search_store_names: ['fileSearchStores/store-1', 'fileSearchStores/store-2'],
				metadata_filter: 'author = "Ada"',
				top_k: 3,
			},
		]);
		expect(item.json.text).toContain('Found 1 matching document in fileSearchStores/store-1.');
	});

	it('MCP servers: url, headers and allowed tools', async () => {
		const { item, request } = await run('Look up ACME', {
			mcpServers: {
				server: [{ name: 'crm', url: 'https://mcp.example.com/mcp', headers: '{"Authorization": "Bearer secret-token"}', allowedTools: 'lookup, search' }],
			},
		});
		expect(request.body.tools).toEqual([
			{
				type: 'mcp_server',
				name: 'crm',
				url: 'https://mcp.example.com/mcp',
				headers: { Authorization: 'Bearer secret-token' },
				allowed_tools: [{ tools: ['lookup', 'search'] }],
			},
		]);
		expect(item.json.text).toContain('The MCP tool crm.lookup answered.');
		expect(JSON.stringify(item.json)).not.toContain('secret-token');
	});

	it('a bad MCP server is a NodeOperationError naming the parameter', async () => {
		const result = await fixture.run('apiKey', createParameters('x', { builtInTools: { mcpServers: { server: [{ url: 'ftp://x' }] } } }));
		expect(result.error?.message).toBe('The parameter "Built-in Tools" is invalid: MCP server 1 needs an http(s) URL');
	});
});
