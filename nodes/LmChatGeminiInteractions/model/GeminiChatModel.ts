import type {
	ChatModel,
	ChatModelConfig,
	GenerateResult,
	Message,
	StreamChunk,
	Tool as SdkTool,
} from '@n8n/ai-node-sdk';
import type { INode, Logger } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ApiCall, ApiStreamResponse } from '../../shared/transport/client';
import { apiErrorFromMessage, apiErrorFromResponse } from '../../shared/transport/errors';
import { settle } from '../../shared/transport/resourceErrors';
import { readSse } from '../../shared/transport/sse';
import { buildModelInteractionRequest } from '../../shared/wire/request/interactionRequest';
import { continuationRequest, MAX_CONTINUATIONS, mergeHops } from '../../shared/wire/response/continuation';
import { describeFailure } from '../../shared/wire/response/status';
import { parseStreamEvent, StreamAccumulator } from '../../shared/wire/response/streamAccumulator';
import type {
	BuiltInTool,
	GenerationConfig,
	Interaction,
	InteractionInput,
	ModelInteractionRequest,
	SafetySetting,
	Step,
	Tool,
} from '../../shared/wire/types';
import { answerMessage, functionCallSteps, generateResult, tokenUsage, finishReason } from './answer';
import type { ConversationStore } from './history';
import { chainOf } from './history';
import { callNamesIn, functionDeclarations, messagesToSteps, splitSystem } from './messages';

/** The sub-node's parameters, resolved. */
export interface GeminiChatSettings {
	model: string;
	/** Keeps one workflow's conversations apart from another's (workflow, node, credential, model). */
	scope: string;
	generationConfig?: GenerationConfig;
	builtInTools: BuiltInTool[];
	safetySettings?: SafetySetting[];
	store: boolean;
	serverSideHistory: boolean;
	timeoutMs: number;
}

/** What the model needs of n8n: the API client, the node (for errors) and the logger. */
export interface ChatModelHost {
	client: { request<T>(call: ApiCall): Promise<T>; stream(call: ApiCall): Promise<ApiStreamResponse> };
	node: INode;
	logger?: Pick<Logger, 'debug' | 'info' | 'warn'>;
	conversations: ConversationStore;
	/** Told about every request body sent (for measurements). */
	onRequest?: (sent: SentRequest) => void;
}

export interface SentRequest {
	bytes: number;
	previousInteractionId?: string;
	/** How many of the conversation's messages went in this request. */
	messagesSent: number;
	messagesTotal: number;
}

/** A planned model call: the request and what to remember about it afterwards. */
interface PlannedCall {
	request: ModelInteractionRequest & { safety_settings?: SafetySetting[] };
	/** The request with the whole history, for when Google no longer has the earlier interaction. */
	fullHistory?: PlannedCall;
	chain: string[];
	messagesTotal: number;
	messagesSent: number;
}

const isSet = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

/** Settings a chain may pass per call (ChatModelConfig, and LangChain's `stop`). */
function callGenerationConfig(base: GenerationConfig | undefined, config: ChatModelConfig & { stop?: unknown }): GenerationConfig | undefined {
	const merged: GenerationConfig = { ...base };
	if (isSet(config.temperature)) merged.temperature = config.temperature;
	if (isSet(config.topP)) merged.top_p = config.topP;
	if (isSet(config.topK)) merged.top_k = config.topK;
	if (isSet(config.maxTokens)) merged.max_output_tokens = config.maxTokens;
	if (isSet(config.seed)) merged.seed = config.seed;
	const stop = config.stopSequences ?? (Array.isArray(config.stop) ? (config.stop as string[]) : undefined);
	if (stop && stop.length > 0) merged.stop_sequences = stop;
	return Object.keys(merged).length > 0 ? merged : undefined;
}

/**
 * A Gemini model behind n8n's AI nodes, through the Interactions API: each call is one
 * interaction (plus continuation hops when Google pauses a long answer).
 */
export class GeminiInteractionsChatModel implements ChatModel {
	readonly provider = 'google-gemini-interactions';
	readonly modelId: string;

	constructor(
		private readonly settings: GeminiChatSettings,
		private readonly host: ChatModelHost,
		readonly defaultConfig: ChatModelConfig = {},
		private readonly tools: SdkTool[] = [],
	) {
		this.modelId = settings.model;
	}

	withTools(tools: SdkTool[]): ChatModel {
		return new GeminiInteractionsChatModel(this.settings, this.host, this.defaultConfig, [...this.tools, ...tools]);
	}

	async generate(messages: Message[], config?: ChatModelConfig): Promise<GenerateResult> {
		const planned = this.plan(messages, config, false);
		const interaction = await this.withFullHistoryFallback(planned, (call) => this.sendUnary(call));
		return this.finish(planned, interaction);
	}

	async *stream(messages: Message[], config?: ChatModelConfig): AsyncIterable<StreamChunk> {
		const planned = this.plan(messages, config, true);
		let interaction: Interaction = {};
		let streamed = false;
		let failure: { error: unknown } | undefined;
		for await (const piece of settledPieces(this.streamHops(planned))) {
			if ('error' in piece) failure = piece;
			else if (typeof piece.value !== 'string') interaction = piece.value;
			else {
				streamed = true;
				yield { type: 'text-delta', delta: piece.value };
			}
		}
		if (failure) {
			if (streamed || !this.canFallBack(planned, failure.error)) throw failure.error;
			for await (const piece of this.streamHops(planned.fullHistory!)) {
				if (typeof piece !== 'string') interaction = piece;
				else yield { type: 'text-delta', delta: piece };
			}
		}
		const result = this.finish(planned, interaction);
		for (const call of functionCallSteps(interaction.steps)) {
			yield { type: 'tool-call-delta', id: call.id, name: call.name, argumentsDelta: JSON.stringify(call.arguments ?? {}) };
		}
		yield { type: 'finish', finishReason: finishReason(interaction), ...(result.usage ? { usage: result.usage } : {}) };
	}

	/** Builds the request: server-side history when this model sent the conversation so far, else all of it. */
	private plan(messages: Message[], config: ChatModelConfig | undefined, stream: boolean): PlannedCall {
		const { systemInstruction, history } = splitSystem(messages);
		const { conversations } = this.host;
		const chain = chainOf(this.settings.scope, history);
		const recall = (_message: Message, index: number) => conversations.recall(this.settings.scope, history, chain, index);
		const declared = functionDeclarations(this.tools);
		if (declared.problems.length > 0) {
			throw new NodeOperationError(this.host.node, `A tool connected to the agent cannot be declared to Gemini: ${declared.problems[0]}`);
		}
		const tools: Tool[] = [...declared.tools, ...this.settings.builtInTools];
		const generationConfig = callGenerationConfig(this.settings.generationConfig, { ...this.defaultConfig, ...config });

		const build = (from: number, previousInteractionId?: string): PlannedCall => {
			const mapped = messagesToSteps(history.slice(from), { recall, callNames: callNamesIn(history.slice(0, from)) }, from);
			if (mapped.problems.length > 0) throw new NodeOperationError(this.host.node, mapped.problems[0]);
			const request = buildModelInteractionRequest(
				this.settings.model,
				{
					input: mapped.steps as InteractionInput,
					previousInteractionId,
					systemInstruction,
					tools,
					store: this.settings.store,
					stream,
				},
				generationConfig,
			);
			return {
				request: { ...request, ...(this.settings.safetySettings ? { safety_settings: this.settings.safetySettings } : {}) },
				chain,
				messagesTotal: history.length,
				messagesSent: history.length - from,
			};
		};

		const full = build(0);
		if (!this.settings.serverSideHistory || !this.settings.store) return full;
		const match = conversations.findPrefix(history, chain);
		if (!match || match.index === history.length - 1) return full;
		return { ...build(match.index + 1, match.interactionId), fullHistory: full };
	}

	private async withFullHistoryFallback(planned: PlannedCall, send: (call: PlannedCall) => Promise<Interaction>): Promise<Interaction> {
		const first = await settle(send(planned));
		if (first.ok) return first.value;
		if (!this.canFallBack(planned, first.error)) throw first.error;
		return await send(planned.fullHistory!);
	}

	/** Google no longer has the interaction named in `previous_interaction_id` (deleted or expired): send it all. */
	private canFallBack(planned: PlannedCall, error: unknown): boolean {
		if (!planned.fullHistory || String((error as { httpCode?: unknown })?.httpCode) !== '404') return false;
		this.host.logger?.info('Gemini Interactions: the earlier interaction is gone; sending the whole conversation', {
			previousInteractionId: planned.request.previous_interaction_id,
		});
		return true;
	}

	private announce(planned: PlannedCall, body: object): void {
		const sent: SentRequest = {
			bytes: Buffer.byteLength(JSON.stringify(body)),
			...(planned.request.previous_interaction_id ? { previousInteractionId: planned.request.previous_interaction_id } : {}),
			messagesSent: planned.messagesSent,
			messagesTotal: planned.messagesTotal,
		};
		this.host.logger?.debug('Gemini Interactions chat model request', { ...sent });
		this.host.onRequest?.(sent);
	}

	private call(body: object): ApiCall {
		return { method: 'POST', path: 'interactions', body, timeoutMs: this.settings.timeoutMs };
	}

	private async sendUnary(planned: PlannedCall): Promise<Interaction> {
		const hops: Interaction[] = [];
		let request: ModelInteractionRequest | undefined = planned.request;
		while (request && hops.length <= MAX_CONTINUATIONS) {
			this.announce(planned, request);
			const hop = await this.host.client.request<Interaction>(this.call(request));
			hops.push(hop);
			request = continuationRequest(planned.request, hop) as ModelInteractionRequest | undefined;
		}
		return mergeHops(hops);
	}

	/** Streams each hop: yields answer text as it arrives, then the whole interaction. */
	private async *streamHops(planned: PlannedCall): AsyncGenerator<string | Interaction> {
		const hops: Interaction[] = [];
		let request: ModelInteractionRequest | undefined = planned.request;
		while (request && hops.length <= MAX_CONTINUATIONS) {
			this.announce(planned, request);
			const response = await this.host.client.stream(this.call(request));
			let hop: Interaction;
			if (response.events) {
				const accumulator = new StreamAccumulator();
				for await (const sse of readSse(response.events)) {
					const event = parseStreamEvent(sse.data, sse.event);
					if (!event) continue;
					const applied = accumulator.apply(event, sse.id);
					if (applied.error) throw this.streamError(applied.error);
					if (applied.text) yield applied.text;
				}
				hop = accumulator.interaction;
			} else {
				// A gateway that ignores `stream: true` answers with the interaction as JSON: its text is one chunk.
				hop = response.json as Interaction;
				const text = answerMessage(hop).content.find((block) => block.type === 'text');
				if (text?.type === 'text') yield text.text;
			}
			hops.push(hop);
			request = continuationRequest(planned.request, hop) as ModelInteractionRequest | undefined;
		}
		yield mergeHops(hops);
	}

	private streamError(error: { code?: string; message?: string }): Error {
		return apiErrorFromResponse(this.host.node, { status: 500, body: { error }, method: 'POST', path: 'interactions (stream)' });
	}

	/** Checks the outcome, remembers the answer and shapes it for n8n. */
	private finish(planned: PlannedCall, interaction: Interaction): GenerateResult {
		const failure = describeFailure(interaction, ['failed', 'cancelled']);
		if (failure) throw apiErrorFromMessage(this.host.node, failure.message, failure.description);
		const steps: Step[] = interaction.steps ?? [];
		this.host.conversations.remember(this.settings.scope, planned.chain, answerMessage(interaction), {
			...(interaction.id && this.settings.store ? { interactionId: interaction.id } : {}),
			steps,
		});
		const usage = tokenUsage(interaction.usage);
		this.host.logger?.debug('Gemini Interactions chat model answer', {
			interactionId: interaction.id,
			status: interaction.status,
			functionCalls: functionCallSteps(steps).length,
			...(usage ? { usage } : {}),
		});
		return generateResult(interaction);
	}
}

/** The values of a generator, then its error as a value (so the caller decides what to do with it). */
async function* settledPieces<T>(pieces: AsyncGenerator<T>): AsyncGenerator<{ value: T } | { error: unknown }> {
	try {
		for await (const value of pieces) yield { value };
	} catch (error) {
		yield { error };
	}
}
