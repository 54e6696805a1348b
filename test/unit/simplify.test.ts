import { rawInteraction, simplifyInteraction } from '../../nodes/shared/wire/response/simplify';
import { describeFailure } from '../../nodes/shared/wire/response/status';
import { parseStructuredText } from '../../nodes/shared/wire/response/structuredOutput';
import type { Interaction } from '../../nodes/shared/wire/types';

const completed: Interaction = {
	id: 'v1_abc',
	object: 'interaction',
	status: 'completed',
	model: 'gemini-3.5-flash',
	usage: { total_input_tokens: 7, total_output_tokens: 19, total_tokens: 26 },
	steps: [
		{ type: 'thought', signature: 'CqwB' },
		{ type: 'model_output', content: [{ type: 'text', text: 'Hello there' }] },
	],
};

describe('simplifyInteraction', () => {
	it('gives id, status, text, usage and model', () => {
		expect(simplifyInteraction(completed)).toEqual({
			id: 'v1_abc',
			status: 'completed',
			text: 'Hello there',
			usage: { total_input_tokens: 7, total_output_tokens: 19, total_tokens: 26 },
			model: 'gemini-3.5-flash',
		});
	});

	it('keeps a store:false interaction (no id) usable', () => {
		const { id, ...withoutId } = completed;
		expect(id).toBe('v1_abc');
		expect(simplifyInteraction(withoutId).id).toBeNull();
	});

	it('adds function calls, parsed output, the agent and notices when present', () => {
		const simplified = simplifyInteraction(
			{
				...completed,
				model: undefined,
				agent: 'deep-research-preview-04-2026',
				environment_id: 'env_1',
				status: 'requires_action',
				steps: [{ type: 'function_call', id: 'call_1', name: 'lookup', arguments: { q: 'x' } }],
			},
			{ output: { name: 'Ada' }, notice: 'swapped', modelSubstitution: { requested: 'a', used: 'b' } },
		);
		expect(simplified).toMatchObject({
			status: 'requires_action',
			text: '',
			output: { name: 'Ada' },
			functionCalls: [{ id: 'call_1', name: 'lookup', args: { q: 'x' } }],
			agent: 'deep-research-preview-04-2026',
			environmentId: 'env_1',
			notice: 'swapped',
			modelSubstitution: { requested: 'a', used: 'b' },
		});
		expect(simplified).not.toHaveProperty('model');
	});

	it('raw output keeps every field and adds the notices', () => {
		const raw = rawInteraction(completed, { notice: 'n' });
		expect(raw).toMatchObject({ ...completed, notice: 'n' });
	});
});

describe('parseStructuredText', () => {
	it('parses JSON and JSON inside a Markdown fence', () => {
		expect(parseStructuredText('{"a":1}')).toEqual({ ok: true, value: { a: 1 } });
		expect(parseStructuredText('```json\n{"a":[1,2]}\n```')).toEqual({ ok: true, value: { a: [1, 2] } });
	});

	it('keeps the raw text when it is not JSON', () => {
		const parsed = parseStructuredText('Sorry, no JSON today');
		expect(parsed).toMatchObject({ ok: false, raw: 'Sorry, no JSON today' });
		expect(parseStructuredText('')).toMatchObject({ ok: false, reason: 'the model returned no text' });
	});
});

describe('describeFailure', () => {
	it('names the status, the id and Google\'s reasons', () => {
		const failure = describeFailure({
			id: 'v1_x',
			agent: 'deep-research-preview-04-2026',
			status: 'failed',
			errors: [{ code: 'internal', message: 'simulated failure' }],
		});
		expect(failure?.message).toBe('Agent run deep-research-preview-04-2026 (id v1_x) failed');
		expect(failure?.description).toContain('internal: simulated failure');
		expect(failure?.description).toContain('v1_x');
	});

	it('passes completed and waiting interactions, and statuses not asked about', () => {
		expect(describeFailure({ status: 'completed' })).toBeUndefined();
		expect(describeFailure({ status: 'requires_action' })).toBeUndefined();
		expect(describeFailure({ status: 'incomplete' }, ['failed'])).toBeUndefined();
		expect(describeFailure({ status: 'budget_exceeded' })?.message).toContain('token budget');
	});
});
