import { sleep } from 'n8n-workflow';

import { ExecutionCancelledError } from '../transport/cancellableSleep';

/** Time as the scheduler sees it; tests pass a fake one. */
export interface Clock {
	now(): number;
	sleep(ms: number): Promise<void>;
}

/** Real time, sleeping through n8n-workflow's `sleep` (nodes may not use timers of their own). */
export const n8nClock: Clock = {
	now: () => Date.now(),
	sleep: async (ms) => await sleep(ms),
};

/** Rejects with ExecutionCancelledError as soon as `signal` aborts; settles with `promise` otherwise. */
export async function unlessCancelled<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
	if (!signal) return await promise;
	if (signal.aborted) throw new ExecutionCancelledError();
	let onAbort: (() => void) | undefined;
	const cancelled = new Promise<never>((_, reject) => {
		onAbort = () => reject(new ExecutionCancelledError());
		signal.addEventListener('abort', onAbort, { once: true });
	});
	try {
		return await Promise.race([promise, cancelled]);
	} finally {
		signal.removeEventListener('abort', onAbort!);
	}
}
