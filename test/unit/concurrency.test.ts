/* eslint-disable -- test code runs in Node, not in n8n: eslint.dev.config.mjs lints it instead of n8n's node rules */
import { mapWithConcurrency } from '../../nodes/shared/scheduling/concurrency';

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('mapWithConcurrency', () => {
	it('keeps input order and never runs more than the limit at once', async () => {
		let running = 0;
		let peak = 0;
		const results = await mapWithConcurrency(7, 3, async (index) => {
			running++;
			peak = Math.max(peak, running);
			await tick(5 + ((index * 7) % 4) * 5);
			running--;
			return index * 10;
		});
		expect(results).toEqual([0, 10, 20, 30, 40, 50, 60]);
		expect(peak).toBe(3);
	});

	it('stops starting new work after a failure and rethrows it', async () => {
		const started: number[] = [];
		await expect(
			mapWithConcurrency(10, 2, async (index) => {
				started.push(index);
				await tick(2);
				if (index === 1) throw new Error('item 1 failed');
				return index;
			}),
		).rejects.toThrow('item 1 failed');
		expect(started.length).toBeLessThan(10);
	});

	it('handles no items and a nonsense limit', async () => {
		expect(await mapWithConcurrency(0, 5, async () => 1)).toEqual([]);
		expect(await mapWithConcurrency(2, 0, async (i) => i)).toEqual([0, 1]);
	});
});
