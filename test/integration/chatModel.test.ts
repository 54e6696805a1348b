/**
 * The Gemini Interactions Chat Model through the AI node SDK, as n8n's AI Agent uses it: the
 * sub-node's supplyData hands n8n the SDK's LangChain adapter, and these tests drive that adapter
 * (invoke, stream, bindTools) against the emulator over real HTTP.
 */
import { createRequire } from 'node:module';

import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { GeminiInteractionsApi } from '../../credentials/GeminiInteractionsApi.credentials';
import { GeminiInteractionsEnterpriseApi } from '../../credentials/GeminiInteractionsEnterpriseApi.credentials';
import { LmChatGeminiInteractions } from '../../nodes/LmChatGeminiInteractions/LmChatGeminiInteractions.node';
import { conversations } from '../../nodes/LmChatGeminiInteractions/model/history';
import type { Interaction } from '../../nodes/shared/wire/types';
import { runSupplyData } from '../harness';
import type { AuthMode } from './fixtures';
import { API_KEY, interactionsPath, modelLocator, useEmulator } from './fixtures';

// The adapter is built on the SDK's own LangChain copy; messages and tools come from the same one.
const sdkRequire = createRequire(require.resolve('@n8n/ai-utilities'));
const { AIMessage, HumanMessage, SystemMessage, ToolMessage } = sdkRequire('@langchain/core/messages');
const { DynamicStructuredTool } = sdkRequire('@langchain/core/tools');
const { z } = sdkRequire('zod');

interface LcModel {
	invoke(messages: unknown[]): Promise<LcMessage>;
	stream(messages: unknown[]): Promise<AsyncIterable<LcMessage>>;
	bindTools(tools: unknown[]): LcModel;
}
interface LcMessage {
	content: unknown;
	text: string;
	tool_calls?: Array<{ id: string; name: string; args: Record<string, unknown> }>;
	response_metadata: Record<string, unknown>;
	concat(other: LcMessage): LcMessage;
}

const weatherTool = new DynamicStructuredTool({
	name: 'get_weather',
	description: 'Current weather for a city',
	schema: z.object({ city: z.string().describe('The city') }),
	func: async () => '{"temp":21}',
});

describe('Gemini Interactions Chat Model (through the AI node SDK, against the emulator)', () => {
	const fixture = useEmulator();
	beforeEach(() => conversations.clear());

	async function supply(authMode: AuthMode, options: IDataObject = {}, model = 'gemini-3.5-flash') {
		const run = await runSupplyData({
			node: new LmChatGeminiInteractions(),
			credentialTypes: [new GeminiInteractionsApi(), new GeminiInteractionsEnterpriseApi()],
			credentials: fixture.credentials,
			parameters: { authentication: authMode, model: modelLocator(model), options: options as INodeParameters },
			nodeName: 'Gemini Chat Model',
		});
		if (run.error) throw run.error;
		return { model: run.response as LcModel, run };
	}

	/** The bodies of the model calls (GETs made by the tests themselves left out). */
	const bodies = () => fixture.apiRequests().filter((entry) => entry.method === 'POST').map((entry) => entry.body);

	async function storedInteraction(id: string): Promise<Interaction> {
		const response = await fetch(`${fixture.emulator.url}/v1/interactions/${id}`, { headers: { 'x-goog-api-key': API_KEY } });
		return (await response.json()) as Interaction;
	}

	it.each<AuthMode>(['apiKey', 'enterprise'])('answers a conversation with one interaction per call (%s), usage in the AI log', async (authMode) => {
		const { model, run } = await supply(authMode);
		const answer = await model.invoke([new SystemMessage('Be brief.'), new HumanMessage('What is the capital of France?')]);

		expect(answer.text).toBe('[system: Be brief.] You said: "What is the capital of France?".');
		const [request] = fixture.apiRequests();
		expect(request.path).toBe(interactionsPath(authMode));
		expect(request.body).toEqual({
			model: 'gemini-3.5-flash',
			system_instruction: 'Be brief.',
			input: [{ type: 'user_input', content: [{ type: 'text', text: 'What is the capital of France?' }] }],
		});
		const output = run.aiLog.find((entry) => entry.kind === 'output' && entry.connectionType === 'ai_languageModel');
		expect(JSON.stringify(output?.data)).toMatch(/"tokenUsage":\{"completionTokens":\d+,"promptTokens":\d+,"totalTokens":\d+\}/);
	});

	it('sends the options: generation config, safety, built-in tools; deprecated models are replaced and logged', async () => {
		const { model, run } = await supply(
			'apiKey',
			{
				temperature: 0.2,
				topP: 0.9,
				topK: 20,
				maxOutputTokens: 500,
				thinkingLevel: 'high',
				thinkingSummaries: true,
				stopSequences: 'END, STOP',
				seed: 7,
				safetySettings: { values: [{ category: 'harassment', threshold: 'block_only_high' }] },
				builtInTools: { googleSearch: true, urlContext: true, codeExecution: true },
			},
			'gemini-2.5-flash',
		);
		const answer = await model.invoke([new HumanMessage('Search for news')]);
		expect(bodies()[0]).toMatchObject({
			model: 'gemini-3.5-flash',
			generation_config: {
				temperature: 0.2,
				top_p: 0.9,
				top_k: 20,
				max_output_tokens: 500,
				thinking_level: 'high',
				thinking_summaries: 'auto',
				stop_sequences: ['END', 'STOP'],
				seed: 7,
			},
			safety_settings: [{ type: 'harassment', threshold: 'block_only_high' }],
			tools: [{ type: 'google_search' }, { type: 'code_execution' }, { type: 'url_context' }],
		});
		expect(answer.response_metadata.thoughts).toEqual([expect.stringContaining('Considering the request')]);
		expect(run.logs).toContainEqual(
			expect.objectContaining({ level: 'warn', message: expect.stringMatching(/gemini-2\.5-flash is deprecated .* gemini-3\.5-flash was used instead/) }),
		);
	});

	it('declares the agent\'s tools, returns function calls as tool calls, and echoes the thought signature on the next call', async () => {
		const { model } = await supply('apiKey');
		const withTools = model.bindTools([weatherTool]);
		const question = new HumanMessage('What is the weather in Lisbon?');
		const call = await withTools.invoke([question]);

		expect(bodies()[0].tools).toEqual([
			{ type: 'function', name: 'get_weather', description: 'Current weather for a city', parameters: { type: 'object', properties: { city: { type: 'string', description: 'The city' } }, required: ['city'] } },
		]);
		expect(call.tool_calls).toEqual([expect.objectContaining({ name: 'get_weather', args: { city: 'What is the weather in Lisbon?' } })]);
		const callId = call.tool_calls![0].id;
		const first = await storedInteraction((call.response_metadata.geminiInteractions as { interactionId: string }).interactionId);
		const thought = first.steps!.find((step) => step.type === 'thought') as { signature: string };

		// n8n's agent rebuilds the tool-call message without the model's metadata before the next call.
		const rebuilt = new AIMessage({ content: [], tool_calls: [{ id: callId, name: 'get_weather', args: call.tool_calls![0].args, type: 'tool_call' }] });
		const answer = await withTools.invoke([question, rebuilt, new ToolMessage({ content: '{"temp":21}', tool_call_id: callId, name: 'get_weather' })]);

		expect(answer.text).toContain('get_weather returned {"temp":21}.');
		expect(bodies()[1].input).toEqual([
			{ type: 'user_input', content: [{ type: 'text', text: 'What is the weather in Lisbon?' }] },
			{ type: 'thought', signature: thought.signature },
			{ type: 'function_call', id: callId, name: 'get_weather', arguments: { city: 'What is the weather in Lisbon?' } },
			{ type: 'function_result', call_id: callId, name: 'get_weather', result: '{"temp":21}' },
		]);
	});

	it('without the signature (another n8n worker, a restart) the replayed call is refused with Google\'s reason', async () => {
		const { model } = await supply('apiKey');
		const withTools = model.bindTools([weatherTool]);
		const question = new HumanMessage('Weather in Porto?');
		const call = await withTools.invoke([question]);
		conversations.clear();
		const rebuilt = new AIMessage({ content: [], tool_calls: call.tool_calls });
		await expect(
			withTools.invoke([question, rebuilt, new ToolMessage({ content: 'sunny', tool_call_id: call.tool_calls![0].id })]),
		).rejects.toThrow(/missing its thought_signature/);
	});

	it('with Server-Side History sends only the new messages after the interaction this model already had', async () => {
		const { model } = await supply('apiKey', { serverSideHistory: true });
		const withTools = model.bindTools([weatherTool]);
		const first = new HumanMessage('Weather in Lisbon?');
		const call = await withTools.invoke([new SystemMessage('Be brief.'), first]);
		const callId = call.tool_calls![0].id;
		const toolRound = [first, new AIMessage({ content: [], tool_calls: call.tool_calls }), new ToolMessage({ content: 'sunny', tool_call_id: callId })];
		const answer = await withTools.invoke([new SystemMessage('Be brief.'), ...toolRound]);
		// The same model, now without tools (a chain that does not bind them): the conversation goes on.
		const second = await model.invoke([new SystemMessage('Be brief.'), ...toolRound, new AIMessage(answer.text), new HumanMessage('And tomorrow?')]);

		const [one, two, three] = bodies();
		expect(one.previous_interaction_id).toBeUndefined();
		expect(two).toMatchObject({
			previous_interaction_id: (call.response_metadata.geminiInteractions as { interactionId: string }).interactionId,
			system_instruction: 'Be brief.',
			input: [{ type: 'function_result', call_id: callId, name: 'get_weather', result: 'sunny' }],
		});
		expect(three).toMatchObject({
			previous_interaction_id: (answer.response_metadata.geminiInteractions as { interactionId: string }).interactionId,
			input: [{ type: 'user_input', content: [{ type: 'text', text: 'And tomorrow?' }] }],
		});
		// Google's side has the whole conversation: the answer knows the first question.
		expect(second.text).toContain('Earlier in this conversation you said: "Weather in Lisbon?"');
	});

	it('sends the whole conversation again when Google no longer has the earlier interaction', async () => {
		const { model } = await supply('apiKey', { serverSideHistory: true });
		const first = new HumanMessage('Hello there');
		const answer = await model.invoke([first]);
		const id = (answer.response_metadata.geminiInteractions as { interactionId: string }).interactionId;
		await fetch(`${fixture.emulator.url}/v1/interactions/${id}`, { method: 'DELETE', headers: { 'x-goog-api-key': API_KEY } });
		fixture.emulator.clearRequests();

		const next = await model.invoke([first, new AIMessage(answer.text), new HumanMessage('Still there?')]);
		expect(fixture.apiRequests().map((entry) => [entry.status, entry.body.previous_interaction_id, entry.body.input.length])).toEqual([
			[404, id, 1],
			[200, undefined, 4],
		]);
		// The earlier answer is replayed as Google sent it: its thought (with the signature), then the text.
		expect(fixture.apiRequests()[1].body.input.map((step: { type: string }) => step.type)).toEqual(['user_input', 'thought', 'model_output', 'user_input']);
		expect(next.text).toContain('You said: "Still there?"');
	});

	it('streams the answer text in chunks, and streamed function calls become tool calls', async () => {
		const { model } = await supply('apiKey');
		const chunks: string[] = [];
		for await (const chunk of await model.stream([new HumanMessage('Tell me a story about a lighthouse keeper')])) chunks.push(chunk.text);
		expect(bodies()[0].stream).toBe(true);
		expect(chunks.filter(Boolean).length).toBeGreaterThan(2);
		expect(chunks.join('')).toBe('You said: "Tell me a story about a lighthouse keeper".');

		let aggregate: LcMessage | undefined;
		for await (const chunk of await model.bindTools([weatherTool]).stream([new HumanMessage('Weather in Faro?')])) {
			aggregate = aggregate ? aggregate.concat(chunk) : chunk;
		}
		expect(aggregate?.tool_calls).toEqual([expect.objectContaining({ name: 'get_weather', args: { city: 'Weather in Faro?' } })]);
	});
});
