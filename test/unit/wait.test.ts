import {
	isSettled,
	MAX_QUIET_RESUMES,
	resumeDelay,
	streamUnsupported,
} from '../../nodes/shared/interactions/follow';

describe('waiting rules', () => {
	it('stops waiting at terminal statuses and when the run waits for the client', () => {
		for (const status of [
			'completed',
			'failed',
			'cancelled',
			'incomplete',
			'budget_exceeded',
			'requires_action',
			'requires_continuation',
		]) {
			expect(isSettled(status)).toBe(true);
		}
		for (const status of ['queued', 'in_progress', undefined]) expect(isSettled(status)).toBe(false);
	});

	it('resumes at once after a healthy connection, then backs off up to 16 s', () => {
		expect([0, 1, 2, 3, 4, 5, 6].map(resumeDelay)).toEqual([0, 1000, 2000, 4000, 8000, 16000, 16000]);
		// The longest a dead stream can hold an item before the error: all backoffs together.
		const total = Array.from({ length: MAX_QUIET_RESUMES }, (_, n) => resumeDelay(n + 1)).reduce((a, b) => a + b, 0);
		expect(total).toBe(79_000);
	});

	it('polls only when the server cannot stream (404/405/501), not on transient errors', () => {
		expect(['404', '405', '501'].every(streamUnsupported)).toBe(true);
		expect(['400', '429', '500', '503', undefined].some(streamUnsupported)).toBe(false);
	});
});
