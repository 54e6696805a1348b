import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { GeminiApiClient } from '../../shared/transport/client';
import type { InlineData } from '../../shared/wire/request/inlineData';
import type { Parsed } from '../../shared/wire/request/jsonParameter';
import { userContent } from '../../shared/wire/request/media';
import type { BuiltInToolValues, FunctionDeclarationInput } from '../../shared/wire/request/tools';
import { builtInTools, duplicateFunctionName, functionTool, parseFunctionDeclarations } from '../../shared/wire/request/tools';
import type { TurnOptionValues } from '../../shared/wire/request/turnOptions';
import type { InteractionInput, ResponseFormat, Tool } from '../../shared/wire/types';
import type { AttachmentOptions } from './files';
import { readAttachments } from './files';
import type { ConnectedTool } from './toolLoop';
import { declareTools, getConnectedTools } from './toolLoop';

/** The options collection of Create, Continue Conversation and Submit Function Results. */
export interface ChatTurnOptionValues extends TurnOptionValues, AttachmentOptions {
	functionCallOutput?: 'oneItem' | 'itemPerCall';
	functionsJson?: unknown;
	maxToolIterations?: number;
	outputBinaryField?: string;
	outputTypes?: Array<'text' | 'image' | 'audio'>;
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
	connected: ConnectedTool[];
	/** Bytes of the attached files, spliced into the body when it is sent. */
	inline: InlineData[];
}

function unwrap<T>(ctx: IExecuteFunctions, itemIndex: number, parsed: Parsed<T>, parameter: string): T {
	if (parsed.ok) return parsed.value;
	throw new NodeOperationError(ctx.getNode(), `The parameter "${parameter}" is invalid: ${parsed.reason}`, { itemIndex });
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

/** `response_format` for the chosen output types; only text needs none. */
function outputFormats(types: ChatTurnOptionValues['outputTypes']): ResponseFormat[] | undefined {
	const chosen = (types ?? []).filter((type) => ['text', 'image', 'audio'].includes(type));
	if (chosen.length === 0 || (chosen.length === 1 && chosen[0] === 'text')) return undefined;
	return chosen.map((type) => ({ type }));
}

/** Everything a chat turn adds to a model turn: tools, files with the input, output types. */
export async function prepareChatTurn(
	ctx: IExecuteFunctions,
	itemIndex: number,
	options: ChatTurnOptionValues,
	input: InteractionInput | undefined,
	parts: ChatTurnParts,
	client: GeminiApiClient,
): Promise<PreparedChatTurn> {
	const { tools, connected } = await readTools(ctx, itemIndex, options, parts.connectedTools);
	const { media, inline } = parts.attachments ? await readAttachments(ctx, itemIndex, options, client) : { media: [], inline: [] };
	return {
		input: typeof input === 'string' ? userContent(input, media) : input,
		tools,
		responseFormat: outputFormats(options.outputTypes),
		connected,
		inline,
	};
}
