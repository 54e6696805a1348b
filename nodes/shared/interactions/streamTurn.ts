import type { IExecuteFunctions } from 'n8n-workflow';

import type { ChatStream } from '../host/chatStream';
import { outputText } from '../wire/response/outputText';
import { continuationRequest, MAX_CONTINUATIONS, mergeHops } from '../wire/response/continuation';
import { StreamAccumulator } from '../wire/response/streamAccumulator';
import type { Interaction, InteractionRequest } from '../wire/types';
import type { GeminiApiClient } from '../transport/client';
import { resourcePath } from '../transport/client';
import { cancellableSleep, ExecutionCancelledError } from '../transport/cancellableSleep';
import type { ResumePolicy, StopCondition } from './eventStream';
import { readInteractionEvents } from './eventStream';

/** Turns the request into the body to send: the request itself, or pre-encoded JSON (inline files). */
export type BodyEncoder = (request: InteractionRequest) => object;

export interface StreamTurnOptions {
	encode?: BodyEncoder;
	itemIndex: number;
	timeoutMs: number;
	chat: ChatStream;
	cancelSignal?: AbortSignal;
	/** How a dropped stream is picked up again with `last_event_id`; default: up to 3 times, at once. */
	resume?: ResumePolicy;
}

/** Why a streamed turn has no answer: the server's `error` event, or a stream that could not be resumed. */
export type StreamTurnFailure =
	| { kind: 'streamError'; interactionId?: string; code?: string; message?: string }
	| { kind: 'brokeOff'; interactionId?: string; resumes: number; reason: string };

/** Thrown by a streamed turn that did not complete; the node words it for its users. */
export class StreamTurnError extends Error {
	constructor(readonly failure: StreamTurnFailure) {
		super(failure.kind === 'streamError' ? failure.message || failure.code || 'stream error' : failure.reason);
		this.name = 'StreamTurnError';
	}
}

/** A model turn is interactive: a dropped stream is resumed at once, a few times. */
export const MODEL_TURN_RESUME_POLICY: ResumePolicy = {
	nextResume: ({ resumes }) => (resumes < 3 ? 0 : undefined),
};

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

/**
 * One model turn over SSE: sends `stream: true`, rebuilds the interaction from the events while
 * forwarding answer text to the chat, and resumes a dropped stream from the last event it saw
 * (`GET interactions/{id}?stream=true&last_event_id=…`) as the resume policy allows.
 */
export async function streamTurn(
	client: GeminiApiClient,
	request: InteractionRequest,
	options: StreamTurnOptions,
): Promise<Interaction> {
	const { itemIndex, timeoutMs, chat, cancelSignal } = options;
	const policy = options.resume ?? MODEL_TURN_RESUME_POLICY;
	const cancelled: StopCondition = { check: () => (cancelSignal?.aborted ? 'cancelled' : undefined) };
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
	for (let resumes = 0, quiet = 0; ; resumes++) {
		const read = await readInteractionEvents(events, accumulator, {
			onText: (text) => forwarder.text(text),
			stop: cancelled,
		});
		const interactionId = accumulator.interaction.id;
		if (read.kind === 'completed') return accumulator.interaction;
		if (read.kind === 'stopped') throw new ExecutionCancelledError();
		if (read.kind === 'error') {
			throw new StreamTurnError({ kind: 'streamError', interactionId, code: read.code, message: read.message });
		}
		quiet = read.newEvents > 0 ? 0 : quiet + 1;
		const delay = interactionId ? policy.nextResume({ resumes, quiet }) : undefined;
		if (delay === undefined) throw new StreamTurnError({ kind: 'brokeOff', interactionId, resumes, reason: read.reason });
		if (delay > 0) await cancellableSleep(delay, cancelSignal);
		const lastEventId = accumulator.lastEventId;
		const resumed = await client.stream({
			method: 'GET',
			path: resourcePath('interactions', interactionId!),
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
