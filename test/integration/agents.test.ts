import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { INodeParameters } from 'n8n-workflow';

import { GeminiInteractionsApi } from '../../credentials/GeminiInteractionsApi.credentials';
import { GeminiInteractionsEnterpriseApi } from '../../credentials/GeminiInteractionsEnterpriseApi.credentials';
import { GeminiInteractions } from '../../nodes/GeminiInteractions/GeminiInteractions.node';
import { runLoadOptions } from '../harness';
import type { AuthMode } from './fixtures';
import { agentsPath, AUTH_MODES, interactionsPath, itemsOf, modelLocator, useEmulator } from './fixtures';

const DEEP_RESEARCH = 'deep-research-preview-04-2026';
const ANTIGRAVITY = 'antigravity-preview-05-2026';

function runAgent(agent: string, input: string, extra: INodeParameters = {}): INodeParameters {
	return { resource: 'agent', operation: 'run', agent: modelLocator(agent), input, ...extra };
}

function createAgent(agentId: string, extra: INodeParameters = {}): INodeParameters {
	return { resource: 'agent', operation: 'create', agentId, ...extra };
}

describe.each(AUTH_MODES)('Agent resource (%s)', (authMode: AuthMode) => {
	const fixture = useEmulator();
	const interactions = () => interactionsPath(authMode);
	const agents = () => agentsPath(authMode);
	/** The interaction the node followed (from its streaming GET). */
	const followedId = () =>
		decodeURIComponent(
			fixture
				.apiRequests()
				.find((entry) => entry.stream)!
				.path.split('/')
				.at(-1)!,
		);
	const requestsTo = (method: string, path: string) =>
		fixture.apiRequests().filter((entry) => entry.method === method && entry.path === path);

	describe('Run Agent', () => {
		it('runs Deep Research in the background and follows its stream: 1 POST + 1 streaming GET', async () => {
			const result = await fixture.run(authMode, runAgent(DEEP_RESEARCH, 'History of lighthouse automation'));
			const [item] = itemsOf(result);

			const log = fixture.apiRequests();
			expect(log.map((entry) => `${entry.method} ${entry.path}`)).toEqual([
				`POST ${interactions()}`,
				`GET ${interactions()}/${item.json.id}`,
			]);
			const [create, follow] = log;
			expect(create.body).toEqual({
				agent: DEEP_RESEARCH,
				input: 'History of lighthouse automation',
				background: true,
			});
			expect(follow.query).toEqual({ stream: 'true' });
			expect(follow.stream).toBe(true);
			expect(follow.headers.accept).toContain('text/event-stream');
			// One connection at a time for the item: the stream opened after the POST ended.
			expect(log.every((entry) => entry.inFlightAtStart === 1)).toBe(true);

			expect(item.pairedItem).toEqual({ item: 0 });
			expect(item.json).toMatchObject({ status: 'completed', agent: DEEP_RESEARCH });
			expect(item.json.id).toEqual(expect.any(String));
			expect(item.json.text).toMatch(/^# Research report: History of lighthouse automation/);
			expect(item.json.text).toContain('## Sources');
			expect(item.json.usage).toEqual(expect.objectContaining({ total_tokens: expect.any(Number) }));
			expect(item.json).not.toHaveProperty('environmentId');
		});

		it('sends the Deep Research agent_config options and returns the thought summaries', async () => {
			const [item] = itemsOf(
				await fixture.run(
					authMode,
					runAgent(DEEP_RESEARCH, 'Solid-state batteries', {
						options: {
							thinkingSummaries: true,
							visualization: 'off',
							collaborativePlanning: false,
							enableBigQueryTool: true,
							systemInstruction: 'Cite primary sources.',
						},
					}),
				),
			);
			expect(fixture.apiRequests()[0].body).toEqual({
				agent: DEEP_RESEARCH,
				input: 'Solid-state batteries',
				system_instruction: 'Cite primary sources.',
				background: true,
				agent_config: {
					type: 'deep-research',
					thinking_summaries: 'auto',
					visualization: 'off',
					collaborative_planning: false,
					enable_bigquery_tool: true,
				},
			});
			expect(item.json.thoughts).toEqual([
				expect.stringContaining('**Planning**'),
				expect.stringContaining('**Gathering sources**'),
				expect.stringContaining('**Writing**'),
			]);
			expect(item.json.text).toContain('[system: Cite primary sources.]');
		});

		it('resumes a dropped stream with last_event_id and rebuilds the same interaction', async () => {
			fixture.emulator.addFault({ match: { method: 'GET', path: 'stream=true' }, dropAfterEvents: 4 });
			const [item] = itemsOf(
				await fixture.run(
					authMode,
					runAgent(DEEP_RESEARCH, 'Tidal energy #duration:600', {
						simplify: false,
						options: { thinkingSummaries: true },
					}),
				),
			);
			const follows = fixture.apiRequests().filter((entry) => entry.method === 'GET');
			expect(follows).toHaveLength(2);
			expect(follows[0].query).toEqual({ stream: 'true' });
			expect(follows[1].query).toEqual({ last_event_id: 'evt_4', stream: 'true' });
			expect(follows[1].inFlightAtStart).toBe(1);

			// What the node rebuilt from two connections equals what Google stored.
			const stored = itemsOf(
				await fixture.run(authMode, {
					resource: 'interaction',
					operation: 'get',
					interactionId: item.json.id as string,
					simplify: false,
				}),
			)[0].json as { steps: Array<{ type: string }> };
			expect(item.json.status).toBe('completed');
			expect(item.json.steps).toEqual(stored.steps.filter((step) => step.type !== 'user_input'));
			expect(item.json.steps).toHaveLength(4);
		});

		it('cancels the run on the server when Maximum Wait is reached, and the error carries the ID', async () => {
			const started = Date.now();
			const result = await fixture.run(
				authMode,
				runAgent(DEEP_RESEARCH, 'A very long study #duration:20000', { options: { maxWait: 0.01 } }),
			);
			expect(Date.now() - started).toBeLessThan(5000);
			expect(result.error).toBeInstanceOf(NodeOperationError);
			const cancel = fixture.apiRequests().find((entry) => entry.path.endsWith('/cancel'));
			expect(cancel).toBeDefined();
			const interactionId = decodeURIComponent(cancel!.path.split('/').at(-2)!);
			expect(result.error?.message).toBe(
				`Interaction ${interactionId} did not finish within 0.6 seconds, so it was cancelled`,
			);
			expect((result.error as NodeOperationError).description).toContain('Maximum Wait');
			expect(fixture.apiRequests().map((entry) => `${entry.method} ${entry.path}`)).toEqual([
				`POST ${interactions()}`,
				`GET ${interactions()}/${interactionId}`,
				`POST ${interactions()}/${interactionId}/cancel`,
			]);
			// The stream was closed before the cancel request went out.
			expect(cancel!.inFlightAtStart).toBe(1);

			const [after] = itemsOf(
				await fixture.run(authMode, { resource: 'interaction', operation: 'get', interactionId }),
			);
			expect(after.json.status).toBe('cancelled');
		});

		it('leaves the run going when Cancel on Timeout is off', async () => {
			const result = await fixture.run(
				authMode,
				runAgent(DEEP_RESEARCH, 'Another long study #duration:3000', {
					options: { maxWait: 0.01, cancelOnTimeout: false },
				}),
			);
			expect(result.error?.message).toMatch(/^Interaction \S+ did not finish within 0.6 seconds; it is still running$/);
			expect(fixture.apiRequests().some((entry) => entry.path.endsWith('/cancel'))).toBe(false);
		});

		it('returns immediately with the ID, and Interaction → Get waits for the result', async () => {
			const [started] = itemsOf(
				await fixture.run(authMode, runAgent(DEEP_RESEARCH, 'Ocean heat', { waitMode: 'returnImmediately' })),
			);
			expect(started.json).toMatchObject({ status: 'in_progress', agent: DEEP_RESEARCH, text: '' });
			expect(fixture.apiRequests()).toHaveLength(1);
			fixture.emulator.clearRequests();

			const [done] = itemsOf(
				await fixture.run(
					authMode,
					{ resource: 'interaction', operation: 'get', waitMode: 'wait', options: { includeInput: true } },
					{ inputItems: [{ json: started.json }] },
				),
			);
			expect(done.json).toMatchObject({ id: started.json.id, status: 'completed', input: 'Ocean heat' });
			expect(done.json.text).toMatch(/^# Research report: Ocean heat/);
			const log = fixture.apiRequests();
			expect(log.map((entry) => [entry.method, entry.query])).toEqual([
				['GET', { include_input: 'true' }],
				['GET', { stream: 'true' }],
			]);
		});

		it.each(['failed', 'incomplete', 'budget_exceeded', 'cancelled'])(
			'a run ending "%s" is an error carrying the interaction ID',
			async (status) => {
				const result = await fixture.run(authMode, runAgent(DEEP_RESEARCH, `Doomed #status:${status}`));
				expect(result.error).toBeInstanceOf(NodeApiError);
				expect(result.error?.message).toContain(`(id ${followedId()})`);
				expect(result.error?.message).toMatch(
					{
						failed: / failed$/,
						incomplete: / ended incomplete$/,
						budget_exceeded: /token budget was exceeded$/,
						cancelled: / was cancelled$/,
					}[status]!,
				);
				if (status === 'failed') {
					expect((result.error as NodeApiError).description).toContain('The agent failed: simulated failure');
				}
			},
		);

		it('under Continue On Fail a failed run is an error item and the other items still run', async () => {
			const result = await fixture.run(
				authMode,
				{ ...runAgent(DEEP_RESEARCH, '={{ $json.topic }}') },
				{
					continueOnFail: true,
					inputItems: [
						{ json: { topic: 'Wind' } },
						{ json: { topic: 'Sun #status:failed' } },
						{ json: { topic: 'Rain' } },
					],
				},
			);
			const items = itemsOf(result);
			expect(items).toHaveLength(3);
			expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
			expect(items[0].json.text).toMatch(/Research report: Wind/);
			expect(items[2].json.text).toMatch(/Research report: Rain/);
			expect(items[1].json.error).toMatch(/^Agent run deep-research-preview-04-2026 \(id \S+\) failed$/);
			expect(items[1].json.description).toContain('simulated failure');
		});

		it("sends the item's files and file URLs with the task, as Create does", async () => {
			const png = Buffer.from('89504e470d0a1a0a', 'hex');
			const [item] = itemsOf(
				await fixture.run(
					authMode,
					runAgent(DEEP_RESEARCH, 'Compare these', {
						options: { binaryPropertyNames: 'chart', fileUrls: 'https://example.com/paper.pdf' },
					}),
					{
						inputItems: [
							{
								json: {},
								binary: { chart: { data: png.toString('base64'), mimeType: 'image/png', fileName: 'c.png' } },
							},
						],
					},
				),
			);
			expect(fixture.apiRequests()[0].body.input).toEqual([
				{ type: 'text', text: 'Compare these' },
				{ type: 'image', mime_type: 'image/png', data: png.toString('base64') },
				{ type: 'document', uri: 'https://example.com/paper.pdf', mime_type: 'application/pdf' },
			]);
			expect(item.json.text).toContain(`Received image/png (${png.length} bytes).`);
		});

		it('streams the report to a streaming chat while it follows the run', async () => {
			const result = await fixture.run(authMode, runAgent(DEEP_RESEARCH, 'Kelp forests'), { streaming: true });
			const [item] = itemsOf(result);
			const types = result.chunks.map((chunk) => chunk.type);
			expect(types[0]).toBe('begin');
			expect(types.at(-1)).toBe('end');
			const streamed = result.chunks.filter((chunk) => chunk.type === 'item').map((chunk) => chunk.content);
			expect(streamed.length).toBeGreaterThan(1);
			expect(streamed.join('')).toBe(item.json.text);
		});

		it('names an unknown agent', async () => {
			const result = await fixture.run(authMode, runAgent('no-such-agent', 'Hello'));
			expect(result.error).toBeInstanceOf(NodeApiError);
			expect(result.error?.message).toBe('Agent "no-such-agent" was not found');
			expect((result.error as NodeApiError).httpCode).toBe('404');
			expect(fixture.apiRequests()).toHaveLength(1);
		});

		it('runs Antigravity in a new sandbox with its agent_config', async () => {
			const [item] = itemsOf(
				await fixture.run(
					authMode,
					runAgent(ANTIGRAVITY, 'Count the lines of README.md', {
						options: { agentModel: 'gemini-3-flash-preview', maxTotalTokens: 50000 },
					}),
				),
			);
			expect(fixture.apiRequests()[0].body).toEqual({
				agent: ANTIGRAVITY,
				input: 'Count the lines of README.md',
				environment: 'remote',
				background: true,
				agent_config: { type: 'antigravity', model: 'gemini-3-flash-preview', max_total_tokens: '50000' },
			});
			expect(item.json.environmentId).toMatch(/^env_/);
			expect(item.json.text).toContain(`completed the task in environment ${item.json.environmentId}`);
		});

		it('reuses an existing environment, or sends a configuration object', async () => {
			const [reused] = itemsOf(
				await fixture.run(
					authMode,
					runAgent(ANTIGRAVITY, 'Run the tests', { environment: 'existing', environmentId: 'env_kept12345' }),
				),
			);
			expect(fixture.apiRequests()[0].body.environment).toBe('env_kept12345');
			expect(reused.json.environmentId).toBe('env_kept12345');

			fixture.emulator.clearRequests();
			const config = {
				type: 'remote',
				sources: [{ type: 'repository', source: 'https://github.com/o/r', target: '/src' }],
			};
			await fixture.run(
				authMode,
				runAgent(ANTIGRAVITY, 'Fix the build', { environment: 'config', environmentConfig: JSON.stringify(config) }),
			);
			expect(fixture.apiRequests()[0].body.environment).toEqual(config);
		});

		it('rejects options of the other agent family and bad environment JSON before sending anything', async () => {
			const wrong = await fixture.run(
				authMode,
				runAgent(ANTIGRAVITY, 'Hi', { options: { collaborativePlanning: true } }),
			);
			expect(wrong.error).toBeInstanceOf(NodeOperationError);
			expect(wrong.error?.message).toMatch(/^The parameter "Collaborative Planning \(Deep Research\)" is invalid/);

			const badJson = await fixture.run(
				authMode,
				runAgent(ANTIGRAVITY, 'Hi', { environment: 'config', environmentConfig: '{"type": "remote",' }),
			);
			expect(badJson.error?.message).toMatch(
				/^The parameter "Environment Configuration" is invalid: it is not valid JSON/,
			);
			expect((badJson.error as NodeOperationError).context.itemIndex).toBe(0);
			expect(fixture.apiRequests()).toHaveLength(0);
		});

		it('falls back to polling when the server cannot stream the interaction', async () => {
			fixture.emulator.addFault({ match: { method: 'GET', path: 'stream=true' }, status: 501 });
			const [item] = itemsOf(
				await fixture.run(
					authMode,
					runAgent(DEEP_RESEARCH, 'Glaciers #duration:500', { options: { pollInterval: 0.1 } }),
				),
			);
			expect(item.json.status).toBe('completed');
			expect(item.json.text).toMatch(/^# Research report: Glaciers/);
			const gets = fixture.apiRequests().filter((entry) => entry.method === 'GET');
			expect(gets[0].query).toEqual({ stream: 'true' });
			expect(gets[0].status).toBe(501);
			const polls = gets.slice(1);
			expect(polls.length).toBeGreaterThanOrEqual(2);
			expect(polls.every((entry) => entry.query.stream === undefined && !entry.stream)).toBe(true);
			expect(polls.at(-1)!.status).toBe(200);
		});

		it('polls when a gateway answers the stream request with JSON', async () => {
			fixture.emulator.addFault({
				match: { method: 'GET', path: 'stream=true' },
				body: { object: 'interaction', status: 'in_progress' },
			});
			const [item] = itemsOf(
				await fixture.run(
					authMode,
					runAgent(DEEP_RESEARCH, 'Deserts #duration:300', { options: { pollInterval: 0.1 } }),
				),
			);
			expect(item.json.status).toBe('completed');
			expect(fixture.apiRequests().filter((entry) => entry.method === 'GET').length).toBeGreaterThanOrEqual(2);
		});

		it('reports an error event on the stream with the ID', async () => {
			fixture.emulator.addFault({
				match: { method: 'GET', path: 'stream=true' },
				sseError: { code: 'unavailable', message: 'Backend went away', afterEvents: 2 },
			});
			const result = await fixture.run(authMode, runAgent(DEEP_RESEARCH, 'Volcanoes'));
			expect(result.error).toBeInstanceOf(NodeApiError);
			expect(result.error?.message).toMatch(/^The stream of interaction \S+ reported an error: Backend went away$/);
			expect((result.error as NodeApiError).description).toContain('may still be going');
		});

		it('stops when the execution is cancelled and says the run may still be going', async () => {
			const controller = new AbortController();
			const running = fixture.run(authMode, runAgent(DEEP_RESEARCH, 'Endless #duration:20000'), {
				cancelSignal: controller.signal,
			});
			const deadline = Date.now() + 5000;
			while (!fixture.apiRequests().some((entry) => entry.stream) && Date.now() < deadline) {
				await new Promise((resolve) => setTimeout(resolve, 20));
			}
			controller.abort();
			const started = Date.now();
			const result = await running;
			expect(Date.now() - started).toBeLessThan(2000);
			expect(result.error?.message).toMatch(
				/^The execution was cancelled while waiting for interaction \S+; the run may still be going on Google's side$/,
			);
			expect((result.error as NodeOperationError).description).toContain('Interaction → Cancel');
			expect(fixture.apiRequests().some((entry) => entry.path.endsWith('/cancel'))).toBe(false);
		});

		it('runs several items at once, each followed on its own connection', async () => {
			const result = await fixture.run(authMode, runAgent(DEEP_RESEARCH, '={{ $json.topic }} #duration:400'), {
				inputItems: ['Moss', 'Ferns', 'Lichens'].map((topic) => ({ json: { topic } })),
			});
			const items = itemsOf(result);
			expect(items.map((item) => item.json.text)).toEqual([
				expect.stringMatching(/Research report: Moss/),
				expect.stringMatching(/Research report: Ferns/),
				expect.stringMatching(/Research report: Lichens/),
			]);
			const streams = fixture.apiRequests().filter((entry) => entry.stream);
			expect(streams).toHaveLength(3);
			expect(new Set(streams.map((entry) => entry.path)).size).toBe(3);
			expect(fixture.emulator.maxInFlight).toBeGreaterThan(1);
		});
	});

	describe('custom agents', () => {
		it('creates a custom agent with its tools, base environment and Antigravity settings', async () => {
			const baseEnvironment = {
				type: 'remote',
				sources: [{ type: 'repository', source: 'https://github.com/o/r', target: '/src' }],
			};
			const [item] = itemsOf(
				await fixture.run(
					authMode,
					createAgent('release-notes', {
						systemInstruction: 'Write release notes.',
						description: 'Release notes from merged PRs',
						tools: '[{"type": "code_execution"}, {"type": "google_search"}]',
						baseEnvironment: JSON.stringify(baseEnvironment),
						options: { agentModel: 'gemini-3-flash-preview' },
					}),
				),
			);
			const [request] = fixture.apiRequests();
			expect(`${request.method} ${request.path}`).toBe(`POST ${agents()}`);
			expect(request.body).toEqual({
				id: 'release-notes',
				base_agent: ANTIGRAVITY,
				description: 'Release notes from merged PRs',
				system_instruction: 'Write release notes.',
				tools: [{ type: 'code_execution' }, { type: 'google_search' }],
				base_environment: baseEnvironment,
				agent_config: { type: 'antigravity', model: 'gemini-3-flash-preview' },
			});
			expect(item.json).toMatchObject({ id: 'release-notes', base_agent: ANTIGRAVITY });
		});

		it('says so when the agent ID is taken (409)', async () => {
			await fixture.run(authMode, createAgent('twice'));
			const result = await fixture.run(authMode, createAgent('twice'));
			expect(result.error).toBeInstanceOf(NodeApiError);
			expect(result.error?.message).toBe('A custom agent with the ID "twice" already exists');
			expect((result.error as NodeApiError).httpCode).toBe('409');
			expect((result.error as NodeApiError).description).toContain('Agent twice already exists');
		});

		it('rejects tools that are not tool objects before sending anything', async () => {
			const result = await fixture.run(authMode, createAgent('bad-tools', { tools: '[{"name": "x"}]' }));
			expect(result.error).toBeInstanceOf(NodeOperationError);
			expect(result.error?.message).toMatch(/^The parameter "Tools" is invalid: tool 1 needs a "type"/);
			expect(fixture.apiRequests()).toHaveLength(0);
		});

		it('gets, runs and deletes a custom agent; afterwards it is not found by name', async () => {
			await fixture.run(authMode, createAgent('sentinel', { systemInstruction: 'Be careful.' }));
			const [got] = itemsOf(
				await fixture.run(authMode, { resource: 'agent', operation: 'get', agent: modelLocator('sentinel') }),
			);
			expect(got.json).toMatchObject({ id: 'sentinel', system_instruction: 'Be careful.' });

			fixture.emulator.clearRequests();
			const [ran] = itemsOf(await fixture.run(authMode, runAgent('sentinel', 'Check the logs')));
			expect(fixture.apiRequests()[0].body).toEqual({
				agent: 'sentinel',
				input: 'Check the logs',
				environment: 'remote',
				background: true,
			});
			expect(ran.json).toMatchObject({ status: 'completed', agent: 'sentinel' });
			expect(ran.json.text).toMatch(
				/^Agent sentinel completed the task in environment env_\S+\. \[system: Be careful\.\]/,
			);

			const [deleted] = itemsOf(
				await fixture.run(authMode, { resource: 'agent', operation: 'delete', agent: modelLocator('sentinel') }),
			);
			expect(deleted.json).toEqual({ id: 'sentinel', deleted: true });
			expect(fixture.apiRequests().at(-1)).toMatchObject({
				method: 'DELETE',
				path: `${agents()}/sentinel`,
				status: 200,
			});

			for (const operation of ['get', 'delete']) {
				const missing = await fixture.run(authMode, { resource: 'agent', operation, agent: modelLocator('sentinel') });
				expect(missing.error).toBeInstanceOf(NodeApiError);
				expect(missing.error?.message).toBe('Agent "sentinel" was not found');
				expect((missing.error as NodeApiError).httpCode).toBe('404');
			}
		});

		it('lists custom agents across pages with Return All, or up to a Limit', async () => {
			const created = itemsOf(
				await fixture.run(authMode, createAgent('={{ "fleet-" + $json.n }}'), {
					inputItems: Array.from({ length: 130 }, (_, n) => ({ json: { n } })),
				}),
			);
			expect(created).toHaveLength(130);

			fixture.emulator.clearRequests();
			const all = itemsOf(await fixture.run(authMode, { resource: 'agent', operation: 'list', returnAll: true }));
			const fleet = all.filter((item) => String(item.json.id).startsWith('fleet-'));
			expect(fleet).toHaveLength(130);
			expect(
				all.every((item, index) => item.pairedItem && (item.pairedItem as { item: number }).item === 0 && index >= 0),
			).toBe(true);
			const pages = requestsTo('GET', agents());
			expect(pages.length).toBeGreaterThanOrEqual(2);
			expect(pages[0].query).toEqual({ page_size: '100' });
			expect(pages[1].query).toEqual({ page_size: '100', page_token: expect.any(String) });

			fixture.emulator.clearRequests();
			const limited = itemsOf(await fixture.run(authMode, { resource: 'agent', operation: 'list', limit: 120 }));
			expect(limited).toHaveLength(120);
			expect(requestsTo('GET', agents()).map((entry) => entry.query.page_size)).toEqual(['100', '20']);

			fixture.emulator.clearRequests();
			const few = itemsOf(await fixture.run(authMode, { resource: 'agent', operation: 'list', limit: 3 }));
			expect(few).toHaveLength(3);
			expect(requestsTo('GET', agents())).toHaveLength(1);
		});

		it('offers built-in and custom agents in the Run Agent picker, custom ones only for Get/Delete', async () => {
			await fixture.run(authMode, createAgent('picker-test', { description: 'Finds things' }));
			/** Every page, as the picker loads them while scrolling. */
			const search = async (method: string, filter?: string) => {
				const results = [];
				let paginationToken: string | undefined;
				do {
					const page = await runLoadOptions({
						node: new GeminiInteractions(),
						kind: 'listSearch',
						method,
						filter,
						paginationToken,
						parameters: { authentication: authMode },
						credentialTypes: [new GeminiInteractionsApi(), new GeminiInteractionsEnterpriseApi()],
						credentials: fixture.credentials,
					});
					results.push(...page.results);
					paginationToken = page.paginationToken as string | undefined;
				} while (paginationToken);
				return { results };
			};
			const all = (await search('searchAgents')).results.map((result) => result.value);
			expect(all.slice(0, 4)).toEqual([
				DEEP_RESEARCH,
				'deep-research-max-preview-04-2026',
				ANTIGRAVITY,
				'antigravity-preview-09-2026',
			]);
			expect(all).toContain('picker-test');
			expect((await search('searchAgents', 'max')).results.map((result) => result.value)).toEqual([
				'deep-research-max-preview-04-2026',
			]);
			const custom = (await search('searchCustomAgents', 'picker')).results;
			expect(custom).toEqual([
				{ name: 'picker-test', value: 'picker-test', description: `Finds things — based on ${ANTIGRAVITY}` },
			]);

			// Without the Agents API the built-in agents can still be picked.
			fixture.emulator.addFault({ match: { method: 'GET', path: '/agents' }, status: 404 });
			expect((await search('searchAgents')).results.map((result) => result.value)).toEqual([
				DEEP_RESEARCH,
				'deep-research-max-preview-04-2026',
				ANTIGRAVITY,
				'antigravity-preview-09-2026',
			]);
		});
	});
});
