import type { Agent, Environment, JsonObject, Tool } from '../types';
import type { Parsed } from './jsonParameter';
import { isPlainObject, parseJsonValue } from './jsonParameter';
import { functionTool } from './tools';

/**
 * Pure: the Agent resource's parameters → wire values (`agent_config`, `environment`, the
 * custom agent body). Every failure names the parameter so the operation can report it.
 */

/** The agents Google ships; custom agents are listed live from the Agents API. */
export const BUILT_IN_AGENTS = [
	{
		id: 'deep-research-preview-04-2026',
		name: 'Deep Research',
		description: 'Researches the web in many steps and writes a cited report (minutes up to an hour)',
	},
	{
		id: 'deep-research-max-preview-04-2026',
		name: 'Deep Research Max',
		description: 'The most thorough Deep Research: more sources, longer runs',
	},
	{
		id: 'antigravity-preview-05-2026',
		name: 'Antigravity',
		description: 'Works on tasks (code, files, tools) in a sandbox environment',
	},
	{
		id: 'antigravity-preview-09-2026',
		name: 'Antigravity (09-2026)',
		description: 'The September 2026 Antigravity: works on tasks (code, files, tools) in a sandbox environment',
	},
] as const;

export const DEFAULT_AGENT = BUILT_IN_AGENTS[0].id;
export const DEFAULT_BASE_AGENT = 'antigravity-preview-05-2026';

/** `deep-research-…` agents, and the rest: Antigravity and the custom agents built on it (wire reference §3.7, §10.1). */
export type AgentFamily = 'deep-research' | 'antigravity';

export function agentFamily(agent: string): AgentFamily {
	return agent.startsWith('deep-research') ? 'deep-research' : 'antigravity';
}

/** A parameter's wire value, or which parameter is wrong and why (for a NodeOperationError). */
/** A parameter's value, or why it cannot be used and which parameter it is. */
export type ParameterCheck<T> = Parsed<T, { parameter: string }>;

const ok = <T>(value: T): ParameterCheck<T> => ({ ok: true, value });
const fail = <T>(parameter: string, reason: string): ParameterCheck<T> => ({ ok: false, parameter, reason });

/** The agent options of Run Agent (and Create Custom Agent's Antigravity settings), as n8n hands them over. */
export interface AgentConfigOptions {
	thinkingSummaries?: boolean;
	visualization?: 'auto' | 'off' | '';
	collaborativePlanning?: boolean;
	enableBigQueryTool?: boolean;
	agentModel?: string;
	maxTotalTokens?: number;
}

export type AgentConfig = JsonObject & { type: string };

const DEEP_RESEARCH_OPTIONS: Array<[keyof AgentConfigOptions, string]> = [
	['thinkingSummaries', 'Thinking Summaries (Deep Research)'],
	['visualization', 'Visualization (Deep Research)'],
	['collaborativePlanning', 'Collaborative Planning (Deep Research)'],
	['enableBigQueryTool', 'BigQuery Tool (Deep Research)'],
];
const ANTIGRAVITY_OPTIONS: Array<[keyof AgentConfigOptions, string]> = [
	['agentModel', 'Model (Antigravity)'],
	['maxTotalTokens', 'Maximum Total Tokens (Antigravity)'],
];

const isSet = (value: unknown) => value !== undefined && value !== null && value !== '';

function antigravityConfig(options: AgentConfigOptions): ParameterCheck<AgentConfig | undefined> {
	const config: AgentConfig = { type: 'antigravity' };
	const model = options.agentModel?.trim();
	if (model) config.model = model;
	if (isSet(options.maxTotalTokens)) {
		const tokens = Number(options.maxTotalTokens);
		if (!Number.isInteger(tokens) || tokens < 1) {
			return fail('Maximum Total Tokens (Antigravity)', 'it must be a whole number of at least 1');
		}
		// The API takes this int64 as a string (wire reference §3.7).
		config.max_total_tokens = String(tokens);
	}
	return ok(Object.keys(config).length > 1 ? config : undefined);
}

function deepResearchConfig(options: AgentConfigOptions): AgentConfig | undefined {
	const config: AgentConfig = { type: 'deep-research' };
	if (options.thinkingSummaries !== undefined) config.thinking_summaries = options.thinkingSummaries ? 'auto' : 'none';
	if (options.visualization) config.visualization = options.visualization;
	if (options.collaborativePlanning !== undefined) config.collaborative_planning = options.collaborativePlanning;
	if (options.enableBigQueryTool !== undefined) config.enable_bigquery_tool = options.enableBigQueryTool;
	return Object.keys(config).length > 1 ? config : undefined;
}

/**
 * `agent_config` for the agent's family, or undefined when no option is set. An option of the
 * other family is an error rather than being dropped silently.
 */
export function buildAgentConfig(agent: string, options: AgentConfigOptions): ParameterCheck<AgentConfig | undefined> {
	const family = agentFamily(agent);
	const foreign = (family === 'deep-research' ? ANTIGRAVITY_OPTIONS : DEEP_RESEARCH_OPTIONS).find(([key]) =>
		isSet(options[key]),
	);
	if (foreign) {
		const kind = family === 'deep-research' ? 'a Deep Research agent' : 'Antigravity or custom agents';
		return fail(foreign[1], `this option does not apply to ${agent} (${kind}); remove it from the options`);
	}
	return family === 'deep-research' ? ok(deepResearchConfig(options)) : antigravityConfig(options);
}

/** What the Environment parameter can say. */
export type EnvironmentChoice = 'auto' | 'none' | 'remote' | 'existing' | 'config';

function parseJsonParameter(value: unknown, parameter: string): ParameterCheck<unknown> {
	const parsed = parseJsonValue(value);
	return parsed.ok ? parsed : fail(parameter, parsed.reason);
}

/**
 * An environment configuration (`{"type": "remote", "sources": […]}`) or, written as a JSON
 * string, `"remote"` / an environment id. `{}` and an empty value mean none; `type` defaults
 * to `remote`, the only kind the API has.
 */
export function parseEnvironmentJson(value: unknown, parameter: string): ParameterCheck<Environment | undefined> {
	const parsed = parseJsonParameter(value, parameter);
	if (!parsed.ok) return parsed;
	const json = parsed.value;
	if (json === undefined || json === null) return ok(undefined);
	if (typeof json === 'string') return json.trim() === '' ? ok(undefined) : ok(json.trim());
	if (!isPlainObject(json)) {
		return fail(parameter, 'it must be a JSON object such as {"type": "remote", "sources": [...]}');
	}
	if (Object.keys(json).length === 0) return ok(undefined);
	const type = json.type ?? 'remote';
	if (type !== 'remote') return fail(parameter, `"type" must be "remote", not ${JSON.stringify(type)}`);
	return ok({ ...(json as JsonObject), type: 'remote' });
}

export interface EnvironmentParameters {
	choice: EnvironmentChoice;
	environmentId?: string;
	environmentConfig?: unknown;
}

/**
 * The `environment` of an agent run. `auto` provisions a fresh sandbox for Antigravity and
 * custom agents (they need one; a custom agent forks its base environment) and sends nothing
 * for Deep Research.
 */
export function buildEnvironment(
	agent: string,
	parameters: EnvironmentParameters,
): ParameterCheck<Environment | undefined> {
	switch (parameters.choice) {
		case 'none':
			return ok(undefined);
		case 'remote':
			return ok('remote');
		case 'existing': {
			const id = parameters.environmentId?.trim() ?? '';
			if (id === '') return fail('Environment ID', 'it is empty; enter the id of an existing environment (env_…)');
			if (/\s/.test(id))
				return fail('Environment ID', `"${id}" contains spaces; an environment id is one word (env_…)`);
			return ok(id);
		}
		case 'config': {
			const parsed = parseEnvironmentJson(parameters.environmentConfig, 'Environment Configuration');
			if (parsed.ok && parsed.value === undefined) {
				return fail('Environment Configuration', 'it is empty; enter a JSON object such as {"type": "remote"}');
			}
			return parsed;
		}
		default:
			return ok(agentFamily(agent) === 'deep-research' ? undefined : 'remote');
	}
}

/**
 * A custom agent's tools: a JSON array of tool objects, each with a `type` (wire reference §3.5,
 * §10.1). Function tools are checked and cleaned like the model operations' functions.
 */
export function parseToolsJson(value: unknown, parameter: string): ParameterCheck<Tool[] | undefined> {
	const parsed = parseJsonParameter(value, parameter);
	if (!parsed.ok) return parsed;
	const json = parsed.value;
	if (json === undefined || json === null) return ok(undefined);
	const tools: Tool[] = [];
	for (const [index, tool] of (Array.isArray(json) ? json : [json]).entries()) {
		if (!isPlainObject(tool) || typeof tool.type !== 'string' || tool.type === '') {
			return fail(
				parameter,
				`tool ${index + 1} needs a "type", e.g. [{"type": "google_search"}, {"type": "code_execution"}]`,
			);
		}
		if (tool.type !== 'function') {
			tools.push(tool as unknown as Tool);
			continue;
		}
		const declared = functionTool(tool, `tool ${index + 1}`);
		if (!declared.ok) return fail(parameter, declared.reason);
		tools.push(declared.value);
	}
	return ok(tools.length > 0 ? tools : undefined);
}

export interface CustomAgentParameters extends Pick<AgentConfigOptions, 'agentModel' | 'maxTotalTokens'> {
	agentId: string;
	baseAgent: string;
	systemInstruction?: string;
	description?: string;
	tools?: unknown;
	baseEnvironment?: unknown;
}

/** The body of `POST agents`. */
export function buildCustomAgent(parameters: CustomAgentParameters): ParameterCheck<Agent> {
	const id = parameters.agentId.trim();
	if (id === '') return fail('Agent ID', 'it is empty');
	if (/[\s/]/.test(id)) {
		return fail('Agent ID', `"${id}" contains spaces or slashes; use lowercase letters, digits and dashes`);
	}
	const baseAgent = parameters.baseAgent.trim();
	if (baseAgent === '') return fail('Base Agent', 'it is empty');
	const tools = parseToolsJson(parameters.tools, 'Tools');
	if (!tools.ok) return tools;
	const environment = parseEnvironmentJson(parameters.baseEnvironment, 'Base Environment');
	if (!environment.ok) return environment;
	const config = antigravityConfig(parameters);
	if (!config.ok) return config;
	return ok({
		id,
		base_agent: baseAgent,
		...(parameters.description?.trim() ? { description: parameters.description.trim() } : {}),
		...(parameters.systemInstruction?.trim() ? { system_instruction: parameters.systemInstruction } : {}),
		...(tools.value ? { tools: tools.value } : {}),
		...(environment.value !== undefined ? { base_environment: environment.value } : {}),
		...(config.value ? { agent_config: config.value } : {}),
	});
}

/** The "Update Fields" of Update Custom Agent, as n8n hands them over. */
export interface CustomAgentUpdateFields extends Pick<AgentConfigOptions, 'agentModel' | 'maxTotalTokens'> {
	description?: string;
	systemInstruction?: string;
	tools?: unknown;
	baseEnvironment?: unknown;
}

/**
 * The body of `PATCH agents/{id}` and its `update_mask`: only the fields given change. Model and
 * token budget are one field on the wire (`agent_config`), so both are sent when either is given.
 */
export function buildCustomAgentUpdate(
	fields: CustomAgentUpdateFields,
): ParameterCheck<{ body: Partial<Agent>; updateMask: string[] }> {
	const body: Partial<Agent> = {};
	if (fields.description !== undefined) body.description = fields.description.trim();
	if (fields.systemInstruction !== undefined) body.system_instruction = fields.systemInstruction;
	if (fields.tools !== undefined) {
		const tools = parseToolsJson(fields.tools, 'Tools');
		if (!tools.ok) return tools;
		body.tools = tools.value ?? [];
	}
	if (fields.baseEnvironment !== undefined) {
		const environment = parseEnvironmentJson(fields.baseEnvironment, 'Base Environment');
		if (!environment.ok) return environment;
		if (environment.value === undefined) return fail('Base Environment', 'it is empty; enter an environment such as {"type": "remote"}');
		body.base_environment = environment.value;
	}
	if (fields.agentModel !== undefined || fields.maxTotalTokens !== undefined) {
		const config = antigravityConfig(fields);
		if (!config.ok) return config;
		if (config.value) body.agent_config = config.value;
	}
	const updateMask = Object.keys(body);
	if (updateMask.length === 0) return fail('Update Fields', 'choose at least one field to change');
	return ok({ body, updateMask });
}
