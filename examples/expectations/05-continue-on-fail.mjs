// On Error = Continue (regular output): the unknown-model item carries Google's 404 message in
// `error`; the items before and after it are answered normally.
export default {
	check({ assert, items, requests }) {
		const out = items('Ask Gemini');
		assert.equal(out.length, 3);
		assert.match(out[0].text, /Name a prime number/);
		assert.match(out[2].text, /Name a colour/);
		assert.equal(out[1].text, undefined);
		assert.match(JSON.stringify(out[1].error), /gemini-does-not-exist.*not found/i);

		const creates = requests.filter((r) => r.method === 'POST' && r.path === '/v1/interactions');
		const failed = creates.filter((r) => r.body.model === 'gemini-does-not-exist');
		assert.ok(failed.length >= 1 && failed.every((r) => r.status === 404), 'the unknown model got a 404');
		assert.equal(failed.length, 1, '404 is not retried');
	},
};
