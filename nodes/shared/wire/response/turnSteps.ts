import type { Step } from '../types';

/** The steps of the last turn: everything after the user's last input (all steps when there is none). */
export function lastTurnSteps(steps: Step[] | undefined): Step[] {
	const all = steps ?? [];
	for (let i = all.length - 1; i >= 0; i--) if (all[i].type === 'user_input') return all.slice(i + 1);
	return all;
}
