// A chat message to the public Chat Trigger (streaming response mode): the node requests
// stream:true and n8n writes the answer to the chat as JSON lines (begin, item…, end).
const QUESTION = 'What should I see first in Lisbon';

export default {
	needs: ['streaming'],
	request: { body: { action: 'sendMessage', sessionId: 'e2e-chat-session', chatInput: QUESTION } },
	check({ assert, response, requests }) {
		assert.equal(response.status, 200);
		assert.equal(typeof response.body, 'string', 'a streamed chat answer is JSON lines, not one JSON document');
		const chunks = response.body
			.split('\n')
			.filter((line) => line.trim() !== '')
			.map((line) => JSON.parse(line));
		const geminiChunks = chunks.filter((chunk) => chunk.metadata?.nodeName === 'Chat answer');
		assert.equal(geminiChunks[0]?.type, 'begin');
		assert.equal(geminiChunks.at(-1)?.type, 'end');
		const items = geminiChunks.filter((chunk) => chunk.type === 'item');
		assert.ok(items.length >= 3, `the answer reaches the chat in several chunks (got ${items.length})`);
		const text = items.map((chunk) => chunk.content).join('');
		assert.equal(text, `[system: You are a friendly travel guide.] You said: "${QUESTION}".`);

		const creates = requests.filter((r) => r.method === 'POST' && r.path === '/v1/interactions');
		assert.equal(creates.length, 1);
		assert.equal(creates[0].body.stream, true);
		assert.equal(creates[0].body.input, QUESTION);
	},
};
