import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { cleanSchemaForGemini } from '../../shared/wire/request/schemaCleaning';
import { functionResultStep, functionTool } from '../../shared/wire/request/tools';
import { toolSchemaToJsonSchema } from '../../shared/wire/request/zodSchema';
import { functionCalls } from '../../shared/wire/response/simplify';
import { addUsage } from '../../shared/wire/response/usage';
import { ExecutionCancelledError } from '../../shared/transport/cancellableSleep';
import type { FunctionResultStep, FunctionTool, Interaction } from '../../shared/wire/types';

/** A tool connected to the node's Tools input (a LangChain tool, duck-typed). */
export interface ConnectedTool {
	name: string;
	description?: string;
	schema?: unknown;
	invoke(input: unknown): Promise<unknown>;
}

const isTool = (value: unknown): value is ConnectedTool =>
	typeof value === 'object' &&
	value !== null &&
	typeof (value as ConnectedTool).name === 'string' &&
	typeof (value as ConnectedTool).invoke === 'function';

/** Toolkits (MCP Client Tool and similar) hand out several tools through `getTools()`. */
function flatten(value: unknown): unknown[] {
	if (Array.isArray(value)) return value.flatMap(flatten);
	const toolkit = value as { getTools?: () => unknown };
	if (value && typeof toolkit.getTools === 'function') return flatten(toolkit.getTools());
	return value === undefined || value === null ? [] : [value];
}

function hasToolInput(ctx: IExecuteFunctions): boolean {
	if (typeof ctx.getNodeInputs !== 'function') return false;
	return ctx.getNodeInputs().some((input) => input.type === 'ai_tool');
}

/** The tools connected to this node for the item, checked for unique, valid names. */
export async function getConnectedTools(ctx: IExecuteFunctions, itemIndex: number): Promise<ConnectedTool[]> {
	if (!hasToolInput(ctx)) return [];
	const tools = flatten(await ctx.getInputConnectionData('ai_tool', itemIndex));
	const seen = new Set<string>();
	for (const tool of tools) {
		if (!isTool(tool)) {
			throw new NodeOperationError(ctx.getNode(), 'A connected tool cannot be used: it has no name or cannot be called', {
				itemIndex,
			});
		}
		if (seen.has(tool.name)) {
			throw new NodeOperationError(ctx.getNode(), `Two connected tools are named "${tool.name}"`, {
				itemIndex,
				description: 'Gemini needs a unique name per tool: rename one of the tool nodes.',
			});
		}
		seen.add(tool.name);
	}
	return tools as ConnectedTool[];
}

/** Function declarations for the connected tools, with schemas converted and cleaned for Gemini. */
export function declareTools(ctx: IExecuteFunctions, itemIndex: number, tools: ConnectedTool[]): FunctionTool[] {
	return tools.map((tool) => {
		const declared = functionTool(
			{ name: tool.name, description: tool.description, parameters: cleanSchemaForGemini(toolSchemaToJsonSchema(tool.schema)) },
			`The connected tool "${tool.name}"`,
		);
		if (!declared.ok) {
			throw new NodeOperationError(ctx.getNode(), `The connected tool "${tool.name}" cannot be declared to Gemini`, {
				itemIndex,
				description: `${declared.reason}. Rename the tool node.`,
			});
		}
		return declared.value;
	});
}

export interface ToolLoopOptions {
	tools: ConnectedTool[];
	maxIterations: number;
	/** Sends the results of one round as the next turn of the conversation. */
	submit(results: FunctionResultStep[], previousInteractionId: string): Promise<Interaction>;
}

export interface ToolLoopResult {
	interaction: Interaction;
	/** Every call the node made: tool, arguments (`args`), result. */
	toolCalls: IDataObject[];
	notice?: string;
}

async function invokeTool(tool: ConnectedTool, args: IDataObject): Promise<{ result: unknown; isError: boolean }> {
	try {
		return { result: await tool.invoke(args), isError: false };
	} catch (error) {
		// The model sees the failure and can try again or answer without the tool.
		return { result: `Error: ${(error as Error).message ?? String(error)}`, isError: true };
	}
}

/**
 * While the model asks for connected tools only, calls them and submits their results with
 * `previous_interaction_id`, for at most `maxIterations` rounds. A call to a function that is not
 * a connected tool ends the loop: the workflow answers it with Submit Function Results.
 */
export async function runToolLoop(
	ctx: IExecuteFunctions,
	itemIndex: number,
	first: Interaction,
	options: ToolLoopOptions,
): Promise<ToolLoopResult> {
	const byName = new Map(options.tools.map((tool) => [tool.name, tool]));
	const cancelSignal = ctx.getExecutionCancelSignal?.();
	const toolCalls: IDataObject[] = [];
	let interaction = first;
	// Every round is billed: the output reports the whole loop's usage, not the last round's.
	let usage = first.usage;
	const withTotalUsage = () => ({ ...interaction, usage });
	for (let round = 0; ; round++) {
		const calls = functionCalls(interaction);
		if (calls.length === 0 || !calls.every((call) => byName.has(call.name))) {
			return { interaction: withTotalUsage(), toolCalls };
		}
		if (round >= options.maxIterations) {
			return {
				interaction: withTotalUsage(),
				toolCalls,
				notice: `Stopped after ${options.maxIterations} rounds of tool calls ("Max Tool Rounds"); the model still asks for ${calls.map((call) => call.name).join(', ')}.`,
			};
		}
		if (cancelSignal?.aborted) throw new ExecutionCancelledError();
		if (!interaction.id) {
			throw new NodeOperationError(ctx.getNode(), 'Connected tools need the interaction to be stored', {
				itemIndex,
				description: 'Turn "Store Interaction" on: the node sends tool results as the next turn of the stored conversation.',
			});
		}
		const results: FunctionResultStep[] = [];
		for (const call of calls) {
			const { result, isError } = await invokeTool(byName.get(call.name)!, call.args);
			const step = functionResultStep(call.id, call.name, result, isError);
			results.push(step);
			toolCalls.push({ id: call.id, name: call.name, args: call.args, result: step.result as IDataObject, ...(isError ? { isError } : {}) });
		}
		interaction = await options.submit(results, interaction.id);
		usage = addUsage(usage, interaction.usage);
	}
}
