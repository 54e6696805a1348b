import type { IExecuteFunctions, INode } from 'n8n-workflow';

import type { ChatStream } from '../host/chatStream';
import { outputText } from '../wire/response/outputText';
import { continuationRequest, MAX_CONTINUATIONS, mergeHops } from '../wire/response/continuation';
import { parseStreamEvent, StreamAccumulator } from '../wire/response/streamAccumulator';
import type { Interaction, InteractionRequest } from '../wire/types';
import type { GeminiApiClient } from '../transport/client';
import { resourcePath } from '../transport/client';
import { ExecutionCancelledError } from '../transport/cancellableSleep';
import { apiErrorFromMessage } from '../transport/errors';
import { DONE_SENTINEL, readSse } from '../transport/sse';

/** Turns the request into the body to send: the request itself, or pre-encoded JSON (inline files). */
export type BodyEncoder = (request: InteractionRequest) => object;

export interface StreamTurnOptions {
	node: INode;
	encode?: BodyEncoder;
	itemIndex: number;
	timeoutMs: number;
	chat: ChatStream;
	cancelSignal?: AbortSignal;
	/** How often a dropped stream is picked up again with `last_event_id`. */
	maxResumes?: number;
}

type StreamOutcome =
	| { kind: 'completed' }
	| { kind: 'error'; code?: string; message?: string }
	| { kind: 'cancelled' }
	| { kind: 'dropped'; reason: string };

const DEFAULT_MAX_RESUMES = 3;

/**
 * Forwards answer text to the chat once: when a resumed stream starts over (a server that sends
 * no event ids cannot resume in the middle), the text the chat already has is not sent again.
 */
class AnswerForwarder {
	/** Answer characters the chat has received. */
	private sent = 0;
	/** Answer characters seen in the current pass over the stream. */
	private position = 0;

	constructor(private readonly chat: ChatStream) {}

	text(delta: string): void {
		this.position += delta.length;
		if (this.position <= this.sent) return;
		this.chat.text(delta.slice(delta.length - (this.position - this.sent)));
		this.sent = this.position;
	}

	startOver(): void {
		this.position = 0;
	}
}

/** Applies the events of one SSE body, forwarding answer text as it comes; never throws. */
async function consume(
	events: AsyncIterable<Buffer | string>,
	accumulator: StreamAccumulator,
	chat: AnswerForwarder,
	cancelSignal: AbortSignal | undefined,
): Promise<StreamOutcome> {
	try {
		for await (const sse of readSse(events)) {
			if (cancelSignal?.aborted) return { kind: 'cancelled' };
			if (sse.data === DONE_SENTINEL) break;
			const event = parseStreamEvent(sse.data, sse.event);
			if (!event) continue;
			const applied = accumulator.apply(event, sse.id);
			if (applied.text) chat.text(applied.text);
			if (applied.error) return { kind: 'error', ...applied.error };
			if (applied.done) return { kind: 'completed' };
		}
		return { kind: 'dropped', reason: 'the stream ended before the interaction completed' };
	} catch (error) {
		return { kind: 'dropped', reason: (error as Error).message || String(error) };
	}
}

/**
 * One model turn over SSE: sends `stream: true`, rebuilds the interaction from the events while
 * forwarding answer text to the chat, and resumes a dropped stream from the last event it saw
 * (`GET interactions/{id}?stream=true&last_event_id=…`). A server `error` event is a NodeApiError.
 */
export async function streamTurn(
	client: GeminiApiClient,
	request: InteractionRequest,
	options: StreamTurnOptions,
): Promise<Interaction> {
	const { node, itemIndex, timeoutMs, chat, cancelSignal } = options;
	const first = await client.stream({
		method: 'POST',
		path: 'interactions',
		body: (options.encode ?? ((body) => body))({ ...request, stream: true }),
		timeoutMs,
		itemIndex,
	});
	if (first.events === undefined) {
		// A gateway that ignores `stream: true` answers with the finished interaction.
		const interaction = (first.json ?? {}) as Interaction;
		chat.text(outputText(interaction.steps));
		return interaction;
	}

	let accumulator = new StreamAccumulator();
	const forwarder = new AnswerForwarder(chat);
	let events = first.events;
	for (let resumes = 0; ; resumes++) {
		const outcome = await consume(events, accumulator, forwarder, cancelSignal);
		if (outcome.kind === 'completed') return accumulator.interaction;
		if (outcome.kind === 'cancelled') throw new ExecutionCancelledError();
		if (outcome.kind === 'error') {
			const message = outcome.message || 'The Gemini API reported an error in the stream';
			throw apiErrorFromMessage(
				node,
				message,
				`The stream of interaction ${accumulator.interaction.id ?? '(not stored)'} ended with an error event${outcome.code ? ` (${outcome.code})` : ''}.`,
				itemIndex,
			);
		}
		const id = accumulator.interaction.id;
		if (!id || resumes >= (options.maxResumes ?? DEFAULT_MAX_RESUMES)) {
			throw apiErrorFromMessage(
				node,
				'The Gemini API stream broke off before the answer was complete',
				`${outcome.reason}. ${id ? `It was resumed ${resumes} times; fetch interaction ${id} with Interaction → Get.` : 'Without a stored interaction it cannot be resumed.'}`,
				itemIndex,
			);
		}
		const lastEventId = accumulator.lastEventId;
		const resumed = await client.stream({
			method: 'GET',
			path: resourcePath('interactions', id),
			qs: { stream: true, ...(lastEventId ? { last_event_id: lastEventId } : {}) },
			timeoutMs,
			itemIndex,
		});
		if (resumed.events === undefined) return (resumed.json ?? accumulator.interaction) as Interaction;
		if (!lastEventId) {
			// Without event ids the server replays the interaction from its start: rebuild it afresh.
			accumulator = new StreamAccumulator();
			forwarder.startOver();
		}
		events = resumed.events;
	}
}

/** Sends one request of a model turn: streamed when a chat is listening, else in one response. */
async function sendHop(
	ctx: IExecuteFunctions,
	client: GeminiApiClient,
	request: InteractionRequest,
	options: { itemIndex: number; timeoutMs: number; chat?: ChatStream; encode?: BodyEncoder },
): Promise<Interaction> {
	const { itemIndex, timeoutMs, chat, encode } = options;
	if (!chat?.active) {
		const body = encode ? encode(request) : request;
		return await client.request<Interaction>({ method: 'POST', path: 'interactions', body, timeoutMs, itemIndex });
	}
	return await streamTurn(client, request, {
		node: ctx.getNode(),
		encode,
		itemIndex,
		timeoutMs,
		chat,
		cancelSignal: ctx.getExecutionCancelSignal?.(),
	});
}

/**
 * Sends a model turn (streamed when a chat is listening, forwarding the answer as it comes) and,
 * when Google pauses a long answer at its decode limit, asks for the rest until it is complete.
 */
export async function sendModelTurn(
	ctx: IExecuteFunctions,
	client: GeminiApiClient,
	request: InteractionRequest,
	options: { itemIndex: number; timeoutMs: number; chat?: ChatStream; encode?: BodyEncoder },
): Promise<Interaction> {
	const hops = [await sendHop(ctx, client, request, options)];
	for (let next = continuationRequest(request, hops[0]); next && hops.length <= MAX_CONTINUATIONS; ) {
		// Only a turn that is not stored sends its input (and so its files) again.
		const hop = await sendHop(ctx, client, next, { ...options, encode: next.input === undefined ? undefined : options.encode });
		hops.push(hop);
		next = continuationRequest(request, hop);
	}
	return mergeHops(hops);
}
