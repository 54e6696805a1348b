import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { ChatTurnOptionValues, ChatTurnParts, PreparedChatTurn } from '../../helpers/chatTurn';
import { prepareChatTurn } from '../../helpers/chatTurn';
import { openChatStream } from '../../../shared/host/chatStream';
import { filesToBinary } from '../../helpers/files';
import type { ToolLoopResult } from '../../helpers/toolLoop';
import { runToolLoop } from '../../helpers/toolLoop';
import { readRequestExtras, withAdditionalFields } from '../../helpers/requestExtras';
import { reportTokenUsage } from '../../../shared/host/tokenUsage';
import { blockedAnswer } from '../../../shared/wire/response/blocked';
import { encodeJsonBody } from '../../../shared/wire/request/inlineData';
import { buildModelInteractionRequest } from '../../../shared/wire/request/interactionRequest';
import type { TurnSettings } from '../../../shared/wire/request/interactionRequest';
import { chooseModel } from '../../../shared/wire/request/modelSelection';
import type { TurnOptionValues } from '../../../shared/wire/request/turnOptions';
import { turnTimeoutMs } from '../../../shared/wire/request/serviceTier';
import { buildGenerationConfig, systemInstruction } from '../../../shared/wire/request/turnOptions';
import { fileSummaries, outputFiles, withoutInlineMedia } from '../../../shared/wire/response/media';
import { outputText } from '../../../shared/wire/response/outputText';
import type { SimplifyExtras } from '../../../shared/wire/response/simplify';
import { describeFailure } from '../../../shared/wire/response/status';
import { parseStructuredText } from '../../../shared/wire/response/structuredOutput';
import { turnOutputJson } from '../../../shared/wire/response/turnOutput';
import type { GeminiApiClient } from '../../../shared/transport/client';
import { sendModelTurn } from '../../../shared/interactions/streamTurn';
import type { Interaction } from '../../../shared/wire/types';
import { TIMEOUT_SECONDS } from '../timeouts';
import { maxToolIterationsOption } from '../toolDescriptions';

export interface ModelTurn {
	settings: Omit<TurnSettings, 'systemInstruction' | 'store' | 'tools'>;
	/** Parse the answer as JSON into `output` (structured output). */
	parseJson?: boolean;
	/** Create, Continue Conversation and Submit Function Results: tools, files, streaming to the chat. */
	chat?: ChatTurnParts;
}

/** Create and Continue Conversation: the item's files go with the input; connected tools are run. */
export const CHAT_TURN: ChatTurnParts = { attachments: true, connectedTools: true };

export function readTurnOptions(ctx: IExecuteFunctions, itemIndex: number): TurnOptionValues {
	return ctx.getNodeParameter('options', itemIndex, {}) as TurnOptionValues;
}

export function readRequiredText(ctx: IExecuteFunctions, name: string, label: string, itemIndex: number): string {
	const value = ctx.getNodeParameter(name, itemIndex, '') as unknown;
	const text = typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value);
	if (text.trim() === '') {
		throw new NodeOperationError(ctx.getNode(), `The parameter "${label}" is empty`, {
			itemIndex,
			description: `Enter a value for "${label}", or check that the expression resolves for item ${itemIndex}.`,
		});
	}
	return text;
}

function readModel(ctx: IExecuteFunctions, itemIndex: number, options: TurnOptionValues) {
	const requested = ctx.getNodeParameter('model', itemIndex, '', { extractValue: true }) as string;
	if (!requested || requested.trim() === '') {
		throw new NodeOperationError(ctx.getNode(), 'The parameter "Model" is empty', { itemIndex });
	}
	return chooseModel(requested, options.replaceDeprecatedModels !== false);
}

/** Shapes the final interaction into output items: JSON (per call, when asked) and returned files as binary. */
async function outputItems(
	ctx: IExecuteFunctions,
	itemIndex: number,
	interaction: Interaction,
	options: ChatTurnOptionValues,
	extras: SimplifyExtras,
): Promise<INodeExecutionData[]> {
	const files = outputFiles(interaction, options.outputBinaryField?.trim() || 'data');
	const binary = await filesToBinary(ctx, files);
	if (files.length > 0) extras.files = fileSummaries(files);
	const json = turnOutputJson(withoutInlineMedia(interaction, files), {
		simplify: ctx.getNodeParameter('simplify', itemIndex, true) as boolean,
		itemPerCall: options.functionCallOutput === 'itemPerCall',
		extras,
	});
	// The router pairs them with the item (or the items, for grouped operations).
	return json.map((entry, index) => ({ json: entry, ...(binary && index === 0 ? { binary } : {}) }));
}

/**
 * Sends one model turn and shapes the answer into output items. Chat turns also declare tools,
 * attach the item's files, stream answer text to a streaming chat, and run connected tools.
 */
export async function runModelTurn(
	ctx: IExecuteFunctions,
	itemIndex: number,
	client: GeminiApiClient,
	turn: ModelTurn,
): Promise<INodeExecutionData[]> {
	const options = readTurnOptions(ctx, itemIndex) as ChatTurnOptionValues;
	const { model, substitution } = readModel(ctx, itemIndex, options);
	const chatTurn: PreparedChatTurn | undefined = turn.chat
		? await prepareChatTurn(ctx, itemIndex, options, turn.settings.input, turn.chat, client)
		: undefined;
	const requestExtras = readRequestExtras(ctx, itemIndex, options);
	const generationConfig = { ...buildGenerationConfig(options), ...chatTurn?.generationConfig };
	const request = withAdditionalFields(
		ctx,
		itemIndex,
		buildModelInteractionRequest(
			model,
			{
				...turn.settings,
				input: chatTurn ? chatTurn.input : turn.settings.input,
				tools: chatTurn?.tools,
				responseFormat: turn.settings.responseFormat ?? chatTurn?.responseFormat,
				systemInstruction: systemInstruction(options),
				store: options.store,
				serviceTier: options.serviceTier,
				safetySettings: requestExtras.safetySettings,
				labels: requestExtras.labels,
			},
			Object.keys(generationConfig).length > 0 ? generationConfig : undefined,
		),
		requestExtras,
	);

	const chat = turn.chat ? openChatStream(ctx, itemIndex) : undefined;
	// Attached files go with the first request only; letting go of them afterwards frees their memory.
	let files = chatTurn?.inline.splice(0) ?? [];
	const send = async (body: typeof request) => {
		const inline = files;
		files = [];
		return await sendModelTurn(ctx, client, body, {
			itemIndex,
			timeoutMs: turnTimeoutMs(options.timeout, options.serviceTier, TIMEOUT_SECONDS.modelTurn),
			chat,
			encode: inline.length > 0 ? (ready) => encodeJsonBody(ready, inline) : undefined,
		});
	};
	let result: ToolLoopResult;
	try {
		const first = await send(request);
		result = chatTurn?.connected.length
			? await runToolLoop(ctx, itemIndex, first, {
					tools: chatTurn.connected,
					maxIterations: options.maxToolIterations ?? (maxToolIterationsOption.default as number),
					submit: async (results, previousInteractionId) =>
						await send({ ...request, input: results, previous_interaction_id: previousInteractionId }),
				})
			: { interaction: first, toolCalls: [] };
	} finally {
		chat?.end();
	}
	const { interaction } = result;
	reportTokenUsage(ctx, interaction.usage);

	const blocked = blockedAnswer(interaction);
	if (blocked) {
		const what = blocked.category ? `${blocked.code}: ${blocked.category}` : blocked.code;
		throw new NodeApiError(ctx.getNode(), interaction as IDataObject as never, {
			message: `Google blocked the answer (${what})`,
			description: [
				blocked.message ? `Google said: ${blocked.message}` : undefined,
				blocked.code === 'safety' || blocked.code === 'image_safety'
					? `Change the input, or relax "Safety Settings" for ${blocked.category ?? 'that category'} if your use allows it.`
					: 'Change the input and try again.',
				interaction.id ? `Interaction ID: ${interaction.id}.` : undefined,
			]
				.filter(Boolean)
				.join(' '),
			itemIndex,
		});
	}

	const failure = describeFailure(interaction, ['failed']);
	if (failure) {
		throw new NodeApiError(ctx.getNode(), interaction as IDataObject as never, { ...failure, itemIndex });
	}

	const notices = [substitution?.reason, result.notice].filter((notice): notice is string => !!notice);
	const extras: SimplifyExtras = {
		...(notices.length > 0 ? { notice: notices.join(' ') } : {}),
		...(substitution ? { modelSubstitution: { ...substitution } } : {}),
		...(result.toolCalls.length > 0 ? { toolCalls: result.toolCalls } : {}),
	};
	if (turn.parseJson) {
		const parsed = parseStructuredText(outputText(interaction.steps));
		if (!parsed.ok) {
			throw new NodeOperationError(ctx.getNode(), 'The model\'s answer is not valid JSON', {
				itemIndex,
				description: `Parsing failed (${parsed.reason}). The raw answer was: ${parsed.raw}`,
			});
		}
		extras.output = parsed.value;
	}
	return await outputItems(ctx, itemIndex, interaction, options, extras);
}
