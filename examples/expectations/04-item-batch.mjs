// Six items → six create calls; with Concurrency 3 up to three are in flight at once. The emulator
// holds each answer a little so the overlap shows in its log (inFlightAtStart counts the request itself).
const TOPICS = ['lighthouses', 'tides', 'glaciers', 'volcanoes', 'coral reefs', 'auroras'];

export default {
	prepare({ emulator }) {
		return emulator.addFault({ match: { method: 'POST', pathRegex: '/interactions$' }, delayMs: 300, times: TOPICS.length });
	},
	check({ assert, items, requests }) {
		const out = items('Write a sentence');
		assert.equal(out.length, TOPICS.length);
		out.forEach((item, i) => {
			assert.equal(item.status, 'completed');
			assert.match(item.text, new RegExp(`Write one sentence about ${TOPICS[i]}\\.`), 'output keeps the input order');
		});

		const creates = requests.filter((r) => r.method === 'POST' && r.path === '/v1/interactions');
		assert.equal(creates.length, TOPICS.length);
		assert.deepEqual(creates.map((r) => r.body.input).sort(), TOPICS.map((t) => `Write one sentence about ${t}.`).sort());
		const maxInFlight = Math.max(...creates.map((r) => r.inFlightAtStart));
		assert.ok(maxInFlight > 1, `requests overlapped (max in flight ${maxInFlight})`);
		assert.ok(maxInFlight <= 3, `concurrency limit 3 respected (max in flight ${maxInFlight})`);
		for (const r of creates) assert.equal(r.body.generation_config?.max_output_tokens, 200);
	},
};
