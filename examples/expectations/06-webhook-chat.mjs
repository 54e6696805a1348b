// POST /webhook/gemini-chat {message} → the node's simplified output is the HTTP response.
export default {
	request: { body: { message: 'Which lighthouse is the oldest?' } },
	check({ assert, response, requests }) {
		assert.match(response.body.text, /Which lighthouse is the oldest\?/);
		assert.equal(response.body.status, 'completed');
		assert.match(response.body.id, /\S/);

		const creates = requests.filter((r) => r.method === 'POST' && r.path === '/v1/interactions');
		assert.equal(creates.length, 1);
		assert.equal(creates[0].body.input, 'Which lighthouse is the oldest?');
		assert.equal(creates[0].body.system_instruction, 'Answer in one short paragraph.');
	},
};
