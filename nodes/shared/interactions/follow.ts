import type { IExecuteFunctions, INode } from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import { isTerminal } from '../wire/response/status';
import { parseStreamEvent, StreamAccumulator } from '../wire/response/streamAccumulator';
import type { Interaction } from '../wire/types';
import type { ApiCall, GeminiApiClient } from '../transport/client';
import { resourcePath } from '../transport/client';
import { isQuotaExhausted } from '../transport/quotaErrors';
import { isRetryableStatus } from '../transport/retry';
import { settle } from '../transport/resourceErrors';
import { DONE_SENTINEL, readSse } from '../transport/sse';

/**
 * Follows a background interaction to its end: one streaming GET at a time
 * (`GET interactions/{id}?stream=true`), resumed with `last_event_id` when the connection
 * drops, and plain GET polling only when the server cannot stream. Bounded by a maximum wait
 * (then the run is cancelled on the server) and by the execution's cancel signal.
 */

export interface WaitSettings {
	interactionId: string;
	itemIndex: number;
	maxWaitMs: number;
	/** Pause between plain GETs, used only when streaming is unavailable. */
	pollIntervalMs: number;
	/** Timeout of each plain request (poll GET, cancel). */
	requestTimeoutMs: number;
	/** On timeout, cancel the run on the server (otherwise it keeps going and only the wait ends). */
	cancelOnTimeout: boolean;
	/** What is known already (the create response, a GET); fields the stream does not repeat survive. */
	known?: Interaction;
	/** Answer text as it arrives on the stream. */
	onText?: (text: string) => void;
}

/** A run that no longer needs the server: finished, or waiting for the client (function calls, continuation). */
export function isSettled(status: string | undefined): boolean {
	return isTerminal(status) || status === 'requires_action' || status === 'requires_continuation';
}

type StopReason = 'timeout' | 'cancelled';

type Outcome =
	| { kind: 'settled'; interaction: Interaction }
	| { kind: 'stopped'; reason: StopReason }
	| { kind: 'failed'; error: Error };

/** How often the clock looks at the deadline and the cancel signal while something is pending. */
const TICK_MS = 250;
/** A silent stream is dropped (and resumed) after this long; the server's keepalives reset it. */
export const STREAM_IDLE_TIMEOUT_MS = 5 * 60_000;
/** A connection that stayed open this long was healthy even if it brought no event. */
const HEALTHY_CONNECTION_MS = 30_000;
/** Resumes in a row that bring no new event before the wait gives up. */
export const MAX_QUIET_RESUMES = 8;
const CANCEL_TIMEOUT_MS = 30_000;
/** How long to wait for a destroyed stream to really close before the next request. */
const CLOSE_WAIT_MS = 3_000;
const CLOSE_POLL_MS = 25;

/** Pause before a resume: none after a healthy connection, then 1 s, 2 s, 4 s … (at most 16 s). */
export function resumeDelay(quietResumes: number): number {
	return quietResumes <= 0 ? 0 : Math.min(16_000, 1000 * 2 ** (quietResumes - 1));
}

/** Status codes of a streaming GET that mean "this server cannot stream": fall back to polling. */
export function streamUnsupported(httpCode: string | undefined): boolean {
	return httpCode === '404' || httpCode === '405' || httpCode === '501';
}

function httpCodeOf(error: unknown): string | undefined {
	const code = (error as { httpCode?: unknown })?.httpCode;
	return typeof code === 'string' && code !== '' ? code : undefined;
}

/** The wait's deadline and the execution's cancel signal, checked with n8n-workflow's sleep (no timers of our own). */
class WaitClock {
	constructor(
		private readonly until: number,
		private readonly signal: AbortSignal | undefined,
	) {}

	get remainingMs(): number {
		return Math.max(0, this.until - Date.now());
	}

	check(): StopReason | undefined {
		if (this.signal?.aborted) return 'cancelled';
		return Date.now() >= this.until ? 'timeout' : undefined;
	}

	/** Sleeps `ms`, or less when the wait must stop; then says why it stopped, if it must. */
	async sleep(ms: number): Promise<StopReason | undefined> {
		const end = Date.now() + ms;
		for (;;) {
			const stop = this.check();
			if (stop) return stop;
			const left = end - Date.now();
			if (left <= 0) return undefined;
			await sleep(Math.min(left, TICK_MS));
		}
	}

	/**
	 * A watcher to race pending reads against. It keeps a single waiter (replaced by each
	 * `next()`), so racing it against every event of a long stream does not pile up callbacks.
	 */
	watch(): { next(): Promise<StopReason>; stop(): void } {
		let fired: StopReason | undefined;
		let stopped = false;
		let wake: ((reason: StopReason) => void) | undefined;
		const loop = async () => {
			while (!stopped) {
				fired = this.check();
				if (fired) {
					wake?.(fired);
					return;
				}
				await sleep(TICK_MS);
			}
		};
		void loop();
		return {
			next: async () => await (fired ? Promise.resolve(fired) : new Promise<StopReason>((resolve) => (wake = resolve))),
			stop: () => {
				stopped = true;
				wake = undefined;
			},
		};
	}
}

/**
 * Destroys an SSE body (duck-typed: axios hands out a Node stream) and waits briefly until the
 * connection is really closed, so the item never has two connections open at once.
 */
async function closeBody(body: unknown): Promise<void> {
	const stream = body as { destroy?: () => void; closed?: boolean };
	if (typeof stream?.destroy !== 'function') return;
	stream.destroy();
	for (let waited = 0; stream.closed === false && waited < CLOSE_WAIT_MS; waited += CLOSE_POLL_MS) {
		await sleep(CLOSE_POLL_MS);
	}
}

type Opened =
	| { kind: 'events'; body: AsyncIterable<Buffer | string> }
	| { kind: 'json'; interaction: Interaction }
	| { kind: 'unsupported' }
	| { kind: 'unreachable' }
	| Exclude<Outcome, { kind: 'settled' }>;

type Read = { kind: 'completed' } | { kind: 'dropped'; progressed: boolean } | Exclude<Outcome, { kind: 'settled' }>;

class InteractionFollower {
	private readonly accumulator = new StreamAccumulator();
	private readonly path: string;

	constructor(
		private readonly node: INode,
		private readonly client: GeminiApiClient,
		private readonly clock: WaitClock,
		private readonly settings: WaitSettings,
	) {
		this.path = resourcePath('interactions', settings.interactionId);
	}

	async follow(): Promise<Outcome> {
		let quietResumes = 0;
		for (;;) {
			const stop = this.clock.check();
			if (stop) return { kind: 'stopped', reason: stop };
			const opened = await this.open();
			if (opened.kind === 'unsupported') return await this.poll();
			if (opened.kind === 'json') {
				return isSettled(opened.interaction.status) ? this.settled(opened.interaction) : await this.poll();
			}
			if (opened.kind === 'stopped' || opened.kind === 'failed') return opened;
			let progressed = false;
			if (opened.kind === 'events') {
				const read = await this.read(opened.body);
				if (read.kind === 'completed') return await this.completed();
				if (read.kind !== 'dropped') return read;
				progressed = read.progressed;
			}
			// The connection ended before `interaction.completed`: resume after the last event seen.
			if (isSettled(this.accumulator.interaction.status)) return await this.completed();
			quietResumes = progressed ? 0 : quietResumes + 1;
			if (quietResumes > MAX_QUIET_RESUMES) return { kind: 'failed', error: this.lostStream() };
			const stopped = await this.clock.sleep(resumeDelay(quietResumes));
			if (stopped) return { kind: 'stopped', reason: stopped };
		}
	}

	private async open(): Promise<Opened> {
		const lastEventId = this.accumulator.lastEventId;
		const call: ApiCall = {
			method: 'GET',
			path: this.path,
			qs: { ...(lastEventId ? { last_event_id: lastEventId } : {}), stream: true },
			// For a stream this is the socket's inactivity limit, not a total: keepalives reset it.
			timeoutMs: Math.max(1000, Math.min(STREAM_IDLE_TIMEOUT_MS, this.clock.remainingMs + 1000)),
			itemIndex: this.settings.itemIndex,
			// Retried here (as resumes, with backoff) so that a 501 falls back to polling at once.
			retry: { maxAttempts: 1 },
		};
		const response = await settle(this.client.stream(call));
		if (response.ok) {
			if (response.value.events) return { kind: 'events', body: response.value.events };
			return { kind: 'json', interaction: (response.value.json ?? {}) as Interaction };
		}
		const stop = this.clock.check();
		if (stop) return { kind: 'stopped', reason: stop };
		const httpCode = httpCodeOf(response.error);
		if (streamUnsupported(httpCode)) return { kind: 'unsupported' };
		// The client already waited out the quota as long as it may (a 429 never reaches here otherwise).
		if (isQuotaExhausted(response.error)) return { kind: 'failed', error: response.error as Error };
		// Timeouts, connection failures, rate limits and server errors count as a drop: resumed with backoff.
		if (httpCode === undefined || isRetryableStatus(Number(httpCode))) return { kind: 'unreachable' };
		return { kind: 'failed', error: response.error as Error };
	}

	private async read(body: AsyncIterable<Buffer | string>): Promise<Read> {
		const openedAt = Date.now();
		let newEvents = 0;
		const dropped = (): Read => ({
			kind: 'dropped',
			progressed: newEvents > 0 || Date.now() - openedAt >= HEALTHY_CONNECTION_MS,
		});
		const iterator = readSse(body)[Symbol.asyncIterator]();
		const watch = this.clock.watch();
		try {
			for (;;) {
				const next = await Promise.race([
					iterator.next().then(
						(result) => ({ result }),
						() => ({ result: undefined }),
					),
					watch.next().then((reason) => ({ reason })),
				]);
				if ('reason' in next) {
					// The deadline won (or the execution was cancelled): the open request cannot be
					// given a deadline of its own, so its body is destroyed here.
					await closeBody(body);
					return { kind: 'stopped', reason: next.reason };
				}
				const { result } = next;
				if (!result || result.done) {
					const stop = this.clock.check();
					return stop ? { kind: 'stopped', reason: stop } : dropped();
				}
				if (result.value.data === DONE_SENTINEL) continue;
				const event = parseStreamEvent(result.value.data, result.value.event);
				if (!event) continue;
				const applied = this.accumulator.apply(event, result.value.id);
				if (applied.duplicate) continue;
				newEvents++;
				if (applied.text) this.settings.onText?.(applied.text);
				if (applied.error) {
					await closeBody(body);
					return { kind: 'failed', error: this.streamError(applied.error) };
				}
				if (applied.done) {
					await closeBody(body);
					return { kind: 'completed' };
				}
			}
		} finally {
			watch.stop();
		}
	}

	/** One plain GET of the interaction, its result as a value. */
	private async get() {
		return await settle(
			this.client.request<Interaction>({
				method: 'GET',
				path: this.path,
				timeoutMs: this.settings.requestTimeoutMs,
				itemIndex: this.settings.itemIndex,
			}),
		);
	}

	/** Plain GETs at the poll interval, for servers that cannot stream an interaction. */
	private async poll(): Promise<Outcome> {
		for (;;) {
			const response = await this.get();
			if (!response.ok) {
				const stop = this.clock.check();
				return stop ? { kind: 'stopped', reason: stop } : { kind: 'failed', error: response.error as Error };
			}
			if (isSettled(response.value.status)) return this.settled(response.value);
			const stopped = await this.clock.sleep(this.settings.pollIntervalMs);
			if (stopped) return { kind: 'stopped', reason: stopped };
		}
	}

	/**
	 * The interaction the stream rebuilt. A server that did not replay the run's steps (an
	 * attach after the fact) leaves none: then one plain GET fetches them.
	 */
	private async completed(): Promise<Outcome> {
		const streamed = this.accumulator.interaction;
		if ((streamed.steps ?? []).length > 0) return this.settled(streamed);
		const response = await this.get();
		return this.settled(response.ok ? { ...streamed, ...response.value } : streamed);
	}

	private settled(interaction: Interaction): Outcome {
		return { kind: 'settled', interaction: { ...this.settings.known, ...interaction } };
	}

	private streamError(error: { code?: string; message?: string }): Error {
		const id = this.settings.interactionId;
		const reason = error.message || error.code || 'unknown error';
		return new NodeApiError(
			this.node,
			{ message: reason },
			{
				message: `The stream of interaction ${id} reported an error: ${reason}`,
				description: `The run may still be going on Google's side. Look at it with Interaction → Get and the ID ${id}.`,
				itemIndex: this.settings.itemIndex,
			},
		);
	}

	private lostStream(): Error {
		const id = this.settings.interactionId;
		return new NodeApiError(
			this.node,
			{ message: 'stream lost' },
			{
				message: `Lost the connection to interaction ${id} ${MAX_QUIET_RESUMES + 1} times in a row`,
				description: `The run may still be going on Google's side. Look at it with Interaction → Get and the ID ${id}.`,
				itemIndex: this.settings.itemIndex,
			},
		);
	}
}

function describeWait(ms: number): string {
	if (ms < 60_000) return `${Math.round(ms / 100) / 10} seconds`;
	const minutes = Math.round(ms / 6000) / 10;
	return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}

async function timeoutError(node: INode, client: GeminiApiClient, settings: WaitSettings): Promise<NodeOperationError> {
	const id = settings.interactionId;
	const waited = describeWait(settings.maxWaitMs);
	const later = `use Wait Mode "Return Immediately" and fetch the result later with Interaction → Get and the ID ${id}`;
	if (!settings.cancelOnTimeout) {
		return new NodeOperationError(node, `Interaction ${id} did not finish within ${waited}; it is still running`, {
			itemIndex: settings.itemIndex,
			description: `Raise "Maximum Wait" in the options, or ${later}.`,
		});
	}
	const cancelled = await settle(
		client.request<Interaction>({
			method: 'POST',
			path: resourcePath('interactions', id, 'cancel'),
			timeoutMs: CANCEL_TIMEOUT_MS,
			itemIndex: settings.itemIndex,
			retry: { maxAttempts: 2 },
		}),
	);
	if (cancelled.ok) {
		return new NodeOperationError(node, `Interaction ${id} did not finish within ${waited}, so it was cancelled`, {
			itemIndex: settings.itemIndex,
			description: `Raise "Maximum Wait" in the options, or ${later}.`,
		});
	}
	const reason = (cancelled.error as Error)?.message ?? String(cancelled.error);
	return new NodeOperationError(
		node,
		`Interaction ${id} did not finish within ${waited}, and cancelling it failed: it may still be running`,
		{
			itemIndex: settings.itemIndex,
			description: `The cancel request failed (${reason}). Cancel it with Interaction → Cancel and the ID ${id}, or ${later}.`,
		},
	);
}

/**
 * After the execution is cancelled n8n aborts every request made through
 * `httpRequestWithAuthentication` with that same (now aborted) signal — it overwrites any
 * signal of ours — so a cancel request could never reach Google. Rather than pretend, the
 * error says the run may still be going and carries its id so it can be cancelled later.
 */
function cancelledError(node: INode, settings: WaitSettings): NodeOperationError {
	const id = settings.interactionId;
	return new NodeOperationError(
		node,
		`The execution was cancelled while waiting for interaction ${id}; the run may still be going on Google's side`,
		{
			itemIndex: settings.itemIndex,
			description: `Cancel it with Interaction → Cancel and the ID ${id} if it should stop.`,
		},
	);
}

/** Waits until the interaction settles and returns it; timeouts, cancellation and stream errors throw. */
export async function waitForInteraction(
	ctx: IExecuteFunctions,
	client: GeminiApiClient,
	settings: WaitSettings,
): Promise<Interaction> {
	const signal = typeof ctx.getExecutionCancelSignal === 'function' ? ctx.getExecutionCancelSignal() : undefined;
	const clock = new WaitClock(Date.now() + settings.maxWaitMs, signal);
	const node = ctx.getNode();
	const outcome = await new InteractionFollower(node, client, clock, settings).follow();
	if (outcome.kind === 'settled') return outcome.interaction;
	if (outcome.kind === 'failed') throw outcome.error;
	if (outcome.reason === 'cancelled') throw cancelledError(node, settings);
	throw await timeoutError(node, client, settings);
}
