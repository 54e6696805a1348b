// Safety settings, labels, tool choice, Google Maps, image and speech output, additional fields,
// blocked answers, token usage in n8n's execution data, and custom agent update/versions: each
// checked on the wire (the emulator's request log) and in what the node outputs.
import { DynamicStructuredTool } from '@langchain/core/tools';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { INodeParameters } from 'n8n-workflow';
import { z } from 'zod';

import { AUTH_MODES, agentsPath, interactionsPath, itemsOf, modelLocator, useEmulator } from './fixtures';

const create = (input: string, extra: INodeParameters = {}): INodeParameters => ({
	resource: 'interaction',
	operation: 'create',
	model: modelLocator('gemini-3.5-flash'),
	input,
	...extra,
});
const weatherFunction = { name: 'get_weather', description: 'Weather', parameters: '{"type": "object", "properties": {"city": {"type": "string"}}}' };
const timeFunction = { name: 'get_time', description: 'Time', parameters: '{}' };

describe.each(AUTH_MODES)('safety settings and labels (%s)', (authMode) => {
	const fixture = useEmulator();

	it('are sent as safety_settings {type, threshold, method} and labels, and usage goes to n8n\'s tokenUsage', async () => {
		const result = await fixture.run(
			authMode,
			create('Hello', {
				options: {
					safetySettings: {
						values: [
							{ category: 'harassment', threshold: 'block_only_high', method: '' },
							{ category: 'dangerous_content', threshold: 'off', method: 'severity' },
						],
					},
					labels: { label: [{ key: 'team', value: 'support' }, { key: 'cost_center', value: 'cc-42' }] },
				},
			}),
		);
		const [item] = itemsOf(result);
		const [request] = fixture.apiRequests();
		expect(request.path).toBe(interactionsPath(authMode));
		expect(request.status).toBe(200);
		expect(request.body).toEqual({
			model: 'gemini-3.5-flash',
			input: 'Hello',
			safety_settings: [
				{ type: 'harassment', threshold: 'block_only_high' },
				{ type: 'dangerous_content', threshold: 'off', method: 'severity' },
			],
			labels: { team: 'support', cost_center: 'cc-42' },
		});
		const usage = item.json.usage as Record<string, number>;
		expect(result.metadata?.tokenUsage).toEqual({
			inputTokens: usage.total_input_tokens,
			outputTokens: usage.total_output_tokens + usage.total_thought_tokens,
		});
	});

	it('an invalid label key is a parameter error before anything is sent', async () => {
		const result = await fixture.run(authMode, create('Hello', { options: { labels: { label: [{ key: 'Team', value: 'x' }] } } }));
		expect(result.error).toBeInstanceOf(NodeOperationError);
		expect(result.error?.message).toMatch(/The parameter "Labels" is invalid: the key "Team" is not allowed/);
		expect(fixture.apiRequests()).toHaveLength(0);
	});
});

describe('blocked answers', () => {
	const fixture = useEmulator();

	it('are an error naming the code and category, not an empty text', async () => {
		const result = await fixture.run('apiKey', create('Say something rude #blocked:harassment'));
		expect(result.error).toBeInstanceOf(NodeApiError);
		expect(result.error?.message).toBe('Google blocked the answer (safety: harassment)');
		expect((result.error as NodeApiError).description).toMatch(/relax "Safety Settings" for harassment/);
		// The blocked turn was billed: n8n still sees its tokens.
		expect(result.metadata?.tokenUsage?.inputTokens).toBeGreaterThan(0);
	});

	it('with Continue On Fail the item carries the error; a relaxed threshold lets the answer through', async () => {
		const blocked = itemsOf(await fixture.run('apiKey', create('Rude #blocked:harassment'), { continueOnFail: true }));
		expect(blocked).toEqual([{ json: expect.objectContaining({ error: 'Google blocked the answer (safety: harassment)' }), pairedItem: { item: 0 } }]);
		const [relaxed] = itemsOf(
			await fixture.run(
				'apiKey',
				create('Rude #blocked:harassment', {
					options: { safetySettings: { values: [{ category: 'harassment', threshold: 'block_only_high' }] } },
				}),
			),
		);
		expect(relaxed.json.status).toBe('completed');
	});
});

describe('tool choice', () => {
	const fixture = useEmulator();

	it('"None" goes out as tool_choice and the model answers instead of calling', async () => {
		const [item] = itemsOf(
			await fixture.run('apiKey', create('Use get_weather', { functions: { function: [weatherFunction] }, options: { toolChoice: 'none' } })),
		);
		expect(fixture.apiRequests()[0].body.generation_config).toEqual({ tool_choice: 'none' });
		expect(item.json.status).toBe('completed');
	});

	it('allowed functions go out as allowed_tools and limit the calls', async () => {
		const [item] = itemsOf(
			await fixture.run(
				'apiKey',
				create('Use get_weather', {
					functions: { function: [weatherFunction, timeFunction] },
					options: { toolChoice: 'any', allowedFunctions: 'get_time' },
				}),
			),
		);
		expect(fixture.apiRequests()[0].body.generation_config).toEqual({ tool_choice: { allowed_tools: { mode: 'any', tools: ['get_time'] } } });
		expect(item.json.functionCalls).toEqual([expect.objectContaining({ name: 'get_time' })]);
	});

	it('names a connected tool too; an undeclared name is a parameter error before sending', async () => {
		const tool = new DynamicStructuredTool({
			name: 'lookup',
			description: 'Looks things up',
			schema: z.object({ q: z.string() }),
			func: async () => 'found',
		});
		const [item] = itemsOf(
			await fixture.run('apiKey', create('Find it', { options: { toolChoice: 'auto', allowedFunctions: 'lookup' } }), { aiTools: [tool] }),
		);
		expect(fixture.apiRequests()[0].body.generation_config).toEqual({ tool_choice: { allowed_tools: { mode: 'auto', tools: ['lookup'] } } });
		expect(item.json.toolCalls).toEqual([expect.objectContaining({ name: 'lookup', result: 'found' })]);

		fixture.emulator.clearRequests();
		const wrong = await fixture.run('apiKey', create('x', { functions: { function: [weatherFunction] }, options: { allowedFunctions: 'get_news' } }));
		expect(wrong.error?.message).toMatch(/The parameter "Tool Choice" is invalid: the function "get_news" is not declared in this turn \(declared: get_weather\)/);
		expect(fixture.apiRequests()).toHaveLength(0);
	});
});

describe('Google Maps, images and speech', () => {
	const fixture = useEmulator();

	it('Google Maps goes out with the location and the places come back in sources', async () => {
		const [item] = itemsOf(
			await fixture.run(
				'apiKey',
				create('Coffee near me', { builtInTools: { googleMaps: { values: { latitude: '48.8584', longitude: '2.2945', enableWidget: true } } } }),
			),
		);
		expect(fixture.apiRequests()[0].body.tools).toEqual([{ type: 'google_maps', latitude: 48.8584, longitude: 2.2945, enable_widget: true }]);
		expect(item.json.sources).toEqual([expect.objectContaining({ via: 'google_maps', url: expect.stringContaining('maps.google.com') })]);
	});

	it('image aspect ratio and size go on the image response format; the image comes back as binary', async () => {
		const [item] = itemsOf(
			await fixture.run('apiKey', create('Draw a lighthouse', { options: { outputTypes: ['image'], imageAspectRatio: '16:9', imageSize: '2K' } })),
		);
		expect(fixture.apiRequests()[0].body.response_format).toEqual([{ type: 'image', aspect_ratio: '16:9', image_size: '2K' }]);
		expect(item.binary?.data?.mimeType).toBe('image/png');
	});

	it('a TTS model speaks with the chosen voice and language; an unknown voice gets Google\'s error', async () => {
		const speak = (voice: string) =>
			fixture.run('apiKey', {
				...create('Welcome to the show', { options: { outputTypes: ['audio'], speechVoice: voice, speechLanguage: 'en-US', audioMimeType: 'audio/wav' } }),
				model: modelLocator('gemini-3.1-flash-tts-preview'),
			});
		const [item] = itemsOf(await speak('Kore'));
		const [request] = fixture.apiRequests();
		expect(request.body).toMatchObject({
			model: 'gemini-3.1-flash-tts-preview',
			response_format: [{ type: 'audio', mime_type: 'audio/wav' }],
			generation_config: { speech_config: [{ voice: 'Kore', language: 'en-US' }] },
		});
		expect(item.binary?.data?.mimeType).toBe('audio/wav');
		expect(item.json.text).toBe('');

		const wrong = await speak('Robot');
		expect(wrong.error).toBeInstanceOf(NodeApiError);
		expect(JSON.stringify([wrong.error?.message, (wrong.error as NodeApiError).description])).toMatch(/Voice \\"Robot\\" is not supported/);
	});

	it('speech options without audio output are a parameter error', async () => {
		const result = await fixture.run('apiKey', create('x', { options: { outputTypes: ['text'], speechVoice: 'Kore' } }));
		expect(result.error?.message).toMatch(/"Speech Voice" applies to audio output/);
		expect(fixture.apiRequests()).toHaveLength(0);
	});
});

describe('additional fields (JSON)', () => {
	const fixture = useEmulator();

	it('are merged into the request, objects key by key', async () => {
		itemsOf(
			await fixture.run(
				'apiKey',
				create('Hi', {
					options: { temperature: 0.5, additionalFields: '{"webhook_config": {"uris": ["https://example.com/hook"]}, "generation_config": {"seed": 7}}' },
				}),
			),
		);
		expect(fixture.apiRequests()[0].body).toEqual({
			model: 'gemini-3.5-flash',
			input: 'Hi',
			webhook_config: { uris: ['https://example.com/hook'] },
			generation_config: { temperature: 0.5, seed: 7 },
		});
	});

	it('a field the node sets, or a camelCase key, is a parameter error; a field Google lacks gets Google\'s error', async () => {
		const conflict = await fixture.run('apiKey', create('Hi', { options: { temperature: 0.5, additionalFields: '{"generation_config": {"temperature": 1}}' } }));
		expect(conflict.error?.message).toMatch(/The parameter "Additional Fields \(JSON\)" is invalid: "generation_config.temperature" is already set/);
		const tier = await fixture.run('apiKey', create('Hi', { options: { serviceTier: 'flex', additionalFields: '{"service_tier": "priority"}' } }));
		expect(tier.error?.message).toMatch(/"service_tier" is already set by the node's own parameters/);
		const camel = await fixture.run('apiKey', create('Hi', { options: { additionalFields: '{"serviceTier": "flex"}' } }));
		expect(camel.error?.message).toMatch(/"serviceTier" is not snake_case.*"service_tier"/);
		expect(fixture.apiRequests()).toHaveLength(0);

		const unknown = await fixture.run('apiKey', create('Hi', { options: { additionalFields: '{"frobnicate": true}' } }));
		expect(unknown.error).toBeInstanceOf(NodeApiError);
		expect(JSON.stringify([unknown.error?.message, (unknown.error as NodeApiError).description])).toMatch(/Unknown name \\"frobnicate\\"/);
		expect(fixture.apiRequests()[0].body.frobnicate).toBe(true);
	});

	it('work on Run Agent with labels', async () => {
		itemsOf(
			await fixture.run('apiKey', {
				resource: 'agent',
				operation: 'run',
				agent: { __rl: true, mode: 'list', value: 'antigravity-preview-09-2026' },
				input: 'Tidy the repo',
				options: {
					labels: { label: [{ key: 'team', value: 'infra' }] },
					additionalFields: '{"webhook_config": {"user_metadata": {"runId": 7}}}',
				},
			}),
		);
		const [request] = fixture.apiRequests();
		expect(request.body).toMatchObject({
			agent: 'antigravity-preview-09-2026',
			labels: { team: 'infra' },
			webhook_config: { user_metadata: { runId: 7 } },
			background: true,
			environment: 'remote',
		});
	});
});

describe.each(AUTH_MODES)('custom agents: update and versions (%s)', (authMode) => {
	const fixture = useEmulator();
	const agentId = (id: string) => ({ __rl: true, mode: 'id', value: id });

	it('Update Custom Agent sends only the changed fields with update_mask; List Versions shows each state', async () => {
		itemsOf(
			await fixture.run(authMode, {
				resource: 'agent',
				operation: 'create',
				agentId: 'notes-writer',
				baseAgent: 'antigravity-preview-09-2026',
				systemInstruction: 'Write notes.',
				description: 'First',
			}),
		);
		const [updated] = itemsOf(
			await fixture.run(authMode, {
				resource: 'agent',
				operation: 'update',
				agent: agentId('notes-writer'),
				updateFields: { description: 'Second', agentModel: 'gemini-3-flash-preview' },
			}),
		);
		const patch = fixture.apiRequests()[1];
		expect(patch.method).toBe('PATCH');
		expect(patch.path).toBe(`${agentsPath(authMode)}/notes-writer`);
		expect(patch.query).toEqual({ update_mask: 'description,agent_config' });
		expect(patch.body).toEqual({ description: 'Second', agent_config: { type: 'antigravity', model: 'gemini-3-flash-preview' } });
		expect(updated.json).toMatchObject({ id: 'notes-writer', description: 'Second', system_instruction: 'Write notes.' });

		const versions = itemsOf(
			await fixture.run(authMode, { resource: 'agent', operation: 'listVersions', agent: agentId('notes-writer'), returnAll: true }),
		);
		expect(versions.map((version) => [version.json.version, version.json.description])).toEqual([
			['2', 'Second'],
			['1', 'First'],
		]);
		expect(fixture.apiRequests().at(-1)?.path).toBe(`${agentsPath(authMode)}/notes-writer/versions`);
	});

	it('an update with no field is a parameter error; an unknown agent is named', async () => {
		const empty = await fixture.run(authMode, { resource: 'agent', operation: 'update', agent: agentId('notes-writer'), updateFields: {} });
		expect(empty.error?.message).toMatch(/The parameter "Update Fields" is invalid: choose at least one field/);
		const missing = await fixture.run(authMode, { resource: 'agent', operation: 'listVersions', agent: agentId('nobody') });
		expect(missing.error?.message).toBe('Agent "nobody" was not found');
	});
});

describe('a blocked answer while streaming to a chat', () => {
	const fixture = useEmulator();

	it('is the same error, and the chat gets no answer text', async () => {
		const result = await fixture.run('apiKey', create('Rude #blocked:harassment'), { streaming: true });
		expect(fixture.apiRequests()[0].body.stream).toBe(true);
		expect(result.error?.message).toBe('Google blocked the answer (safety: harassment)');
		expect(result.chunks.filter((chunk) => chunk.type === 'item')).toEqual([]);
	});
});
