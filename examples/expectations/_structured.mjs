// Shared by the structured-output examples (API key and enterprise): the schema goes out as
// response_format, the parsed object comes back in `output`, and the Set node reads its fields.
export function checkStructuredOutput({ assert, items, requests }, { path, auth }) {
	const [extracted] = items('Extract person');
	assert.equal(extracted.status, 'completed');
	assert.equal(typeof extracted.output, 'object');
	assert.equal(typeof extracted.output.name, 'string');
	assert.ok(Number.isInteger(extracted.output.age));

	const [fields] = items('Use the fields');
	assert.equal(fields.name, extracted.output.name);
	assert.equal(fields.age, extracted.output.age);
	assert.equal(fields.summary, `${extracted.output.name} (${extracted.output.age})`);

	const creates = requests.filter((r) => r.method === 'POST' && r.path === path);
	assert.equal(creates.length, 1, `one create call on ${path}; saw ${requests.map((r) => r.path).join(', ')}`);
	const format = [creates[0].body.response_format].flat()[0];
	assert.equal(format.mime_type, 'application/json');
	assert.deepEqual(format.schema.required, ['name', 'age']);
	assert.deepEqual(creates[0].auth, auth);
	return creates[0];
}
