import type { RequestGate } from '../../nodes/shared/scheduling/adaptiveConcurrency';
import { AdaptiveConcurrency, INITIAL_CONCURRENCY } from '../../nodes/shared/scheduling/adaptiveConcurrency';
import type { Clock } from '../../nodes/shared/scheduling/clock';
import { ExecutionCancelledError } from '../../nodes/shared/transport/cancellableSleep';

/** Time that moves only when the test says so. */
class FakeClock implements Clock {
	private t = 0;
	private sleepers: Array<{ until: number; resolve: () => void }> = [];

	now = () => this.t;

	sleep = async (ms: number) =>
		await new Promise<void>((resolve) => this.sleepers.push({ until: this.t + Math.max(0, ms), resolve }));

	/** Lets every promise that can settle settle, without moving time. */
	async settle(): Promise<void> {
		for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
	}

	/** Moves time from sleeper to sleeper until `done` or nothing sleeps any more. */
	async runUntil(done: () => boolean, limitMs = 10_000_000): Promise<void> {
		for (;;) {
			await this.settle();
			if (done() || this.sleepers.length === 0) return;
			const next = Math.min(...this.sleepers.map((s) => s.until));
			if (next > limitMs) return;
			this.t = Math.max(this.t, next);
			const due = this.sleepers.filter((s) => s.until <= this.t);
			this.sleepers = this.sleepers.filter((s) => s.until > this.t);
			for (const sleeper of due) sleeper.resolve();
		}
	}
}

type Answer = { status: 200 } | { status: 429; retryDelayMs?: number };

/** Fixed windows that start with their first request, as the emulator's quota mode. */
function quotaServer(clock: Clock, perWindow: number, windowMs: number, latencyMs: number) {
	let windowStart: number | undefined;
	let used = 0;
	const log: Array<{ at: number; status: number }> = [];
	const request = async (): Promise<Answer> => {
		const now = clock.now();
		if (windowStart === undefined || now >= windowStart + windowMs) {
			windowStart = now;
			used = 0;
		}
		if (used >= perWindow) {
			log.push({ at: now, status: 429 });
			return { status: 429, retryDelayMs: windowStart + windowMs - now };
		}
		used++;
		log.push({ at: now, status: 200 });
		await clock.sleep(latencyMs);
		return { status: 200 };
	};
	return { request, log };
}

/** Admits `cap` requests at a time; the next ones get a 429 without a retry delay. */
function capServer(clock: Clock, cap: number, latencyMs: number) {
	let running = 0;
	let peak = 0;
	let refused = 0;
	const request = async (): Promise<Answer> => {
		if (running >= cap) {
			refused++;
			return { status: 429 };
		}
		running++;
		peak = Math.max(peak, running);
		await clock.sleep(latencyMs);
		running--;
		return { status: 200 };
	};
	return { request, stats: () => ({ peak, refused }) };
}

/** What the API client does for one request: ask the gate, send, report, and send again after a 429. */
async function send(gate: RequestGate, request: () => Promise<Answer>): Promise<number> {
	for (let attempts = 1; ; attempts++) {
		const ticket = await gate.beforeRequest();
		const answer = await request();
		if (answer.status === 200) {
			gate.answered(ticket, true);
			return attempts;
		}
		await gate.throttled(ticket, answer.retryDelayMs);
	}
}

describe('AdaptiveConcurrency', () => {
	it('keeps input order, starts modestly and grows up to the ceiling while answers come back', async () => {
		const clock = new FakeClock();
		const scheduler = new AdaptiveConcurrency({ ceiling: 16, clock });
		let running = 0;
		const concurrencyAtStart: number[] = [];
		let finished = false;
		const done = scheduler
			.run(80, async (index) => {
				running++;
				concurrencyAtStart.push(running);
				await send(scheduler, async () => {
					await clock.sleep(100 + (index % 3));
					return { status: 200 };
				});
				running--;
				return index * 10;
			})
			.finally(() => (finished = true));
		await clock.runUntil(() => finished);
		expect(await done).toEqual(Array.from({ length: 80 }, (_, i) => i * 10));
		expect(concurrencyAtStart.slice(0, INITIAL_CONCURRENCY)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
		expect(concurrencyAtStart[INITIAL_CONCURRENCY]).toBeLessThanOrEqual(INITIAL_CONCURRENCY);
		expect(Math.max(...concurrencyAtStart)).toBe(16);
		expect(scheduler.limit).toBe(16);
	});

	it('a 429 with a retry delay pauses every item until the delay has passed and halves the concurrency', async () => {
		const clock = new FakeClock();
		const scheduler = new AdaptiveConcurrency({ ceiling: 8, clock });
		const starts: number[] = [];
		let refusedOnce = false;
		let finished = false;
		const done = scheduler
			.run(30, async () =>
				await send(scheduler, async () => {
					starts.push(clock.now());
					if (!refusedOnce && clock.now() >= 300) {
						refusedOnce = true;
						return { status: 429, retryDelayMs: 5000 };
					}
					await clock.sleep(100);
					return { status: 200 };
				}),
			)
			.finally(() => (finished = true));
		await clock.runUntil(() => refusedOnce);
		const refusedAt = clock.now();
		expect(scheduler.pausedUntil).toBe(refusedAt + 5000);
		expect(scheduler.limit).toBeLessThanOrEqual(4);
		await clock.runUntil(() => finished);
		expect(starts.filter((at) => at > refusedAt && at < refusedAt + 5000)).toEqual([]);
		expect(await done).toHaveLength(30);
	});

	it('against a window quota it learns the window and paces the batch to it: near the floor, few refusals', async () => {
		const clock = new FakeClock();
		const server = quotaServer(clock, 10, 2000, 200);
		const scheduler = new AdaptiveConcurrency({ ceiling: 20, clock });
		let finished = false;
		const done = scheduler.run(100, async () => await send(scheduler, server.request)).finally(() => (finished = true));
		await clock.runUntil(() => finished);
		await done;
		const floor = 9 * 2000 + 200;
		const refused = server.log.filter((entry) => entry.status === 429).length;
		expect(server.log.filter((entry) => entry.status === 200)).toHaveLength(100);
		expect(clock.now() / floor).toBeLessThanOrEqual(1.1);
		expect(refused / server.log.length).toBeLessThanOrEqual(0.15);
		expect(scheduler.budget).toEqual({ requests: 10, windowMs: expect.any(Number) });
	});

	it('against a server that admits N at a time it settles at N and the refused items wait for a free place', async () => {
		const clock = new FakeClock();
		const server = capServer(clock, 10, 200);
		const scheduler = new AdaptiveConcurrency({ ceiling: 20, clock });
		let finished = false;
		const done = scheduler.run(100, async () => await send(scheduler, server.request)).finally(() => (finished = true));
		await clock.runUntil(() => finished);
		await done;
		expect(server.stats().peak).toBe(10);
		// 100 answers of 200 ms, 10 at a time, take 2 s at best.
		expect(clock.now() / 2000).toBeLessThanOrEqual(1.15);
		// Each step above 10 is tried once and costs one refusal, answered at once.
		expect(server.stats().refused).toBeLessThanOrEqual(10);
	});

	it('a lone 429 without a delay backs off, longer each time, and a success resets it', async () => {
		const clock = new FakeClock();
		const scheduler = new AdaptiveConcurrency({ ceiling: 1, clock });
		const starts: number[] = [];
		let finished = false;
		const done = scheduler
			.run(1, async () =>
				await send(scheduler, async () => {
					starts.push(clock.now());
					return starts.length <= 3 ? { status: 429 } : { status: 200 };
				}),
			)
			.finally(() => (finished = true));
		await clock.runUntil(() => finished);
		expect(await done).toEqual([4]);
		expect(starts).toEqual([0, 1000, 3000, 7000]);
	});

	it('a cancelled execution stops at once during a pause', async () => {
		const clock = new FakeClock();
		const abort = new AbortController();
		const scheduler = new AdaptiveConcurrency({ ceiling: 4, clock, signal: abort.signal });
		const server = quotaServer(clock, 2, 60_000, 10);
		let outcome: unknown;
		const done = scheduler.run(10, async () => await send(scheduler, server.request)).then(
			() => (outcome = 'finished'),
			(error) => (outcome = error),
		);
		// Into the pause, with the admitted requests answered and everyone else waiting.
		await clock.runUntil(() => clock.now() >= 1000);
		expect(scheduler.pausedUntil).toBeGreaterThan(clock.now() + 50_000);
		const pausedAt = clock.now();
		abort.abort();
		await clock.settle();
		await done;
		expect(outcome).toBeInstanceOf(ExecutionCancelledError);
		expect(clock.now()).toBe(pausedAt);
	});

	it('stops starting items after a failure and rethrows it; handles no items and a nonsense ceiling', async () => {
		const clock = new FakeClock();
		const started: number[] = [];
		const scheduler = new AdaptiveConcurrency({ ceiling: 2, clock });
		let settled = false;
		const failing = scheduler
			.run(10, async (index) => {
				started.push(index);
				await clock.sleep(5);
				if (index === 1) throw new Error('item 1 failed');
				return index;
			})
			.catch((error: Error) => error)
			.finally(() => (settled = true));
		await clock.runUntil(() => settled);
		expect(((await failing) as Error).message).toBe('item 1 failed');
		expect(started.length).toBeLessThan(10);
		expect(await new AdaptiveConcurrency({ ceiling: 5, clock }).run(0, async () => 1)).toEqual([]);
		expect(await new AdaptiveConcurrency({ ceiling: 0, clock }).run(2, async (i) => i)).toEqual([0, 1]);
	});
});
