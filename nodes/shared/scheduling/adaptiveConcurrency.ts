import { ExecutionCancelledError } from '../transport/cancellableSleep';
import type { Clock } from './clock';
import { n8nClock } from './clock';

/**
 * How requests of the items being run meet Google's quota. The API client calls
 * `beforeRequest` before each request, then `answered` or, for a 429, `throttled`.
 */
export interface RequestGate {
	/** Resolves when a request may be sent: not during a pause, not beyond the learned window budget. */
	beforeRequest(): Promise<RequestTicket>;
	/** The request got an answer other than 429 (`ok`: a 2xx, which lets concurrency grow). */
	answered(ticket: RequestTicket, ok: boolean): void;
	/** The request got a 429 (with Google's retry delay, if it gave one). Resolves when it may be sent again. */
	throttled(ticket: RequestTicket, retryDelayMs: number | undefined): Promise<void>;
}

/** A quota window as the scheduler sees it: from its first request until the pause after it. */
interface Window {
	start?: number;
	/** Requests started in it. */
	starts: number;
	/** …answered without a 429, and still waiting for an answer. */
	admitted: number;
	pending: number;
	refused: number;
}

export interface RequestTicket {
	/** The concurrency cut the request was sent under; a refusal from before the last cut is no new signal. */
	readonly epoch: number;
	readonly window: Window;
}

export interface AdaptiveConcurrencyOptions {
	/** The most items at once (the node's Concurrency option). */
	ceiling: number;
	/** Where it starts; default the ceiling or 10, whichever is lower. */
	initial?: number;
	clock?: Clock;
	/** The execution's cancel signal: every wait ends at once when it aborts. */
	signal?: AbortSignal;
}

interface Waiter<T> {
	resolve(value: T): void;
	reject(error: Error): void;
}

export const INITIAL_CONCURRENCY = 10;
/** Lone 429s without a retry delay: pause 1 s, 2 s, 4 s … at most this long. */
const MAX_BACKOFF_MS = 32_000;
/** Paced windows without a 429 before the budget is tried one higher. */
const CLEAN_WINDOWS_BEFORE_PROBE = 3;
/** Longest single sleep of a pause, so a cancelled execution leaves no long timer behind. */
const PAUSE_SLICE_MS = 250;

/** The learned window gets this much slack: the server's clock starts the window a little after ours. */
function windowSlack(windowMs: number): number {
	return Math.max(10, Math.ceil(windowMs * 0.02));
}

/**
 * Runs a batch of items at an adaptive concurrency, shared by all of them:
 * - it starts modestly (10, or the ceiling if lower) and grows while answers come back fine:
 *   by a quarter each round of answers until the first 429, then by about one item a round,
 *   up to the ceiling;
 * - a 429 with a retry delay pauses every item (not only the refused one) until the delay has
 *   passed, halves the concurrency, and teaches it the quota's window: how many requests it
 *   admitted and how long until it reset. Later windows are paced to that many requests, so a
 *   batch settles at what the quota allows instead of finding the limit with refusals each time;
 * - a 429 without a delay while other requests are running means the server is full: the
 *   concurrency drops to what was running, and the refused item waits for a free place;
 *   a lone one pauses everyone with an exponential backoff.
 * Results come back in input order; the first failure stops new items and is rethrown once
 * the running ones have settled.
 */
export class AdaptiveConcurrency implements RequestGate {
	private readonly ceiling: number;
	private readonly clock: Clock;
	private readonly signal?: AbortSignal;
	private currentLimit: number;
	private active = 0;
	private inFlight = 0;
	private readonly slotWaiters: Array<Waiter<void> & { retry: boolean }> = [];
	private readonly permitWaiters: Array<Waiter<RequestTicket>> = [];
	private pauseEnd = 0;
	private pausing = false;
	private epoch = 0;
	private loneRefusals = 0;
	private window: Window = { starts: 0, admitted: 0, pending: 0, refused: 0 };
	/** The window that ended with a refusal carrying a retry delay: its admitted requests are the budget. */
	private refusedWindow?: Window;
	private windowBudget?: number;
	private windowMs?: number;
	private cleanWindows = 0;

	constructor(options: AdaptiveConcurrencyOptions) {
		this.ceiling = Math.max(1, Math.floor(options.ceiling) || 1);
		this.currentLimit = Math.min(this.ceiling, Math.max(1, options.initial ?? INITIAL_CONCURRENCY));
		this.clock = options.clock ?? n8nClock;
		this.signal = options.signal;
		this.signal?.addEventListener('abort', () => this.dropWaiters(), { once: true });
	}

	/** Items allowed at once right now. */
	get limit(): number {
		return Math.max(1, Math.min(this.ceiling, Math.floor(this.currentLimit)));
	}

	/** When the current pause ends (epoch ms), or 0. */
	get pausedUntil(): number {
		return this.pauseEnd > this.clock.now() ? this.pauseEnd : 0;
	}

	/** Requests per quota window, once a 429 with a retry delay has shown it. */
	get budget(): { requests: number; windowMs: number } | undefined {
		return this.windowBudget !== undefined && this.windowMs !== undefined
			? { requests: this.windowBudget, windowMs: this.windowMs }
			: undefined;
	}

	async run<T>(count: number, task: (index: number) => Promise<T>): Promise<T[]> {
		const results = new Array<T>(count);
		let failure: { error: unknown } | undefined;
		const running: Array<Promise<void>> = [];
		for (let index = 0; index < count && failure === undefined; index++) {
			try {
				await this.acquireSlot(false);
			} catch (error) {
				failure ??= { error };
				break;
			}
			if (failure !== undefined) {
				this.releaseSlot();
				break;
			}
			running.push(
				(async () => {
					try {
						results[index] = await task(index);
					} catch (error) {
						failure ??= { error };
					} finally {
						this.releaseSlot();
					}
				})(),
			);
		}
		await Promise.all(running);
		if (failure) throw failure.error;
		return results;
	}

	async beforeRequest(): Promise<RequestTicket> {
		if (this.permitWaiters.length === 0 && this.permitOpen()) return this.startRequest();
		return await this.wait(this.permitWaiters, {});
	}

	answered(ticket: RequestTicket, ok: boolean): void {
		this.inFlight--;
		ticket.window.pending--;
		ticket.window.admitted++;
		if (ok) {
			this.loneRefusals = 0;
			// Until the first 429: a quarter place per answer (×1.25 a round); after it about one place a round.
			const step = this.epoch === 0 ? 0.25 : 1 / this.currentLimit;
			this.currentLimit = Math.min(this.ceiling, this.currentLimit + step);
		}
		this.pump();
	}

	async throttled(ticket: RequestTicket, retryDelayMs: number | undefined): Promise<void> {
		this.inFlight--;
		ticket.window.pending--;
		ticket.window.refused++;
		const fresh = ticket.epoch === this.epoch;
		const now = this.clock.now();
		if (retryDelayMs !== undefined) {
			if (fresh) {
				this.epoch++;
				this.currentLimit = Math.max(1, this.currentLimit / 2);
				if (ticket.window === this.window && this.window.start !== undefined) {
					this.windowMs = now + retryDelayMs - this.window.start;
					this.refusedWindow = this.window;
				}
			}
			this.pause(now + retryDelayMs);
		} else if (this.inFlight > 0) {
			// The server is full: as many as are running now is what it takes.
			if (fresh) {
				this.epoch++;
				this.currentLimit = Math.max(1, this.inFlight);
			} else if (ticket.epoch === this.epoch - 1) {
				// It was counted as running when the limit was cut.
				this.currentLimit = Math.max(1, this.currentLimit - 1);
			}
		} else {
			this.loneRefusals++;
			if (fresh) {
				this.epoch++;
				this.currentLimit = Math.max(1, this.currentLimit / 2);
			}
			const backoff = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** (this.loneRefusals - 1));
			this.pause(now + backoff);
		}
		// Give the place back and queue for the next one, ahead of items that have not started.
		this.active--;
		const again = this.acquireSlot(true);
		this.pump();
		await again;
	}

	private permitOpen(): boolean {
		if (this.signal?.aborted) return false;
		if (this.clock.now() < this.pauseEnd) return false;
		const { windowBudget, windowMs, window } = this;
		if (windowBudget !== undefined && windowMs !== undefined && window.starts >= windowBudget) {
			// This window's budget is spent: wait for the next one instead of asking for a 429.
			const next = (window.start ?? this.clock.now()) + windowMs + windowSlack(windowMs);
			if (next > this.clock.now()) {
				this.pause(next);
				return false;
			}
			this.nextWindow();
		}
		return true;
	}

	private startRequest(): RequestTicket {
		this.window.start ??= this.clock.now();
		this.window.starts++;
		this.window.pending++;
		this.inFlight++;
		return { epoch: this.epoch, window: this.window };
	}

	private async acquireSlot(retry: boolean): Promise<void> {
		const waiting = this.slotWaiters.length > 0;
		if (!waiting && this.active < this.limit) {
			if (this.signal?.aborted) throw new ExecutionCancelledError();
			this.active++;
			return;
		}
		await this.wait(this.slotWaiters, { retry });
	}

	private releaseSlot(): void {
		this.active--;
		this.pump();
	}

	private async wait<T, E extends object>(queue: Array<Waiter<T> & E>, extra: E): Promise<T> {
		const promise = new Promise<T>((resolve, reject) => {
			const waiter = { ...extra, resolve, reject } as Waiter<T> & E;
			if ((extra as { retry?: boolean }).retry) {
				// Retries go ahead of items that have not started yet, behind earlier retries.
				const firstNew = queue.findIndex((queued) => !(queued as { retry?: boolean }).retry);
				queue.splice(firstNew === -1 ? queue.length : firstNew, 0, waiter);
			} else {
				queue.push(waiter);
			}
		});
		// One abort listener for all waiters (see the constructor), not one each.
		if (this.signal?.aborted) this.dropWaiters();
		return await promise;
	}

	/** After a cancel: nobody waits any more. */
	private dropWaiters(): void {
		for (const waiter of [...this.slotWaiters.splice(0), ...this.permitWaiters.splice(0)]) {
			waiter.reject(new ExecutionCancelledError());
		}
	}

	/** Hands out places and request permits while there are any. */
	private pump(): void {
		if (this.signal?.aborted) return this.dropWaiters();
		while (this.permitWaiters.length > 0 && this.permitOpen()) {
			this.permitWaiters.shift()!.resolve(this.startRequest());
		}
		while (this.slotWaiters.length > 0 && this.active < this.limit) {
			this.active++;
			this.slotWaiters.shift()!.resolve();
		}
	}

	private pause(until: number): void {
		if (until <= this.pauseEnd) return;
		this.pauseEnd = until;
		if (!this.pausing) void this.sleepOutPause();
	}

	private async sleepOutPause(): Promise<void> {
		this.pausing = true;
		try {
			for (let now = this.clock.now(); now < this.pauseEnd; now = this.clock.now()) {
				if (this.signal?.aborted) return;
				await this.clock.sleep(Math.min(PAUSE_SLICE_MS, this.pauseEnd - now));
			}
		} finally {
			this.pausing = false;
		}
		this.nextWindow();
		this.pump();
	}

	/** A pause is over: a new window begins, with the budget the last one showed. */
	private nextWindow(): void {
		const ended = this.window;
		if (this.refusedWindow) {
			this.windowBudget = Math.max(1, this.refusedWindow.admitted + this.refusedWindow.pending);
			this.refusedWindow = undefined;
			this.cleanWindows = 0;
		} else if (this.windowBudget !== undefined && ended.refused === 0 && ended.starts >= this.windowBudget) {
			// Paced windows without a refusal: every few, see whether the quota allows one more.
			if (++this.cleanWindows >= CLEAN_WINDOWS_BEFORE_PROBE) {
				this.windowBudget++;
				this.cleanWindows = 0;
			}
		}
		this.window = { starts: 0, admitted: 0, pending: 0, refused: 0 };
	}
}
