import { sleep } from 'n8n-workflow';

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
