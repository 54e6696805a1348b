import type { IDataObject } from 'n8n-workflow';

import type { FunctionCallStep, Interaction } from '../types';
import { outputText, thoughtSummaries } from './outputText';
import { citations, sources } from './sources';

/**
 * What the node adds beside the API's answer: a model substitution notice, a parsed object,
 * where the returned files went, and the calls it made to connected tools.
 */
export interface SimplifyExtras {
	notice?: string;
	modelSubstitution?: IDataObject;
	output?: unknown;
	files?: IDataObject[];
	toolCalls?: IDataObject[];
}

/**
 * The function calls of the turn as `{ id, name, args }`. Not `arguments`: n8n's expressions refuse
 * that name (`$json.arguments` fails with "Cannot access "arguments" due to security concerns").
 */
export function functionCalls(interaction: Interaction): Array<{ id: string; name: string; args: IDataObject }> {
	return (interaction.steps ?? [])
		.filter((step): step is FunctionCallStep => step.type === 'function_call')
		.map((step) => ({ id: step.id, name: step.name, args: (step.arguments ?? {}) as IDataObject }));
}

/** `{ id, status, text, usage, model }` plus what is present: thoughts, function calls, environment. */
export function simplifyInteraction(interaction: Interaction, extras: SimplifyExtras = {}): IDataObject {
	const simplified: IDataObject = {
		id: interaction.id ?? null,
		status: interaction.status ?? null,
		text: outputText(interaction.steps),
	};
	if (extras.output !== undefined) simplified.output = extras.output as IDataObject;
	const thoughts = thoughtSummaries(interaction.steps);
	if (thoughts.length > 0) simplified.thoughts = thoughts;
	const calls = functionCalls(interaction);
	if (calls.length > 0) simplified.functionCalls = calls;
	if (extras.toolCalls?.length) simplified.toolCalls = extras.toolCalls;
	const cited = citations(interaction);
	if (cited.length > 0) simplified.citations = cited;
	const used = sources(interaction);
	if (used.length > 0) simplified.sources = used;
	if (extras.files?.length) simplified.files = extras.files;
	simplified.usage = (interaction.usage ?? null) as IDataObject | null;
	if (interaction.agent) simplified.agent = interaction.agent;
	else simplified.model = interaction.model ?? null;
	if (interaction.environment_id) simplified.environmentId = interaction.environment_id;
	if (extras.notice) simplified.notice = extras.notice;
	if (extras.modelSubstitution) simplified.modelSubstitution = extras.modelSubstitution;
	return simplified;
}

/** An echoed MCP server's headers hold credentials: keep their names only. */
function redactEchoedTools(tools: unknown): unknown {
	if (!Array.isArray(tools)) return tools;
	return tools.map((tool: IDataObject) =>
		tool && typeof tool.headers === 'object' && tool.headers !== null
			? { ...tool, headers: Object.fromEntries(Object.keys(tool.headers).map((name) => [name, '[redacted]'])) }
			: tool,
	);
}

/** The raw interaction for `simplify: off`, with the node's notices kept visible. */
export function rawInteraction(interaction: Interaction, extras: SimplifyExtras = {}): IDataObject {
	return {
		...(interaction as IDataObject),
		...(interaction.tools !== undefined ? { tools: redactEchoedTools(interaction.tools) as IDataObject[] } : {}),
		...(extras.output !== undefined ? { output: extras.output as IDataObject } : {}),
		...(extras.toolCalls?.length ? { toolCalls: extras.toolCalls } : {}),
		...(extras.notice ? { notice: extras.notice } : {}),
		...(extras.modelSubstitution ? { modelSubstitution: extras.modelSubstitution } : {}),
	};
}
