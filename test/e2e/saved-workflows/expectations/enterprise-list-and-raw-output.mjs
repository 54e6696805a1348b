// Enterprise sign-in: List (one page of 10, "Always Output Data" on) and structured output with
// Simplify off, which returns the raw interaction.
export default {
	check({ assert, requests, items }) {
		const calls = requests.filter((r) => r.path !== '/token');
		const list = calls.find((r) => r.method === 'GET');
		assert.match(list.path, /\/projects\/[^/]+\/locations\/global\/agents$/);
		assert.equal(list.query.page_size, '10');
		const create = calls.find((r) => r.method === 'POST');
		assert.match(create.path, /\/locations\/global\/interactions$/);
		assert.equal(create.body.input, 'Ada is 36.');
		assert.deepEqual(create.body.generation_config, { max_output_tokens: 300 });
		assert.deepEqual(create.body.response_format.schema.required, ['name', 'age']);
		const [raw] = items('Raw structured');
		assert.equal(raw.object, 'interaction', 'Simplify off returns the interaction as Google sends it');
		assert.equal(raw.status, 'completed');
	},
};
