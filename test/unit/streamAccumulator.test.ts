import { outputText } from '../../nodes/shared/wire/response/outputText';
import type { StreamEvent } from '../../nodes/shared/wire/response/streamAccumulator';
import { parseStreamEvent, StreamAccumulator } from '../../nodes/shared/wire/response/streamAccumulator';

function applyAll(events: StreamEvent[]) {
	const accumulator = new StreamAccumulator();
	const results = events.map((event) => accumulator.apply(event));
	return { accumulator, results, interaction: accumulator.interaction };
}

const texts = (results: Array<{ text?: string }>) => results.map((r) => r.text).filter((t) => t !== undefined);

/** A recorded-shape model turn (wire reference §8.2): thought, answer with a citation, completed. */
const turn: StreamEvent[] = [
	{ event_type: 'interaction.created', interaction: { id: 'v1_abc', status: 'in_progress', object: 'interaction', model: 'gemini-3.5-flash' } },
	{ event_type: 'interaction.status_update', interaction_id: 'v1_abc', status: 'in_progress' },
	{ event_type: 'step.start', index: 0, step: { type: 'thought' } },
	{ event_type: 'step.delta', index: 0, delta: { type: 'thought_summary', content: { type: 'text', text: '**Planning** ' } } },
	{ event_type: 'step.delta', index: 0, delta: { type: 'thought_summary', content: { type: 'text', text: 'the answer' } } },
	{ event_type: 'step.delta', index: 0, delta: { type: 'thought_signature', signature: 'CqwB' } },
	{ event_type: 'step.stop', index: 0 },
	{ event_type: 'step.start', index: 1, step: { type: 'model_output' } },
	{ event_type: 'step.delta', index: 1, delta: { type: 'text', text: 'Hello ' } },
	{ event_type: 'step.delta', index: 1, delta: { type: 'text', text: '' } },
	{ event_type: 'step.delta', index: 1, delta: { type: 'text', text: 'world.' } },
	{
		event_type: 'step.delta',
		index: 1,
		delta: { type: 'text_annotation_delta', annotations: [{ type: 'url_citation', url: 'https://example.com', start_index: 0, end_index: 5 }] },
	},
	{ event_type: 'step.stop', index: 1 },
	{
		event_type: 'interaction.completed',
		interaction: { id: 'v1_abc', status: 'completed', usage: { total_tokens: 12 }, created: '2026-05-15T18:51:55Z', object: 'interaction', model: 'gemini-3.5-flash' },
	},
];

describe('StreamAccumulator', () => {
	it('rebuilds the interaction of a model turn from its events', () => {
		const { interaction, results } = applyAll(turn);
		expect(interaction).toEqual({
			id: 'v1_abc',
			status: 'completed',
			object: 'interaction',
			model: 'gemini-3.5-flash',
			created: '2026-05-15T18:51:55Z',
			usage: { total_tokens: 12 },
			steps: [
				{ type: 'thought', signature: 'CqwB', summary: [{ type: 'text', text: '**Planning** the answer' }] },
				{
					type: 'model_output',
					content: [
						{
							type: 'text',
							text: 'Hello world.',
							annotations: [{ type: 'url_citation', url: 'https://example.com', start_index: 0, end_index: 5 }],
						},
					],
				},
			],
		});
		expect(outputText(interaction.steps)).toBe('Hello world.');
		expect(results.at(-1)).toEqual({ status: 'completed', done: true });
	});

	it('returns answer text deltas, never thought summaries', () => {
		const { results } = applyAll(turn);
		expect(texts(results)).toEqual(['Hello ', 'world.']);
	});

	it('reports status changes', () => {
		const { results } = applyAll(turn);
		expect(results.map((r) => r.status).filter(Boolean)).toEqual(['in_progress', 'in_progress', 'completed']);
	});

	it('joins arguments_delta JSON fragments and parses them at step.stop', () => {
		const { interaction } = applyAll([
			{ event_type: 'interaction.created', interaction: { id: 'v1_fc', status: 'in_progress' } },
			{ event_type: 'step.start', index: 0, step: { type: 'function_call', id: '61nz', signature: '', name: 'getWeather', arguments: {} } },
			{ event_type: 'step.delta', index: 0, delta: { type: 'arguments_delta', arguments: '{"location":"San ' } },
			{ event_type: 'step.delta', index: 0, delta: { type: 'arguments_delta', arguments: 'Francisco","days":' } },
			{ event_type: 'step.delta', index: 0, delta: { type: 'arguments_delta', arguments: '3}' } },
			{ event_type: 'step.stop', index: 0 },
			{ event_type: 'step.start', index: 1, step: { type: 'function_call', id: 'noargs', name: 'now', arguments: {} } },
			{ event_type: 'step.stop', index: 1 },
			{ event_type: 'step.start', index: 2, step: { type: 'function_call', id: 'broken', name: 'x', arguments: {} } },
			{ event_type: 'step.delta', index: 2, delta: { type: 'arguments_delta', arguments: '{"a":' } },
			{ event_type: 'step.stop', index: 2 },
			{ event_type: 'interaction.completed', interaction: { id: 'v1_fc', status: 'requires_action' } },
		]);
		expect(interaction.status).toBe('requires_action');
		expect(interaction.steps).toEqual([
			{ type: 'function_call', id: '61nz', name: 'getWeather', arguments: { location: 'San Francisco', days: 3 } },
			{ type: 'function_call', id: 'noargs', name: 'now', arguments: {} },
			{ type: 'function_call', id: 'broken', name: 'x', arguments: { _raw: '{"a":' } },
		]);
	});

	it('adds media deltas as content blocks of the output step', () => {
		const { interaction, results } = applyAll([
			{ event_type: 'step.start', index: 0, step: { type: 'model_output' } },
			{ event_type: 'step.delta', index: 0, delta: { type: 'text', text: 'Here it is:' } },
			{ event_type: 'step.delta', index: 0, delta: { type: 'image', data: 'iVBORw0KGgo=', mime_type: 'image/png' } },
			{ event_type: 'step.delta', index: 0, delta: { type: 'audio', uri: 'https://example.com/a.wav', mime_type: 'audio/wav' } },
			{ event_type: 'step.stop', index: 0 },
		]);
		expect(interaction.steps).toEqual([
			{
				type: 'model_output',
				content: [
					{ type: 'text', text: 'Here it is:' },
					{ type: 'image', data: 'iVBORw0KGgo=', mime_type: 'image/png' },
					{ type: 'audio', uri: 'https://example.com/a.wav', mime_type: 'audio/wav' },
				],
			},
		]);
		expect(texts(results)).toEqual(['Here it is:']);
	});

	it('fills built-in tool steps from their deltas', () => {
		const { interaction } = applyAll([
			{ event_type: 'step.start', index: 0, step: { type: 'google_search_call', id: 's1', signature: '' } },
			{ event_type: 'step.delta', index: 0, delta: { type: 'google_search_call', arguments: { queries: ['q'] }, signature: 'sig' } },
			{ event_type: 'step.stop', index: 0 },
			{ event_type: 'step.start', index: 1, step: { type: 'google_search_result', call_id: 's1', signature: '' } },
			{ event_type: 'step.delta', index: 1, delta: { type: 'google_search_result', result: [{ search_suggestions: '<div/>' }] } },
			{ event_type: 'step.stop', index: 1 },
		]);
		expect(interaction.steps).toEqual([
			{ type: 'google_search_call', id: 's1', arguments: { queries: ['q'] }, signature: 'sig' },
			{ type: 'google_search_result', call_id: 's1', result: [{ search_suggestions: '<div/>' }] },
		]);
	});

	it('leaves the id out for store:false streams, whose ids are empty strings', () => {
		const { interaction } = applyAll([
			{ event_type: 'interaction.created', interaction: { id: '', status: 'in_progress', model: 'gemini-3.5-flash' } },
			{ event_type: 'interaction.status_update', interaction_id: '', status: 'in_progress' },
			{ event_type: 'interaction.completed', interaction: { id: '', status: 'completed' } },
		]);
		expect(interaction).not.toHaveProperty('id');
		expect(interaction.status).toBe('completed');
	});

	it('takes the id from a status update when the created event had none', () => {
		const { interaction } = applyAll([{ event_type: 'interaction.status_update', interaction_id: 'v1_late', status: 'in_progress' }]);
		expect(interaction.id).toBe('v1_late');
	});

	it('reports an error event without throwing', () => {
		const { results } = applyAll([
			{ event_type: 'interaction.created', interaction: { id: 'v1_e', status: 'in_progress' } },
			{ event_type: 'error', error: { code: 'unavailable', message: 'Overloaded' } },
			{ event_type: 'error' },
		]);
		expect(results[1]).toEqual({ error: { code: 'unavailable', message: 'Overloaded' } });
		expect(results[2].error?.message).toMatch(/error/);
	});

	it('tracks the last event id (from the payload or the SSE id line) and skips repeated events', () => {
		const accumulator = new StreamAccumulator();
		accumulator.apply({ event_type: 'step.start', index: 0, step: { type: 'model_output' }, event_id: 'evt_1' });
		expect(accumulator.apply({ event_type: 'step.delta', index: 0, delta: { type: 'text', text: 'a' } }, 'evt_2')).toEqual({ text: 'a' });
		expect(accumulator.lastEventId).toBe('evt_2');
		// A resumed stream that starts over: already applied events change nothing.
		expect(accumulator.apply({ event_type: 'step.delta', index: 0, delta: { type: 'text', text: 'a' }, event_id: 'evt_2' })).toEqual({
			duplicate: true,
		});
		accumulator.apply({ event_type: 'step.delta', index: 0, delta: { type: 'text', text: 'b' }, event_id: 'evt_3' });
		expect(outputText(accumulator.interaction.steps)).toBe('ab');
		expect(accumulator.lastEventId).toBe('evt_3');
	});

	it('creates a step for a delta whose step.start it missed', () => {
		const { interaction, results } = applyAll([{ event_type: 'step.delta', index: 0, delta: { type: 'text', text: 'orphan' } }]);
		expect(interaction.steps).toEqual([{ type: 'model_output', content: [{ type: 'text', text: 'orphan' }] }]);
		expect(texts(results)).toEqual(['orphan']);
	});

	it('ignores unknown events and keeps known fields when later events leave them out', () => {
		const { interaction } = applyAll([
			{ event_type: 'interaction.created', interaction: { id: 'v1_x', status: 'in_progress', model: 'm' } },
			{ event_type: 'something.new', foo: 1 },
			{ event_type: 'interaction.completed', interaction: { id: 'v1_x', status: 'completed', model: undefined } },
		]);
		expect(interaction).toMatchObject({ id: 'v1_x', status: 'completed', model: 'm' });
	});
});

describe('parseStreamEvent', () => {
	it('reads the Interactions event from SSE data', () => {
		expect(parseStreamEvent('{"event_type":"step.stop","index":1}')).toEqual({ event_type: 'step.stop', index: 1 });
	});

	it('takes the SSE event name when the data has no event_type', () => {
		expect(parseStreamEvent('{"index":0}', 'step.start')).toEqual({ event_type: 'step.start', index: 0 });
		expect(parseStreamEvent('{"event_type":"error"}', 'other')).toEqual({ event_type: 'error' });
	});

	it('ignores [DONE], non-JSON data, and JSON that is not an event', () => {
		expect(parseStreamEvent('[DONE]')).toBeUndefined();
		expect(parseStreamEvent('not json')).toBeUndefined();
		expect(parseStreamEvent('42')).toBeUndefined();
		expect(parseStreamEvent('{"index":0}')).toBeUndefined();
	});
});
