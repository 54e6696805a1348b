import { outputText, thoughtSummaries } from '../../nodes/shared/wire/response/outputText';
import type { Step } from '../../nodes/shared/wire/types';

const text = (t: string) => ({ type: 'text' as const, text: t });
const image = { type: 'image' as const, data: 'iVBORw0KGgo=', mime_type: 'image/png' };

describe('outputText (the SDK output_text rule)', () => {
	it('joins the trailing text blocks across model_output steps, skipping thoughts', () => {
		const steps: Step[] = [
			{ type: 'model_output', content: [text('part1 '), text('part2')] },
			{ type: 'thought', signature: 'sig' },
			{ type: 'model_output', content: [text(' part3')] },
		];
		expect(outputText(steps)).toBe('part1 part2 part3');
	});

	it('stops at a non-text block once text was collected', () => {
		const steps: Step[] = [{ type: 'model_output', content: [text('A2 '), image, text('A3')] }];
		expect(outputText(steps)).toBe('A3');
	});

	it('stops at the user input: earlier turns of a GET timeline are not the answer', () => {
		const steps: Step[] = [
			{ type: 'user_input', content: [text('first question')] },
			{ type: 'model_output', content: [text('first answer')] },
			{ type: 'user_input', content: [text('second question')] },
			{ type: 'model_output', content: [text('second answer')] },
		];
		expect(outputText(steps)).toBe('second answer');
	});

	it('does not take steps[-1].content[0]: a trailing function call leaves the earlier text', () => {
		const steps: Step[] = [
			{ type: 'model_output', content: [text('Let me check the weather.')] },
			{ type: 'function_call', id: 'c1', name: 'get_weather', arguments: { city: 'Paris' } },
		];
		expect(outputText(steps)).toBe('Let me check the weather.');
	});

	it('ends the run at a tool step after text was collected', () => {
		const steps: Step[] = [
			{ type: 'model_output', content: [text('before search')] },
			{ type: 'google_search_call', id: 's1', arguments: { queries: ['x'] } },
			{ type: 'model_output', content: [text('after search')] },
		];
		expect(outputText(steps)).toBe('after search');
	});

	it('is empty without steps or text', () => {
		expect(outputText(undefined)).toBe('');
		expect(outputText([{ type: 'model_output', content: [image] }])).toBe('');
	});

	it('collects thought summaries in order', () => {
		const steps: Step[] = [
			{ type: 'thought', signature: 's', summary: [text('Plan the answer')] },
			{ type: 'thought', summary: [text('Check the facts')] },
			{ type: 'model_output', content: [text('Done')] },
		];
		expect(thoughtSummaries(steps)).toEqual(['Plan the answer', 'Check the facts']);
	});
});
