// The Gemini Interactions Chat Model in a real n8n: Chat Trigger → AI Agent (our model + Simple
// Memory + Code Tool), two turns each, non-streamed (full history, signatures echoed) and streamed
// (server-side history).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { callWebhook, importExamples, loadExamples } from '../../scripts/examples.mjs';
import { checkStreamedChat, checkToolTurn } from './lib/chatModel.mjs';
import { createCalls, setupE2e } from './lib/context.mjs';

const examples = (await loadExamples()).filter((example) => example.name.startsWith('chat-model-'));
const byName = (name) => examples.find((example) => example.name === name);
const isApi = (request) => !request.path.startsWith('/__emulator') && request.path !== '/token';

describe('Gemini Interactions Chat Model behind the AI Agent (real n8n)', () => {
	let ctx;
	before(async () => {
		ctx = await setupE2e();
		await importExamples(ctx.n8n, examples);
		await ctx.n8n.start();
	});
	after(() => ctx?.dispose());

	async function turn(example, sessionId, chatInput) {
		await ctx.emulator.clearRequests();
		const response = await callWebhook(ctx.n8n.url, example.webhook, { body: { action: 'sendMessage', sessionId, chatInput } });
		return { response, requests: await ctx.emulator.requests(isApi) };
	}

	test('answers a question that needs the tool, over two turns, echoing thought signatures', async () => {
		const example = byName('chat-model-agent');
		const first = await turn(example, 'two-turns', 'How many letters has lighthouse');
		assert.equal(first.response.status, 200, JSON.stringify(first.response.body));
		checkToolTurn(assert, first.requests, { question: 'How many letters has lighthouse' });

		const second = await turn(example, 'two-turns', 'And how many has harbour');
		assert.equal(second.response.status, 200, JSON.stringify(second.response.body));
		const { ask } = checkToolTurn(assert, second.requests, { question: 'And how many has harbour' });
		// The whole conversation goes again (memory): turn 1 replayed as Google sent it.
		assert.deepEqual(
			ask.input.map((step) => step.type),
			['user_input', 'thought', 'function_call', 'function_result', 'thought', 'model_output', 'user_input'],
		);
		assert.match(second.response.body.output, /Earlier in this conversation you said: "How many letters has lighthouse"/);
	});

	test('streams both turns to the chat; the second turn and each tool round send only what is new', async () => {
		const example = byName('chat-model-agent-streaming');
		const first = await turn(example, 'streamed', 'Count the letters of harbour');
		checkStreamedChat(assert, first.response, first.requests, { question: 'Count the letters of harbour' });
		const second = await turn(example, 'streamed', 'Now count lighthouse');
		const { text } = checkStreamedChat(assert, second.response, second.requests, { question: 'Now count lighthouse', turn: 2 });
		assert.match(text, /Earlier in this conversation you said: "Count the letters of harbour"/);
		const bytes = (requests) => createCalls(requests).reduce((sum, request) => sum + request.bodyBytes, 0);
		console.log(`chat model e2e: bytes sent, turn 1 ${bytes(first.requests)}, turn 2 ${bytes(second.requests)}`);
	});
});
