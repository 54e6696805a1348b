import type { Usage } from '../types';

/** Usage of two requests of one turn (continuation hops, tool rounds): counts added, other fields kept. */
export function addUsage(total: Usage | undefined, next: Usage | undefined): Usage | undefined {
	if (!total || !next) return total ?? next;
	const sum: Usage = { ...total };
	for (const [key, value] of Object.entries(next)) {
		const current = sum[key];
		sum[key] = typeof value === 'number' && typeof current === 'number' ? current + value : (current ?? value);
	}
	return sum;
}
