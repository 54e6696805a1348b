// Create → Get (the default "{{ $json.id }}" id) → Delete (an id expression naming the Create node).
export default {
	check({ assert, requests, items }) {
		const [created] = items('Create');
		assert.match(created.id, /\S/);
		assert.deepEqual(
			requests.map((r) => `${r.method} ${r.path}`),
			['POST /v1/interactions', `GET /v1/interactions/${created.id}`, `DELETE /v1/interactions/${created.id}`],
		);
		const [got] = items('Get');
		assert.equal(got.id, created.id);
		assert.equal(got.text, created.text);
		assert.deepEqual(items('Delete'), [{ id: created.id, deleted: true }]);
	},
};
