import {
	buildAgentInteractionRequest,
	buildModelInteractionRequest,
} from '../../nodes/shared/wire/request/interactionRequest';
import { chooseModel, CURRENT_MODEL, normalizeModelId } from '../../nodes/shared/wire/request/modelSelection';
import { jsonResponseFormat, parseSchemaParameter } from '../../nodes/shared/wire/request/structuredOutput';
import {
	buildGenerationConfig,
	parseStopSequences,
	systemInstruction,
} from '../../nodes/shared/wire/request/turnOptions';

describe('buildModelInteractionRequest', () => {
	it('maps a turn to snake_case fields and leaves out what is unset', () => {
		expect(buildModelInteractionRequest('gemini-3.5-flash', { input: 'Hi' })).toEqual({
			model: 'gemini-3.5-flash',
			input: 'Hi',
		});
		expect(
			buildModelInteractionRequest(
				'gemini-3.5-flash',
				{
					input: 'And again?',
					previousInteractionId: 'v1_prev',
					systemInstruction: 'You are terse.',
					store: false,
					responseFormat: jsonResponseFormat({ type: 'object' }),
				},
				{ temperature: 0.2 },
			),
		).toEqual({
			model: 'gemini-3.5-flash',
			input: 'And again?',
			previous_interaction_id: 'v1_prev',
			system_instruction: 'You are terse.',
			store: false,
			response_format: { type: 'text', mime_type: 'application/json', schema: { type: 'object' } },
			generation_config: { temperature: 0.2 },
		});
	});

	it('sends store only when it is turned off (the API stores by default)', () => {
		expect(buildModelInteractionRequest('m', { input: 'x', store: true })).not.toHaveProperty('store');
	});

	it('builds agent interactions with background, environment and agent_config', () => {
		expect(
			buildAgentInteractionRequest(
				'deep-research-preview-04-2026',
				{ input: 'Research TPUs', background: true, environment: 'remote' },
				{ type: 'deep-research', thinking_summaries: 'auto' },
			),
		).toEqual({
			agent: 'deep-research-preview-04-2026',
			input: 'Research TPUs',
			background: true,
			environment: 'remote',
			agent_config: { type: 'deep-research', thinking_summaries: 'auto' },
		});
	});
});

describe('buildGenerationConfig', () => {
	it('maps every option to its wire name', () => {
		expect(
			buildGenerationConfig({
				temperature: 0.2,
				topP: 0.9,
				topK: 20,
				maxOutputTokens: 256,
				seed: 7,
				stopSequences: 'END, ###',
				thinkingLevel: 'low',
				thinkingSummaries: true,
			}),
		).toEqual({
			temperature: 0.2,
			top_p: 0.9,
			top_k: 20,
			max_output_tokens: 256,
			seed: 7,
			stop_sequences: ['END', '###'],
			thinking_level: 'low',
			thinking_summaries: 'auto',
		});
	});

	it('is absent when nothing is set, and keeps zero values', () => {
		expect(buildGenerationConfig({})).toBeUndefined();
		expect(buildGenerationConfig({ temperature: 0, thinkingSummaries: false })).toEqual({
			temperature: 0,
			thinking_summaries: 'none',
		});
	});

	it('splits stop sequences on commas, allowing an escaped comma', () => {
		expect(parseStopSequences('a\\,b, c ,')).toEqual(['a,b', 'c']);
		expect(parseStopSequences('  ')).toBeUndefined();
	});

	it('drops a blank system instruction', () => {
		expect(systemInstruction({ systemInstruction: '   ' })).toBeUndefined();
		expect(systemInstruction({ systemInstruction: 'Be brief' })).toBe('Be brief');
	});
});

describe('chooseModel', () => {
	it.each(['gemini-1.5-pro', 'gemini-2.0-flash', 'gemini-2.5-flash', 'models/gemini-2.5-pro', 'gemini-2.0-flash-001'])(
		'replaces deprecated %s and says so',
		(requested) => {
			const choice = chooseModel(requested, true);
			expect(choice.model).toBe(CURRENT_MODEL);
			expect(choice.substitution?.requested).toBe(normalizeModelId(requested));
			expect(choice.substitution?.reason).toContain(normalizeModelId(requested));
		},
	);

	it('keeps current models and honours turning replacement off', () => {
		expect(chooseModel('gemini-3.5-pro', true)).toEqual({ model: 'gemini-3.5-pro' });
		expect(chooseModel('gemini-3-flash-preview', true)).toEqual({ model: 'gemini-3-flash-preview' });
		expect(chooseModel('gemini-2.0-flash', false)).toEqual({ model: 'gemini-2.0-flash' });
		expect(chooseModel('gemini-25-custom', true)).toEqual({ model: 'gemini-25-custom' });
	});

	it('accepts list values in Gemini API and Vertex form', () => {
		expect(normalizeModelId('models/gemini-3.5-flash')).toBe('gemini-3.5-flash');
		expect(normalizeModelId('publishers/google/models/gemini-3.5-pro')).toBe('gemini-3.5-pro');
	});
});

describe('parseSchemaParameter', () => {
	it('accepts JSON text and objects from expressions', () => {
		expect(parseSchemaParameter('{"type":"object"}')).toEqual({ ok: true, value: { type: 'object' } });
		expect(parseSchemaParameter({ properties: {} })).toEqual({ ok: true, value: { properties: {} } });
	});

	it.each([
		['', 'empty'],
		['{"type": "object",', 'not valid JSON'],
		['[1,2]', 'JSON object'],
		['{"title":"x"}', '"type"'],
	])('rejects %j with a reason', (value, reason) => {
		const parsed = parseSchemaParameter(value);
		expect(parsed.ok).toBe(false);
		expect(!parsed.ok && parsed.reason).toContain(reason);
	});
});
