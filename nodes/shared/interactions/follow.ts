import { sleep } from 'n8n-workflow';

import { isTerminal } from '../wire/response/status';
import { StreamAccumulator } from '../wire/response/streamAccumulator';
import type { Interaction } from '../wire/types';
import type { ApiCall, GeminiApiClient } from '../transport/client';
import { resourcePath } from '../transport/client';
import { isQuotaExhausted } from '../transport/quotaErrors';
import { isRetryableStatus } from '../transport/retry';
import { settle } from '../transport/resourceErrors';
import type { ResumePolicy, StopCondition, StopReason } from './eventStream';
import { readInteractionEvents } from './eventStream';

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
	/** Timeout of each plain request (poll GET). */
	requestTimeoutMs: number;
	/** What is known already (the create response, a GET); fields the stream does not repeat survive. */
	known?: Interaction;
	/** Answer text as it arrives on the stream. */
	onText?: (text: string) => void;
}

/** A run that no longer needs the server: finished, or waiting for the client (function calls, continuation). */
export function isSettled(status: string | undefined): boolean {
	return isTerminal(status) || status === 'requires_action' || status === 'requires_continuation';
}

/**
 * How following a run ended. Nothing here is worded for users: the node says what each means.
 * `streamError`: the server's own `error` event; `lost`: resumes in a row that brought nothing;
 * `failed`: a request failed for good (the client's NodeApiError, with Google's message).
 */
export type FollowOutcome =
	| { kind: 'settled'; interaction: Interaction }
	| { kind: 'stopped'; reason: StopReason }
	| { kind: 'streamError'; code?: string; message?: string }
	| { kind: 'lost'; attempts: number }
	| { kind: 'failed'; error: Error };

/** A silent stream is dropped (and resumed) after this long; the server's keepalives reset it. */
export const STREAM_IDLE_TIMEOUT_MS = 5 * 60_000;
/** A connection that stayed open this long was healthy even if it brought no event. */
const HEALTHY_CONNECTION_MS = 30_000;
/** Resumes in a row that bring no new event before the wait gives up. */
export const MAX_QUIET_RESUMES = 8;

/** Pause before a resume: none after a healthy connection, then 1 s, 2 s, 4 s … (at most 16 s). */
export function resumeDelay(quietResumes: number): number {
	return quietResumes <= 0 ? 0 : Math.min(16_000, 1000 * 2 ** (quietResumes - 1));
}

/** A background run may go quiet for long: back off, and give up only after many empty resumes. */
export const BACKGROUND_RESUME_POLICY: ResumePolicy = {
	nextResume: ({ quiet }) => (quiet > MAX_QUIET_RESUMES ? undefined : resumeDelay(quiet)),
};

/** Status codes of a streaming GET that mean "this server cannot stream": fall back to polling. */
export function streamUnsupported(httpCode: string | undefined): boolean {
	return httpCode === '404' || httpCode === '405' || httpCode === '501';
}

function httpCodeOf(error: unknown): string | undefined {
	const code = (error as { httpCode?: unknown })?.httpCode;
	return typeof code === 'string' && code !== '' ? code : undefined;
}

/** How often the clock looks at the deadline and the cancel signal while it sleeps. */
const TICK_MS = 250;

/** The wait's deadline and the execution's cancel signal, checked with n8n-workflow's sleep (no timers of our own). */
class WaitClock implements StopCondition {
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
}

type Opened =
	| { kind: 'events'; body: AsyncIterable<Buffer | string> }
	| { kind: 'json'; interaction: Interaction }
	| { kind: 'unsupported' }
	| { kind: 'unreachable' }
	| { kind: 'stopped'; reason: StopReason }
	| { kind: 'failed'; error: Error };

class InteractionFollower {
	private readonly accumulator = new StreamAccumulator();
	private readonly path: string;

	constructor(
		private readonly client: GeminiApiClient,
		private readonly clock: WaitClock,
		private readonly settings: WaitSettings,
	) {
		this.path = resourcePath('interactions', settings.interactionId);
	}

	async follow(): Promise<FollowOutcome> {
		let quietResumes = 0;
		for (let resumes = 0; ; resumes++) {
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
				const openedAt = Date.now();
				const read = await readInteractionEvents(opened.body, this.accumulator, {
					onText: this.settings.onText,
					stop: this.clock,
				});
				if (read.kind === 'completed') return await this.completed();
				if (read.kind === 'error') return { kind: 'streamError', code: read.code, message: read.message };
				if (read.kind === 'stopped') return read;
				progressed = read.newEvents > 0 || Date.now() - openedAt >= HEALTHY_CONNECTION_MS;
			}
			// The connection ended before `interaction.completed`: resume after the last event seen.
			if (isSettled(this.accumulator.interaction.status)) return await this.completed();
			quietResumes = progressed ? 0 : quietResumes + 1;
			const delay = BACKGROUND_RESUME_POLICY.nextResume({ resumes, quiet: quietResumes });
			if (delay === undefined) return { kind: 'lost', attempts: quietResumes };
			const stopped = await this.clock.sleep(delay);
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
	private async poll(): Promise<FollowOutcome> {
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
	private async completed(): Promise<FollowOutcome> {
		const streamed = this.accumulator.interaction;
		if ((streamed.steps ?? []).length > 0) return this.settled(streamed);
		const response = await this.get();
		return this.settled(response.ok ? { ...streamed, ...response.value } : streamed);
	}

	private settled(interaction: Interaction): FollowOutcome {
		return { kind: 'settled', interaction: { ...this.settings.known, ...interaction } };
	}

}

/**
 * Follows the interaction until it settles, the wait's deadline passes or the execution is
 * cancelled. Never throws for those: the outcome says what happened, and what to do about it
 * (cancel the run on timeout, word an error) is the caller's.
 */
export async function followInteraction(
	client: GeminiApiClient,
	settings: WaitSettings,
	cancelSignal: AbortSignal | undefined,
): Promise<FollowOutcome> {
	const clock = new WaitClock(Date.now() + settings.maxWaitMs, cancelSignal);
	return await new InteractionFollower(client, clock, settings).follow();
}

/** `POST interactions/{id}:cancel`, as an explicit step (a run left going after the wait gave up). */
export async function cancelInteraction(client: GeminiApiClient, interactionId: string, itemIndex: number) {
	return await settle(
		client.request<Interaction>({
			method: 'POST',
			path: resourcePath('interactions', interactionId, 'cancel'),
			timeoutMs: CANCEL_TIMEOUT_MS,
			itemIndex,
			retry: { maxAttempts: 2 },
		}),
	);
}

const CANCEL_TIMEOUT_MS = 30_000;
