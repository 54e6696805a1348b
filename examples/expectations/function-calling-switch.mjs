// Create asks for two functions (one item per call) → Switch routes each by name → Set nodes answer →
// Merge → Submit Function Results sends both results in one request → completed answer using both.
export default {
	check({ assert, items, requests }) {
		const calls = items('Ask Gemini');
		assert.deepEqual(calls.map((c) => c.name), ['get_weather', 'get_time']);
		for (const call of calls) {
			assert.equal(call.status, 'requires_action');
			assert.match(call.callId, /\S/);
		}
		assert.equal(calls[0].id, calls[1].id, 'both calls belong to one interaction');
		assert.equal(items('Weather service').length, 1);
		assert.equal(items('Clock service').length, 1);

		const [answer] = items('Submit results');
		assert.equal(answer.status, 'completed');
		assert.match(answer.text, /\[system: Answer in two sentences\.\]/);
		assert.match(answer.text, /get_weather returned \{"location":"[^"]*Lisbon[^"]*","temperature_c":19,"sky":"clear"\}\./);
		assert.match(answer.text, /get_time returned 19:40\./);

		const creates = requests.filter((r) => r.method === 'POST' && r.path === '/v1/interactions');
		assert.equal(creates.length, 2, 'one request asks, one request answers both calls');
		assert.deepEqual(creates[0].body.tools.map((t) => t.name), ['get_weather', 'get_time']);
		assert.equal(creates[1].body.previous_interaction_id, calls[0].id);
		assert.deepEqual(creates[1].body.tools, creates[0].body.tools, 'tools are re-sent (turn-scoped)');
		assert.deepEqual(
			creates[1].body.input.map((step) => [step.type, step.call_id, step.name]),
			calls.map((c) => ['function_result', c.callId, c.name]),
		);
	},
};
