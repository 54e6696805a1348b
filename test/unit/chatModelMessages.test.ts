import type { Message } from '@n8n/ai-node-sdk';
import { z } from 'zod';

import { answerMessage, generateResult, tokenUsage } from '../../nodes/LmChatGeminiInteractions/model/answer';
import { functionDeclarations, messagesToSteps, splitSystem } from '../../nodes/LmChatGeminiInteractions/model/messages';
import type { Interaction, Step } from '../../nodes/shared/wire/types';

const PNG_1X1 =
	'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

const user = (text: string): Message => ({ role: 'user', content: [{ type: 'text', text }] });

describe('chat model: messages → input steps', () => {
	it('turns system messages into the system instruction and keeps the rest in order', () => {
		const split = splitSystem([
			{ role: 'system', content: [{ type: 'text', text: 'Be brief.' }] },
			user('Hi'),
			{ role: 'system', content: [{ type: 'text', text: 'Answer in French.' }] },
		]);
		expect(split.systemInstruction).toBe('Be brief.\n\nAnswer in French.');
		expect(split.history).toEqual([user('Hi')]);
		expect(splitSystem([user('Hi')]).systemInstruction).toBeUndefined();
	});

	it('maps user and assistant text to user_input and model_output steps', () => {
		const { steps, problems } = messagesToSteps([
			user('What is 2+2?'),
			{ role: 'assistant', content: [{ type: 'text', text: '4' }] },
			user('And 3+3?'),
		]);
		expect(problems).toEqual([]);
		expect(steps).toEqual([
			{ type: 'user_input', content: [{ type: 'text', text: 'What is 2+2?' }] },
			{ type: 'model_output', content: [{ type: 'text', text: '4' }] },
			{ type: 'user_input', content: [{ type: 'text', text: 'And 3+3?' }] },
		]);
	});

	it('sends images and documents as content blocks, typing files that come without a MIME type', () => {
		const { steps, problems } = messagesToSteps([
			{
				role: 'user',
				content: [
					{ type: 'text', text: 'What is in these?' },
					{ type: 'file', mediaType: 'image/png', data: PNG_1X1 },
					{ type: 'file', data: `data:image/png;base64,${PNG_1X1}` },
					{ type: 'file', data: 'JVBERi0xLjcK' },
					{ type: 'file', mediaType: 'image/jpeg', data: new Uint8Array([0xff, 0xd8, 0xff]) },
					{ type: 'file', mediaType: 'application/pdf', data: '', providerMetadata: { url: 'https://example.com/a.pdf' } },
				],
			},
		]);
		expect(problems).toEqual([]);
		expect(steps).toEqual([
			{
				type: 'user_input',
				content: [
					{ type: 'text', text: 'What is in these?' },
					{ type: 'image', data: PNG_1X1, mime_type: 'image/png' },
					{ type: 'image', data: PNG_1X1, mime_type: 'image/png' },
					{ type: 'document', data: 'JVBERi0xLjcK', mime_type: 'application/pdf' },
					{ type: 'image', data: '/9j/', mime_type: 'image/jpeg' },
					{ type: 'document', uri: 'https://example.com/a.pdf', mime_type: 'application/pdf' },
				],
			},
		]);
	});

	it('reports a file Gemini cannot read instead of dropping it silently', () => {
		const { problems } = messagesToSteps([{ role: 'user', content: [{ type: 'file', mediaType: 'application/x-msdownload', data: 'TVqQ' }] }]);
		expect(problems).toEqual([expect.stringMatching(/application\/x-msdownload is not one Gemini reads/)]);
	});

	it('maps tool calls to function_call steps and tool results to function_result steps', () => {
		const { steps } = messagesToSteps([
			user('Weather in Lisbon and Porto?'),
			{
				role: 'assistant',
				content: [
					{ type: 'tool-call', toolCallId: 'call_1', toolName: 'get_weather', input: '{"city":"Lisbon"}' },
					{ type: 'tool-call', toolCallId: 'call_2', toolName: 'get_weather', input: '{"city":"Porto"}' },
				],
			},
			{ role: 'tool', content: [{ type: 'tool-result', toolCallId: 'call_1', result: '{"temp":21}' }] },
			{ role: 'tool', content: [{ type: 'tool-result', toolCallId: 'call_2', result: { error: 'down' }, isError: true }] },
			{ role: 'tool', name: 'clock', content: [{ type: 'tool-result', toolCallId: 'call_x', result: [{ type: 'text', text: '12:00' }] }] },
		]);
		expect(steps.slice(1)).toEqual([
			{ type: 'function_call', id: 'call_1', name: 'get_weather', arguments: { city: 'Lisbon' } },
			{ type: 'function_call', id: 'call_2', name: 'get_weather', arguments: { city: 'Porto' } },
			{ type: 'function_result', call_id: 'call_1', name: 'get_weather', result: '{"temp":21}' },
			{ type: 'function_result', call_id: 'call_2', name: 'get_weather', result: { error: 'down' }, is_error: true },
			{ type: 'function_result', call_id: 'call_x', name: 'clock', result: '12:00' },
		]);
	});

	it('replays an answer exactly as Google sent it, thought signature included, when its steps are known', () => {
		const original: Step[] = [
			{ type: 'thought', signature: 'c2lnLW9uZQ==' },
			{ type: 'function_call', id: 'call_1', name: 'get_weather', arguments: { city: 'Lisbon' } },
		];
		const toolCall: Message = {
			role: 'assistant',
			content: [{ type: 'tool-call', toolCallId: 'call_1', toolName: 'get_weather', input: '{"city":"Lisbon"}' }],
		};
		const recalled = messagesToSteps([user('Weather?'), toolCall], { recall: (_message, index) => (index === 1 ? original : undefined) });
		expect(recalled.steps.slice(1)).toEqual(original);

		// A chain that keeps the model's message hands the steps back in the message's metadata.
		const carried = messagesToSteps([
			user('Weather?'),
			{
				...toolCall,
				content: [{ ...toolCall.content[0], providerMetadata: { geminiInteractions: { interactionId: 'v1_a', steps: original } } }],
			},
		]);
		expect(carried.steps.slice(1)).toEqual(original);
	});

	it('drops what n8n writes next to rebuilt tool calls, and reasoning it cannot replay', () => {
		const { steps } = messagesToSteps([
			{
				role: 'assistant',
				content: [
					{ type: 'reasoning', text: 'thinking…' },
					{ type: 'text', text: 'Calling tools: Code Tool' },
					{ type: 'tool-call', toolCallId: 'c', toolName: 'code_tool', input: 'not json' },
				],
			},
		]);
		expect(steps).toEqual([{ type: 'function_call', id: 'c', name: 'code_tool', arguments: {} }]);
	});
});

describe('chat model: the agent\'s tools → function declarations', () => {
	it('declares zod and JSON-schema tools with cleaned schemas, and parameterless tools without parameters', () => {
		const { tools, problems } = functionDeclarations([
			{
				type: 'function',
				name: 'get_weather',
				description: 'Weather for a city',
				inputSchema: z.object({ city: z.string().describe('City name'), unit: z.enum(['c', 'f']).optional() }),
			},
			{
				type: 'function',
				name: 'lookup',
				inputSchema: { $schema: 'http://json-schema.org/draft-07/schema#', type: 'object', properties: { id: { type: ['string', 'null'], format: 'uuid' } }, required: [], additionalProperties: false },
			},
			{ type: 'function', name: 'now', inputSchema: z.object({}) },
			{ type: 'provider', name: 'ignored' },
		]);
		expect(problems).toEqual([]);
		expect(tools).toEqual([
			{
				type: 'function',
				name: 'get_weather',
				description: 'Weather for a city',
				parameters: {
					type: 'object',
					properties: { city: { type: 'string', description: 'City name' }, unit: { type: 'string', enum: ['c', 'f'] } },
					required: ['city'],
				},
			},
			{ type: 'function', name: 'lookup', parameters: { type: 'object', properties: { id: { type: 'string', nullable: true } } } },
			{ type: 'function', name: 'now' },
		]);
	});

	it('names a tool whose name Gemini refuses', () => {
		expect(functionDeclarations([{ type: 'function', name: 'my tool', inputSchema: {} }]).problems).toEqual([
			expect.stringMatching(/the tool "my tool" has the name "my tool"/),
		]);
	});
});

describe('chat model: interaction → answer', () => {
	const interaction: Interaction = {
		id: 'v1_abc',
		status: 'requires_action',
		steps: [
			{ type: 'thought', signature: 'c2ln', summary: [{ type: 'text', text: 'Need the weather.' }] },
			{ type: 'function_call', id: 'call_1', name: 'get_weather', arguments: { city: 'Lisbon' } },
		],
		usage: { total_input_tokens: 10, total_output_tokens: 4, total_thought_tokens: 16, total_tokens: 30 },
	};

	it('turns function calls into the agent\'s tool calls and keeps the steps for the next call', () => {
		const result = generateResult(interaction);
		expect(result.finishReason).toBe('tool-calls');
		expect(result.message).toEqual({
			role: 'assistant',
			id: 'v1_abc',
			content: [{ type: 'tool-call', toolCallId: 'call_1', toolName: 'get_weather', input: '{"city":"Lisbon"}' }],
		});
		expect(result.providerMetadata).toEqual({
			geminiInteractions: { interactionId: 'v1_abc', status: 'requires_action', steps: interaction.steps },
			thoughts: ['Need the weather.'],
		});
	});

	it('reports usage with thinking counted as completion, as n8n\'s Gemini model does', () => {
		expect(tokenUsage(interaction.usage)).toEqual({ promptTokens: 10, completionTokens: 20, totalTokens: 30, outputTokenDetails: { reasoning: 16 } });
		expect(tokenUsage({ total_input_tokens: 5, total_output_tokens: 2, total_cached_tokens: 3 })).toEqual({
			promptTokens: 5,
			completionTokens: 2,
			totalTokens: 7,
			inputTokenDetails: { cacheRead: 3 },
		});
	});

	it('answers with the text of the turn and stops', () => {
		const done: Interaction = {
			status: 'completed',
			steps: [{ type: 'thought', signature: 's' }, { type: 'model_output', content: [{ type: 'text', text: 'Sunny, ' }, { type: 'text', text: '21 °C.' }] }],
		};
		expect(answerMessage(done)).toEqual({ role: 'assistant', content: [{ type: 'text', text: 'Sunny, 21 °C.' }] });
		expect(generateResult(done).finishReason).toBe('stop');
		expect(generateResult({ ...done, status: 'incomplete' }).finishReason).toBe('length');
	});
});
