import { buildModelInteractionRequest } from '../../nodes/shared/wire/request/interactionRequest';
import { FLEX_TIMEOUT_SECONDS, turnTimeoutMs } from '../../nodes/shared/wire/request/serviceTier';

describe('service tier', () => {
	it('goes on the request as service_tier, only when chosen', () => {
		expect(buildModelInteractionRequest('gemini-3.5-flash', { input: 'Hi', serviceTier: 'flex' })).toEqual({
			model: 'gemini-3.5-flash',
			input: 'Hi',
			service_tier: 'flex',
		});
		expect(buildModelInteractionRequest('gemini-3.5-flash', { input: 'Hi', serviceTier: '' })).toEqual({
			model: 'gemini-3.5-flash',
			input: 'Hi',
		});
	});

	it('gives Flex turns a timeout beyond its 15-minute latency target unless the user set one', () => {
		expect(FLEX_TIMEOUT_SECONDS).toBeGreaterThan(15 * 60);
		expect(turnTimeoutMs(undefined, 'flex', 300)).toBe(FLEX_TIMEOUT_SECONDS * 1000);
		expect(turnTimeoutMs(undefined, 'standard', 300)).toBe(300_000);
		expect(turnTimeoutMs(undefined, undefined, 60)).toBe(60_000);
		expect(turnTimeoutMs(45, 'flex', 300)).toBe(45_000);
	});
});
