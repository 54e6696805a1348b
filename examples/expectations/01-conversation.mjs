// The second call continues the first: it sends previous_interaction_id = the first output's id, and
// the (emulated) model's answer refers to the first turn.
export default {
	check({ assert, items, requests }) {
		const [first] = items('Start conversation');
		const [second] = items('Continue conversation');
		assert.equal(first.status, 'completed');
		assert.match(first.text, /My name is Ada/);
		assert.equal(second.status, 'completed');
		assert.match(second.text, /What is my name/);
		assert.match(second.text, /Earlier in this conversation.*My name is Ada/s);

		const creates = requests.filter((r) => r.method === 'POST' && r.path === '/v1/interactions');
		assert.equal(creates.length, 2);
		assert.equal(creates[0].body.previous_interaction_id, undefined);
		assert.equal(creates[1].body.previous_interaction_id, first.id);
		assert.equal(creates[1].body.input, 'What is my name, and what do I like?');
		for (const r of creates) assert.deepEqual(r.auth, { scheme: 'api-key', valid: true });
	},
};
