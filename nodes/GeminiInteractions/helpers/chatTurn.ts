import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { GeminiApiClient } from '../../shared/transport/client';
import type { InlineData } from '../../shared/wire/request/inlineData';
import { userContent } from '../../shared/wire/request/media';
import type { OutputFormatValues } from '../../shared/wire/request/outputFormat';
import { buildOutputFormat } from '../../shared/wire/request/outputFormat';
import type { BuiltInToolValues, FunctionDeclarationInput, ToolChoiceValues } from '../../shared/wire/request/tools';
import {
	buildToolChoice,
	builtInTools,
	duplicateFunctionName,
	functionTool,
	parseFunctionDeclarations,
} from '../../shared/wire/request/tools';
import type { TurnOptionValues } from '../../shared/wire/request/turnOptions';
import type { GenerationConfig, InteractionInput, ResponseFormat, Tool } from '../../shared/wire/types';
import type { AttachmentOptions } from './files';
import { readAttachments } from './files';
import type { RequestExtraValues } from './requestExtras';
import { parameterValue as unwrap } from './requestExtras';
import type { ConnectedTool } from './toolLoop';
import { declareTools, getConnectedTools } from './toolLoop';

/** The options collection of Create, Continue Conversation and Submit Function Results. */
export interface ChatTurnOptionValues
	extends TurnOptionValues,
		AttachmentOptions,
		RequestExtraValues,
		OutputFormatValues,
		ToolChoiceValues {
	functionCallOutput?: 'oneItem' | 'itemPerCall';
	functionsJson?: unknown;
	maxToolIterations?: number;
	outputBinaryField?: string;
}

export interface ChatTurnParts {
	/** Whether the item's files and URLs go with the input (not for Submit Function Results). */
	attachments: boolean;
	/** Whether tools on the Tools input are called by the node (Create and Continue Conversation). */
	connectedTools: boolean;
}

export interface PreparedChatTurn {
	input?: InteractionInput;
	tools: Tool[];
	responseFormat?: ResponseFormat[];
	/** `tool_choice` and `speech_config`, added to the turn's generation config. */
	generationConfig: Pick<GenerationConfig, 'tool_choice' | 'speech_config'>;
	connected: ConnectedTool[];
	/** Bytes of the attached files, spliced into the body when it is sent. */
	inline: InlineData[];
}

/** Functions from the UI list and the JSON option, built-in tools, and the connected tools' declarations. */
async function readTools(
	ctx: IExecuteFunctions,
	itemIndex: number,
	options: ChatTurnOptionValues,
	withConnected: boolean,
): Promise<{ tools: Tool[]; connected: ConnectedTool[] }> {
	const listed = ctx.getNodeParameter('functions.function', itemIndex, []) as FunctionDeclarationInput[];
	const declared = listed.map((entry, index) =>
		unwrap(ctx, itemIndex, functionTool(entry, `function ${index + 1}`), 'Functions'),
	);
	declared.push(...unwrap(ctx, itemIndex, parseFunctionDeclarations(options.functionsJson), 'Functions (JSON)'));
	const builtIn = unwrap(
		ctx,
		itemIndex,
		builtInTools(ctx.getNodeParameter('builtInTools', itemIndex, {}) as BuiltInToolValues),
		'Built-in Tools',
	);
	const connected = withConnected ? await getConnectedTools(ctx, itemIndex) : [];
	const tools: Tool[] = [...declared, ...declareTools(ctx, itemIndex, connected), ...builtIn];
	const duplicate = duplicateFunctionName(tools);
	if (duplicate) {
		throw new NodeOperationError(ctx.getNode(), `Two functions are named "${duplicate}"`, {
			itemIndex,
			description: 'Function names must be unique across Functions, Functions (JSON) and the connected tools.',
		});
	}
	return { tools, connected };
}

/** Everything a chat turn adds to a model turn: tools and tool choice, files with the input, output types and voice. */
export async function prepareChatTurn(
	ctx: IExecuteFunctions,
	itemIndex: number,
	options: ChatTurnOptionValues,
	input: InteractionInput | undefined,
	parts: ChatTurnParts,
	client: GeminiApiClient,
): Promise<PreparedChatTurn> {
	const { tools, connected } = await readTools(ctx, itemIndex, options, parts.connectedTools);
	const toolChoice = unwrap(ctx, itemIndex, buildToolChoice(options, tools), 'Tool Choice');
	const output = unwrap(ctx, itemIndex, buildOutputFormat(options), 'Output Types');
	const { media, inline } = parts.attachments ? await readAttachments(ctx, itemIndex, options, client) : { media: [], inline: [] };
	return {
		input: typeof input === 'string' ? userContent(input, media) : input,
		tools,
		responseFormat: output.responseFormat,
		generationConfig: {
			...(toolChoice !== undefined ? { tool_choice: toolChoice } : {}),
			...(output.speechConfig ? { speech_config: output.speechConfig } : {}),
		},
		connected,
		inline,
	};
}
