import { mergeAdditionalFields, parseAdditionalFields } from '../../nodes/shared/wire/request/additionalFields';
import { buildCustomAgentUpdate } from '../../nodes/shared/wire/request/agentConfig';
import { buildModelInteractionRequest } from '../../nodes/shared/wire/request/interactionRequest';
import { buildLabels } from '../../nodes/shared/wire/request/labels';
import { buildOutputFormat } from '../../nodes/shared/wire/request/outputFormat';
import { buildSafetySettings } from '../../nodes/shared/wire/request/safetySettings';
import { buildToolChoice, builtInTools } from '../../nodes/shared/wire/request/tools';
import { blockedAnswer } from '../../nodes/shared/wire/response/blocked';
import { tokenCounts } from '../../nodes/shared/wire/response/usage';
import type { Tool } from '../../nodes/shared/wire/types';

const failure = (reason: RegExp) => ({ ok: false, reason: expect.stringMatching(reason) });

describe('safety settings', () => {
	it('map each category to {type, threshold, method?}', () => {
		expect(
			buildSafetySettings([
				{ category: 'harassment', threshold: 'block_only_high', method: '' },
				{ category: 'dangerous_content', threshold: 'off', method: 'severity' },
			]),
		).toEqual({
			ok: true,
			value: [
				{ type: 'harassment', threshold: 'block_only_high' },
				{ type: 'dangerous_content', threshold: 'off', method: 'severity' },
			],
		});
		expect(buildSafetySettings(undefined)).toEqual({ ok: true, value: undefined });
	});

	it('refuse unknown values (from expressions) and a category set twice', () => {
		expect(buildSafetySettings([{ category: 'violence', threshold: 'off' }])).toEqual(failure(/setting 1 has the category "violence"/));
		expect(buildSafetySettings([{ category: 'harassment', threshold: 'BLOCK_NONE' }])).toEqual(failure(/threshold "BLOCK_NONE"/));
		expect(buildSafetySettings([{ category: 'harassment', threshold: 'off', method: 'vibes' }])).toEqual(failure(/method "vibes"/));
		expect(
			buildSafetySettings([{ category: 'harassment', threshold: 'off' }, { category: 'harassment', threshold: 'block_none' }]),
		).toEqual(failure(/harassment is set twice/));
	});
});

describe('labels', () => {
	it('become a map; an empty value is allowed; international lowercase letters too', () => {
		expect(buildLabels({ label: [{ key: 'team', value: 'support' }, { key: 'env', value: '' }, { key: 'équipe', value: 'ventes' }] })).toEqual({
			ok: true,
			value: { team: 'support', env: '', équipe: 'ventes' },
		});
		expect(buildLabels({ label: [] })).toEqual({ ok: true, value: undefined });
	});

	it.each([
		['Team', 'a', /key "Team"/],
		['1st', 'a', /key "1st"/],
		['a'.repeat(64), 'a', /key "a{64}"/],
		['team', 'Support', /value "Support"/],
		['team', 'a b', /value "a b"/],
		['team', 'a'.repeat(64), /value "a{64}"/],
	])('refuse key %j value %j', (key, value, reason) => {
		expect(buildLabels({ label: [{ key, value }] })).toEqual(failure(reason));
	});

	it('refuse a key twice and more than 64 labels', () => {
		expect(buildLabels({ label: [{ key: 'a', value: '1' }, { key: 'a', value: '2' }] })).toEqual(failure(/"a" is set twice/));
		const many = Array.from({ length: 65 }, (_, i) => ({ key: `k${i}`, value: 'v' }));
		expect(buildLabels({ label: many })).toEqual(failure(/65 labels; at most 64/));
	});

	it('go on the wire as labels, with safety_settings', () => {
		expect(
			buildModelInteractionRequest('gemini-3.5-flash', {
				input: 'Hi',
				labels: { team: 'support' },
				safetySettings: [{ type: 'harassment', threshold: 'off' }],
			}),
		).toEqual({
			model: 'gemini-3.5-flash',
			input: 'Hi',
			labels: { team: 'support' },
			safety_settings: [{ type: 'harassment', threshold: 'off' }],
		});
	});
});

describe('tool choice', () => {
	const tools: Tool[] = [
		{ type: 'function', name: 'get_weather' },
		{ type: 'function', name: 'get_time' },
	];
	it('is a mode alone, or allowed_tools when functions are named', () => {
		expect(buildToolChoice({ toolChoice: 'any' }, tools)).toEqual({ ok: true, value: 'any' });
		expect(buildToolChoice({ toolChoice: 'none' }, [])).toEqual({ ok: true, value: 'none' });
		expect(buildToolChoice({}, tools)).toEqual({ ok: true, value: undefined });
		expect(buildToolChoice({ toolChoice: 'auto', allowedFunctions: 'get_time' }, tools)).toEqual({
			ok: true,
			value: { allowed_tools: { mode: 'auto', tools: ['get_time'] } },
		});
		expect(buildToolChoice({ allowedFunctions: 'get_time, get_weather' }, tools)).toEqual({
			ok: true,
			value: { allowed_tools: { mode: 'any', tools: ['get_time', 'get_weather'] } },
		});
	});

	it('refuses an undeclared function, "none" with names, and a mode without any tool', () => {
		expect(buildToolChoice({ toolChoice: 'any', allowedFunctions: 'get_news' }, tools)).toEqual(
			failure(/"get_news" is not declared in this turn \(declared: get_weather, get_time\)/),
		);
		expect(buildToolChoice({ toolChoice: 'none', allowedFunctions: 'get_time' }, tools)).toEqual(failure(/"None" forbids every function/));
		expect(buildToolChoice({ toolChoice: 'any' }, [])).toEqual(failure(/needs functions or tools/));
		expect(buildToolChoice({ toolChoice: 'auto' }, [])).toEqual({ ok: true, value: 'auto' });
	});
});

describe('Google Maps', () => {
	it('is a built-in tool with an optional location and widget', () => {
		expect(builtInTools({ googleMaps: { values: {} } })).toEqual({ ok: true, value: [{ type: 'google_maps' }] });
		expect(builtInTools({ googleMaps: { values: { latitude: '48.8584', longitude: ' 2.2945 ', enableWidget: true } } })).toEqual({
			ok: true,
			value: [{ type: 'google_maps', latitude: 48.8584, longitude: 2.2945, enable_widget: true }],
		});
	});

	it('refuses coordinates out of range or alone', () => {
		expect(builtInTools({ googleMaps: { values: { latitude: '91', longitude: '0' } } })).toEqual(failure(/latitude "91"/));
		expect(builtInTools({ googleMaps: { values: { latitude: 'north', longitude: '0' } } })).toEqual(failure(/latitude "north"/));
		expect(builtInTools({ googleMaps: { values: { latitude: '10' } } })).toEqual(failure(/both latitude and longitude/));
	});
});

describe('output format: images and speech', () => {
	it('puts aspect ratio and size on the image format, the audio format on audio, voice and language in speech_config', () => {
		expect(
			buildOutputFormat({
				outputTypes: ['text', 'image', 'audio'],
				imageAspectRatio: '16:9',
				imageSize: '2K',
				audioMimeType: 'audio/wav',
				speechVoice: 'Kore',
				speechLanguage: 'en-US',
			}),
		).toEqual({
			ok: true,
			value: {
				responseFormat: [
					{ type: 'text' },
					{ type: 'image', aspect_ratio: '16:9', image_size: '2K' },
					{ type: 'audio', mime_type: 'audio/wav' },
				],
				speechConfig: [{ voice: 'Kore', language: 'en-US' }],
			},
		});
	});

	it('sends nothing for text only', () => {
		expect(buildOutputFormat({ outputTypes: ['text'] })).toEqual({ ok: true, value: { responseFormat: undefined, speechConfig: undefined } });
	});

	it('refuses image options without image output, speech options without audio, and unknown values', () => {
		expect(buildOutputFormat({ outputTypes: ['text'], imageAspectRatio: '1:1' })).toEqual(failure(/"Image Aspect Ratio" applies to image output/));
		expect(buildOutputFormat({ outputTypes: ['image'], speechVoice: 'Kore' })).toEqual(failure(/"Speech Voice" applies to audio output/));
		expect(buildOutputFormat({ outputTypes: ['image'], imageSize: '8K' as never })).toEqual(failure(/image size "8K"/));
		expect(buildOutputFormat({ outputTypes: ['audio'], speechLanguage: 'English' })).toEqual(failure(/"English" is not a language code/));
	});
});

describe('additional fields (JSON)', () => {
	it('parse a JSON object with snake_case keys; keys inside user-defined maps may be anything', () => {
		expect(parseAdditionalFields('{"service_tier": "flex", "webhook_config": {"user_metadata": {"runId": 1}}}')).toEqual({
			ok: true,
			value: { service_tier: 'flex', webhook_config: { user_metadata: { runId: 1 } } },
		});
		expect(parseAdditionalFields('{}')).toEqual({ ok: true, value: undefined });
		expect(parseAdditionalFields('')).toEqual({ ok: true, value: undefined });
	});

	it('refuse camelCase keys with the snake_case spelling, non-objects and broken JSON', () => {
		expect(parseAdditionalFields('{"serviceTier": "flex"}')).toEqual(failure(/"serviceTier" is not snake_case.*"service_tier"/));
		expect(parseAdditionalFields({ generation_config: { videoConfig: {} } })).toEqual(
			failure(/"generation_config.videoConfig" is not snake_case.*"video_config"/),
		);
		expect(parseAdditionalFields('[1]')).toEqual(failure(/must be a JSON object/));
		expect(parseAdditionalFields('{"a": ')).toEqual(failure(/not valid JSON/));
	});

	it('merge into the request, objects key by key; a field the node sets is a conflict', () => {
		const request = { model: 'm', input: 'Hi', generation_config: { temperature: 0.2 } };
		expect(mergeAdditionalFields(request, { service_tier: 'flex', generation_config: { video_config: { task: 'edit' } } })).toEqual({
			ok: true,
			value: { model: 'm', input: 'Hi', service_tier: 'flex', generation_config: { temperature: 0.2, video_config: { task: 'edit' } } },
		});
		expect(mergeAdditionalFields(request, { generation_config: { temperature: 1 } })).toEqual(
			failure(/"generation_config.temperature" is already set by the node's own parameters/),
		);
		expect(mergeAdditionalFields(request, { input: 'other' })).toEqual(failure(/"input" is already set/));
		expect(mergeAdditionalFields(request, undefined)).toEqual({ ok: true, value: request });
	});
});

describe('custom agent update', () => {
	it('sends only the given fields and names them in the update mask', () => {
		expect(buildCustomAgentUpdate({ description: ' New ', tools: '[{"type": "google_search"}]', agentModel: 'gemini-3-flash-preview' })).toEqual({
			ok: true,
			value: {
				body: { description: 'New', tools: [{ type: 'google_search' }], agent_config: { type: 'antigravity', model: 'gemini-3-flash-preview' } },
				updateMask: ['description', 'tools', 'agent_config'],
			},
		});
	});

	it('refuses nothing to update and broken JSON, naming the parameter', () => {
		expect(buildCustomAgentUpdate({})).toEqual({ ok: false, parameter: 'Update Fields', reason: expect.stringMatching(/at least one field/) });
		expect(buildCustomAgentUpdate({ baseEnvironment: '{' })).toEqual({ ok: false, parameter: 'Base Environment', reason: expect.any(String) });
		expect(buildCustomAgentUpdate({ baseEnvironment: '{}' })).toEqual({ ok: false, parameter: 'Base Environment', reason: expect.stringMatching(/empty/) });
	});
});

describe('blocked answers', () => {
	it('are found by a generation-blocked code in errors, with the category Google names', () => {
		expect(
			blockedAnswer({ status: 'failed', errors: [{ code: 'safety', message: 'The response was blocked: harassment (medium probability).' }] }),
		).toEqual({ code: 'safety', category: 'harassment', message: 'The response was blocked: harassment (medium probability).' });
		expect(blockedAnswer({ status: 'completed', errors: [{ code: 'SAFETY', message: 'Blocked: HARM_CATEGORY_IMAGE_HARASSMENT' }] })).toMatchObject({
			code: 'safety',
			category: 'image_harassment',
		});
		expect(blockedAnswer({ status: 'failed', errors: [{ code: 'recitation', message: 'Too close to a source.' }] })).toEqual({
			code: 'recitation',
			message: 'Too close to a source.',
		});
	});

	it('are found in a model_output step error whose details carry the code', () => {
		expect(
			blockedAnswer({
				status: 'completed',
				steps: [
					{
						type: 'model_output',
						error: { code: 3, message: 'Generation stopped.', details: [{ reason: 'prohibited_content', category: 'dangerous_content' }] } as never,
					},
				],
			}),
		).toEqual({ code: 'prohibited_content', category: 'dangerous_content', message: 'Generation stopped.' });
	});

	it('are not other failures', () => {
		expect(blockedAnswer({ status: 'failed', errors: [{ code: 'internal', message: 'harassment of the server' }] })).toBeUndefined();
		expect(blockedAnswer({ status: 'completed', steps: [] })).toBeUndefined();
	});
});

describe('token counts for n8n', () => {
	it('count input tokens in, and answer plus thinking out', () => {
		expect(tokenCounts({ total_input_tokens: 7, total_output_tokens: 19, total_thought_tokens: 32, total_tokens: 58 })).toEqual({
			inputTokens: 7,
			outputTokens: 51,
		});
		expect(tokenCounts({ total_input_tokens: 5 })).toEqual({ inputTokens: 5, outputTokens: 0 });
		expect(tokenCounts(undefined)).toBeUndefined();
		expect(tokenCounts({})).toBeUndefined();
	});
});
