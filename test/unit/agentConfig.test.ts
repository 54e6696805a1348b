import {
	agentFamily,
	buildAgentConfig,
	buildCustomAgent,
	buildEnvironment,
	parseEnvironmentJson,
	parseToolsJson,
} from '../../nodes/shared/wire/request/agentConfig';

const DEEP_RESEARCH = 'deep-research-preview-04-2026';
const ANTIGRAVITY = 'antigravity-preview-05-2026';

describe('agentFamily', () => {
	it('tells Deep Research from Antigravity and the custom agents built on it', () => {
		expect(agentFamily(DEEP_RESEARCH)).toBe('deep-research');
		expect(agentFamily('deep-research-max-preview-04-2026')).toBe('deep-research');
		expect(agentFamily(ANTIGRAVITY)).toBe('antigravity');
		expect(agentFamily('release-notes-writer')).toBe('antigravity');
	});
});

describe('buildAgentConfig', () => {
	it('sends nothing when no option is set', () => {
		expect(buildAgentConfig(DEEP_RESEARCH, {})).toEqual({ ok: true, value: undefined });
		expect(buildAgentConfig(ANTIGRAVITY, { agentModel: '  ' })).toEqual({ ok: true, value: undefined });
	});

	it('maps the Deep Research options (wire reference §3.7)', () => {
		expect(
			buildAgentConfig(DEEP_RESEARCH, {
				thinkingSummaries: false,
				visualization: 'auto',
				collaborativePlanning: true,
				enableBigQueryTool: false,
			}),
		).toEqual({
			ok: true,
			value: {
				type: 'deep-research',
				thinking_summaries: 'none',
				visualization: 'auto',
				collaborative_planning: true,
				enable_bigquery_tool: false,
			},
		});
	});

	it('maps the Antigravity options, max_total_tokens as a string', () => {
		expect(buildAgentConfig('my-agent', { agentModel: 'gemini-3-flash-preview', maxTotalTokens: 20000 })).toEqual({
			ok: true,
			value: { type: 'antigravity', model: 'gemini-3-flash-preview', max_total_tokens: '20000' },
		});
	});

	it('names an option that does not apply to the agent', () => {
		expect(buildAgentConfig(ANTIGRAVITY, { thinkingSummaries: true })).toEqual({
			ok: false,
			parameter: 'Thinking Summaries (Deep Research)',
			reason: expect.stringContaining('does not apply to antigravity-preview-05-2026'),
		});
		expect(buildAgentConfig(DEEP_RESEARCH, { maxTotalTokens: 5 })).toMatchObject({
			ok: false,
			parameter: 'Maximum Total Tokens (Antigravity)',
		});
	});

	it('rejects a token budget that is not a positive whole number', () => {
		expect(buildAgentConfig(ANTIGRAVITY, { maxTotalTokens: 1.5 })).toMatchObject({
			ok: false,
			parameter: 'Maximum Total Tokens (Antigravity)',
		});
	});
});

describe('buildEnvironment', () => {
	it('Automatic: a fresh sandbox for Antigravity and custom agents, none for Deep Research', () => {
		expect(buildEnvironment(ANTIGRAVITY, { choice: 'auto' })).toEqual({ ok: true, value: 'remote' });
		expect(buildEnvironment('my-agent', { choice: 'auto' })).toEqual({ ok: true, value: 'remote' });
		expect(buildEnvironment(DEEP_RESEARCH, { choice: 'auto' })).toEqual({ ok: true, value: undefined });
	});

	it('None, New Remote Sandbox and Existing Environment', () => {
		expect(buildEnvironment(ANTIGRAVITY, { choice: 'none' })).toEqual({ ok: true, value: undefined });
		expect(buildEnvironment(DEEP_RESEARCH, { choice: 'remote' })).toEqual({ ok: true, value: 'remote' });
		expect(buildEnvironment(ANTIGRAVITY, { choice: 'existing', environmentId: ' env_123 ' })).toEqual({
			ok: true,
			value: 'env_123',
		});
		expect(buildEnvironment(ANTIGRAVITY, { choice: 'existing', environmentId: '' })).toMatchObject({
			ok: false,
			parameter: 'Environment ID',
		});
		expect(buildEnvironment(ANTIGRAVITY, { choice: 'existing', environmentId: 'env 1' })).toMatchObject({
			ok: false,
			parameter: 'Environment ID',
		});
	});

	it('Configuration: a JSON object (text or from an expression), type defaulting to remote', () => {
		const sources = [{ type: 'repository', source: 'https://github.com/o/r', target: '/src' }];
		expect(buildEnvironment(ANTIGRAVITY, { choice: 'config', environmentConfig: JSON.stringify({ sources }) })).toEqual(
			{ ok: true, value: { type: 'remote', sources } },
		);
		expect(
			buildEnvironment(ANTIGRAVITY, { choice: 'config', environmentConfig: { type: 'remote', network: 'disabled' } }),
		).toEqual({ ok: true, value: { type: 'remote', network: 'disabled' } });
		expect(buildEnvironment(ANTIGRAVITY, { choice: 'config', environmentConfig: '{}' })).toMatchObject({
			ok: false,
			parameter: 'Environment Configuration',
			reason: expect.stringContaining('empty'),
		});
		expect(buildEnvironment(ANTIGRAVITY, { choice: 'config', environmentConfig: '{"type":' })).toMatchObject({
			ok: false,
			parameter: 'Environment Configuration',
			reason: expect.stringContaining('not valid JSON'),
		});
	});
});

describe('parseEnvironmentJson', () => {
	it('accepts a JSON string (an id or "remote"), and rejects other types', () => {
		expect(parseEnvironmentJson('"env_abc"', 'Base Environment')).toEqual({ ok: true, value: 'env_abc' });
		expect(parseEnvironmentJson('', 'Base Environment')).toEqual({ ok: true, value: undefined });
		expect(parseEnvironmentJson('[1]', 'Base Environment')).toMatchObject({ ok: false, parameter: 'Base Environment' });
		expect(parseEnvironmentJson('{"type": "local"}', 'Base Environment')).toMatchObject({
			ok: false,
			reason: '"type" must be "remote", not "local"',
		});
	});
});

describe('parseToolsJson', () => {
	it('passes built-in tools through and checks function tools like the model operations do', () => {
		expect(
			parseToolsJson(
				JSON.stringify([
					{ type: 'google_search' },
					{ type: 'mcp_server', name: 'docs', url: 'https://mcp.example.com' },
					{
						type: 'function',
						name: 'lookup',
						parameters: { type: 'object', properties: { q: { type: 'string' } }, required: [] },
					},
				]),
				'Tools',
			),
		).toEqual({
			ok: true,
			value: [
				{ type: 'google_search' },
				{ type: 'mcp_server', name: 'docs', url: 'https://mcp.example.com' },
				// The API rejects `required: []`; the shared function-tool check strips it.
				{ type: 'function', name: 'lookup', parameters: { type: 'object', properties: { q: { type: 'string' } } } },
			],
		});
	});

	it('treats [] and an empty value as no tools, and names the broken tool', () => {
		expect(parseToolsJson('[]', 'Tools')).toEqual({ ok: true, value: undefined });
		expect(parseToolsJson('', 'Tools')).toEqual({ ok: true, value: undefined });
		expect(parseToolsJson('[{"type": "url_context"}, "google_search"]', 'Tools')).toMatchObject({
			ok: false,
			parameter: 'Tools',
			reason: expect.stringContaining('tool 2 needs a "type"'),
		});
		expect(parseToolsJson('[{"type": "function", "name": "1bad"}]', 'Tools')).toMatchObject({
			ok: false,
			parameter: 'Tools',
		});
	});
});

describe('buildCustomAgent', () => {
	it('builds the Agents API body, leaving out what is empty (wire reference §10.1)', () => {
		expect(
			buildCustomAgent({
				agentId: ' customer-sentinel ',
				baseAgent: ANTIGRAVITY,
				description: 'desc',
				systemInstruction: 'Be careful',
				tools: '[{"type":"code_execution"},{"type":"google_search"}]',
				baseEnvironment:
					'{"type":"remote","sources":[{"type":"repository","source":"https://github.com/o/r","target":"/src"}]}',
				agentModel: 'gemini-3-flash-preview',
			}),
		).toEqual({
			ok: true,
			value: {
				id: 'customer-sentinel',
				base_agent: ANTIGRAVITY,
				description: 'desc',
				system_instruction: 'Be careful',
				tools: [{ type: 'code_execution' }, { type: 'google_search' }],
				base_environment: {
					type: 'remote',
					sources: [{ type: 'repository', source: 'https://github.com/o/r', target: '/src' }],
				},
				agent_config: { type: 'antigravity', model: 'gemini-3-flash-preview' },
			},
		});
		expect(buildCustomAgent({ agentId: 'a', baseAgent: ANTIGRAVITY, tools: '[]', baseEnvironment: '{}' })).toEqual({
			ok: true,
			value: { id: 'a', base_agent: ANTIGRAVITY },
		});
	});

	it('names the parameter that is wrong', () => {
		expect(buildCustomAgent({ agentId: '', baseAgent: ANTIGRAVITY })).toMatchObject({
			ok: false,
			parameter: 'Agent ID',
		});
		expect(buildCustomAgent({ agentId: 'a/b', baseAgent: ANTIGRAVITY })).toMatchObject({
			ok: false,
			parameter: 'Agent ID',
		});
		expect(buildCustomAgent({ agentId: 'a', baseAgent: ANTIGRAVITY, baseEnvironment: '[' })).toMatchObject({
			ok: false,
			parameter: 'Base Environment',
		});
	});
});
