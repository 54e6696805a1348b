import { continuationRequest, mergeHops } from '../../nodes/shared/wire/response/continuation';
import type { Interaction, ModelInteractionRequest } from '../../nodes/shared/wire/types';

const request: ModelInteractionRequest = {
	model: 'gemini-3.5-flash',
	input: 'Write a long story',
	previous_interaction_id: 'v1_earlier',
	system_instruction: 'Be vivid',
};

const text = (t: string) => ({ type: 'model_output' as const, content: [{ type: 'text' as const, text: t }] });

describe('continuationRequest', () => {
	it('asks for the next part like the SDK: no input, the token, the paused hop as previous interaction', () => {
		expect(continuationRequest(request, { id: 'v1_hop1', status: 'requires_continuation', continuation_token: 'ct_1' })).toEqual({
			model: 'gemini-3.5-flash',
			system_instruction: 'Be vivid',
			previous_interaction_id: 'v1_hop1',
			continuation_token: 'ct_1',
		});
	});

	it('re-sends the whole request for a turn that is not stored', () => {
		const unstored = { ...request, previous_interaction_id: undefined, store: false };
		expect(continuationRequest(unstored, { status: 'requires_continuation', continuation_token: 'ct_2' })).toEqual({
			...unstored,
			continuation_token: 'ct_2',
		});
	});

	it('stops when the answer is complete or no token came', () => {
		expect(continuationRequest(request, { id: 'x', status: 'completed' })).toBeUndefined();
		expect(continuationRequest(request, { id: 'x', status: 'requires_continuation' })).toBeUndefined();
	});
});

describe('mergeHops', () => {
	it('joins steps in order, adds usage up, and keeps the last hop\'s id and status', () => {
		const hops: Interaction[] = [
			{ id: 'a', status: 'requires_continuation', steps: [{ type: 'thought', signature: 's' }, text('Once ')], usage: { total_tokens: 10, total_output_tokens: 4 } },
			{ id: 'b', status: 'requires_continuation', steps: [text('upon ')], usage: { total_tokens: 5, total_output_tokens: 2 } },
			{ id: 'c', status: 'completed', steps: [text('a time.')], usage: { total_tokens: 6, total_output_tokens: 3 } },
		];
		expect(mergeHops(hops)).toEqual({
			id: 'c',
			status: 'completed',
			steps: [{ type: 'thought', signature: 's' }, text('Once '), text('upon '), text('a time.')],
			usage: { total_tokens: 21, total_output_tokens: 9 },
			continuation_ids: ['a', 'b', 'c'],
		});
	});

	it('returns a single hop as it is', () => {
		const only: Interaction = { id: 'a', status: 'completed', steps: [text('Hi')] };
		expect(mergeHops([only])).toBe(only);
	});
});
