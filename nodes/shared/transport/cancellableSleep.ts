import { sleep } from 'n8n-workflow';

/** Thrown when the workflow execution is cancelled while the node waits. */
export class ExecutionCancelledError extends Error {
	constructor() {
		super('The execution was cancelled');
		this.name = 'ExecutionCancelledError';
	}
}

/** Longest single `sleep`, so a cancel is noticed quickly (n8n-workflow exports no abortable sleep on older hosts). */
const SLICE_MS = 200;

export async function cancellableSleep(ms: number, signal?: AbortSignal): Promise<void> {
	const until = Date.now() + ms;
	for (;;) {
		if (signal?.aborted) throw new ExecutionCancelledError();
		const remaining = until - Date.now();
		if (remaining <= 0) return;
		await sleep(Math.min(remaining, SLICE_MS));
	}
}
