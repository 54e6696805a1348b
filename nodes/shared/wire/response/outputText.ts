import type { Content, Step } from '../types';
import { lastTurnSteps } from './turnSteps';

/**
 * The answer text, by the rule Google's SDK uses for `output_text`: walking back from the
 * end of the turn (stopping at the user's input, skipping thoughts), the trailing run of
 * consecutive text blocks in `model_output` steps, joined in order.
 */
export function outputText(steps: Step[] | undefined): string {
	const collected: string[] = [];
	const turn = lastTurnSteps(steps);
	for (let s = turn.length - 1; s >= 0; s--) {
		const step = turn[s];
		if (step.type === 'thought') continue;
		if (step.type !== 'model_output') {
			if (collected.length > 0) break;
			continue;
		}
		const content = (step.content ?? []) as Content[];
		for (let c = content.length - 1; c >= 0; c--) {
			const block = content[c];
			if (block.type !== 'text') {
				if (collected.length > 0) return collected.reverse().join('');
				continue;
			}
			collected.push(block.text);
		}
	}
	return collected.reverse().join('');
}

/** Thought summaries of the turn, in order (only present when thinking summaries are on). */
export function thoughtSummaries(steps: Step[] | undefined): string[] {
	const summaries: string[] = [];
	for (const step of steps ?? []) {
		if (step.type !== 'thought') continue;
		for (const block of (step.summary ?? []) as Content[]) {
			if (block.type === 'text' && block.text) summaries.push(block.text);
		}
	}
	return summaries;
}
