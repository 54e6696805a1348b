// Checks shared by the chat-model examples and test/e2e/chatModel.test.mjs: what the emulator saw
// of one chat turn of the AI Agent with the Gemini Interactions Chat Model and a Code tool.
import { createCalls } from './context.mjs';

const types = (input) => input.map((step) => step.type);

/** Full history (default): the tool round replays the model's thought with its signature, then the call and the result. */
export function checkToolTurn(assert, requests, { question }) {
	const creates = createCalls(requests);
	assert.equal(creates.length, 2, 'one interaction for the tool call, one for the answer');
	const [ask, answer] = creates.map((request) => request.body);
	assert.deepEqual(ask.tools.map((tool) => [tool.type, tool.name]), [['function', 'Count_Letters']], 'the Code tool is declared (n8n names it after the node)');
	assert.match(ask.system_instruction, /helpful assistant/);
	assert.deepEqual(ask.input.at(-1), { type: 'user_input', content: [{ type: 'text', text: question }] });
	const tail = answer.input.slice(-3);
	assert.deepEqual(types(tail), ['thought', 'function_call', 'function_result']);
	assert.ok(tail[0].signature, 'the thought signature is echoed');
	assert.equal(tail[2].call_id, tail[1].id, 'the function result answers the call');
	assert.equal(tail[2].name, 'Count_Letters');
	assert.match(JSON.stringify(tail[2].result), new RegExp(String(question.length)), 'the tool counted the question');
	return { ask, answer };
}

/** A streamed chat turn with Server-Side History: chunks reach the chat; later requests send only what is new. */
export function checkStreamedChat(assert, response, requests, { question, turn = 1 }) {
	assert.equal(response.status, 200);
	const chunks = response.body.split('\n').filter((line) => line.trim() !== '').map((line) => JSON.parse(line));
	const agent = chunks.filter((chunk) => chunk.metadata?.nodeName === 'AI Agent');
	const items = agent.filter((chunk) => chunk.type === 'item');
	assert.ok(items.length >= 3, `the answer reaches the chat in several chunks (got ${items.length})`);
	const text = items.map((chunk) => chunk.content).join('');
	assert.match(text, new RegExp(`Count_Letters returned \\[\\{"response":"${question.length}"\\}\\]\\. You said: "${question}"\\.`));

	const creates = createCalls(requests);
	assert.equal(creates.length, 2);
	const [ask, answer] = creates.map((request) => request.body);
	assert.equal(ask.stream, true);
	if (turn === 1) assert.equal(ask.previous_interaction_id, undefined);
	else {
		assert.ok(ask.previous_interaction_id, 'the second turn continues the first on Google\'s side');
		assert.deepEqual(types(ask.input), ['user_input'], 'only the new question is sent');
	}
	assert.ok(answer.previous_interaction_id, 'the tool round continues the interaction that asked for the tool');
	assert.deepEqual(types(answer.input), ['function_result'], 'only the function result is sent');
	return { text, ask, answer };
}
