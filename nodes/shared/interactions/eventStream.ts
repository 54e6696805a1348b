import { sleep } from 'n8n-workflow';

import { parseStreamEvent, type StreamAccumulator } from '../wire/response/streamAccumulator';
import { DONE_SENTINEL, readSse } from '../transport/sse';

/**
 * The one reader of an interaction's event stream (`POST interactions` with `stream: true`, or
 * `GET interactions/{id}?stream=true`): SSE → typed events → the accumulator, answer text to a
 * callback, until the interaction completes, the server reports an error, the connection drops,
 * or the caller's stop condition fires. What happens after a drop is the caller's resume policy.
 */

/** Why a read was stopped from outside: the wait's deadline passed, or the execution was cancelled. */
export type StopReason = 'timeout' | 'cancelled';

export type StreamRead =
	| { kind: 'completed' }
	| { kind: 'error'; code?: string; message?: string }
	| { kind: 'dropped'; newEvents: number; reason: string }
	| { kind: 'stopped'; reason: StopReason };

/** Something that says when to stop reading: checked between events and raced against a silent stream. */
export interface StopCondition {
	check(): StopReason | undefined;
}

/**
 * When to pick a dropped stream up again (with `last_event_id`): the pause before the next
 * resume, or undefined to give up. `quiet` counts resumes in a row that brought nothing new.
 */
export interface ResumePolicy {
	nextResume(attempt: { resumes: number; quiet: number }): number | undefined;
}

/** How often a pending read looks at the stop condition. */
const TICK_MS = 250;
/** How long to wait for a destroyed stream to really close before the next request. */
const CLOSE_WAIT_MS = 3_000;
const CLOSE_POLL_MS = 25;

/**
 * Destroys an SSE body (duck-typed: axios hands out a Node stream) and waits briefly until the
 * connection is really closed, so an item never has two connections open at once.
 */
export async function closeBody(body: unknown): Promise<void> {
	const stream = body as { destroy?: () => void; closed?: boolean };
	if (typeof stream?.destroy !== 'function') return;
	stream.destroy();
	for (let waited = 0; stream.closed === false && waited < CLOSE_WAIT_MS; waited += CLOSE_POLL_MS) {
		await sleep(CLOSE_POLL_MS);
	}
}

/**
 * Resolves when the condition fires. One waiter at a time (replaced on each `next()`), so
 * racing it against every event of a long stream does not pile up callbacks.
 */
function watch(condition: StopCondition): { next(): Promise<StopReason>; stop(): void } {
	let fired: StopReason | undefined;
	let stopped = false;
	let wake: ((reason: StopReason) => void) | undefined;
	const loop = async () => {
		while (!stopped) {
			fired = condition.check();
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

export async function readInteractionEvents(
	body: AsyncIterable<Buffer | string>,
	accumulator: StreamAccumulator,
	options: { onText?: (text: string) => void; stop?: StopCondition } = {},
): Promise<StreamRead> {
	const iterator = readSse(body)[Symbol.asyncIterator]();
	const watcher = options.stop ? watch(options.stop) : undefined;
	let newEvents = 0;
	const end = async (read: StreamRead): Promise<StreamRead> => {
		await closeBody(body);
		return read;
	};
	try {
		for (;;) {
			const pending = iterator.next().then(
				(result) => ({ result, failure: undefined }),
				(failure: unknown) => ({ result: undefined, failure }),
			);
			const next = watcher
				? await Promise.race([pending, watcher.next().then((reason) => ({ reason }))])
				: await pending;
			if ('reason' in next) {
				// The request has no deadline of its own once the body streams: stopping means closing it.
				return await end({ kind: 'stopped', reason: next.reason });
			}
			const stop = options.stop?.check();
			if (stop) return await end({ kind: 'stopped', reason: stop });
			if (!next.result || next.result.done) {
				const reason = next.failure
					? (next.failure as Error).message || String(next.failure)
					: 'the stream ended before the interaction completed';
				return { kind: 'dropped', newEvents, reason };
			}
			const sse = next.result.value;
			if (sse.data === DONE_SENTINEL) continue;
			const event = parseStreamEvent(sse.data, sse.event);
			if (!event) continue;
			const applied = accumulator.apply(event, sse.id);
			if (applied.duplicate) continue;
			newEvents++;
			if (applied.text) options.onText?.(applied.text);
			if (applied.error) return await end({ kind: 'error', ...applied.error });
			if (applied.done) return await end({ kind: 'completed' });
		}
	} finally {
		watcher?.stop();
	}
}
