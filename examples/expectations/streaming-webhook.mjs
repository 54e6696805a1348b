// POST /webhook/gemini-stream {message}: the Webhook streams, the node requests stream:true and forwards
// the answer text; n8n writes JSON lines (begin, item…, end) to the HTTP response as they come.
const MESSAGE = 'Tell me about the keeper of the old lighthouse on the cliff';

export default {
	needs: ['streaming'],
	request: { body: { message: MESSAGE } },
	check({ assert, response, requests }) {
		assert.equal(typeof response.body, 'string', 'a streamed response is JSON lines, not one JSON document');
		const chunks = response.body
			.split('\n')
			.filter((line) => line.trim() !== '')
			.map((line) => JSON.parse(line));
		const types = chunks.map((chunk) => chunk.type);
		assert.equal(types[0], 'begin');
		assert.equal(types.at(-1), 'end');
		const items = chunks.filter((chunk) => chunk.type === 'item');
		assert.ok(items.length >= 3, `the answer arrives in several chunks (got ${items.length})`);
		for (const chunk of chunks) assert.equal(chunk.metadata?.nodeName, 'Answer');
		const text = items.map((chunk) => chunk.content).join('');
		assert.equal(text, `[system: Tell it like a story.] You said: "${MESSAGE}".`);
		assert.doesNotMatch(text, /Considering the request/, 'thought summaries are not sent as answer text');

		const creates = requests.filter((r) => r.method === 'POST' && r.path === '/v1/interactions');
		assert.equal(creates.length, 1);
		assert.equal(creates[0].body.stream, true);
		assert.equal(creates[0].stream, true);
		assert.equal(creates[0].body.input, MESSAGE);
	},
};
