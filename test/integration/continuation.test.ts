import { AUTH_MODES, interactionsPath, itemsOf, modelLocator, useEmulator } from './fixtures';

const longAnswer = (input: string, options = {}) => ({
	resource: 'interaction',
	operation: 'create',
	model: modelLocator('gemini-3.5-flash'),
	input,
	options,
});

describe.each(AUTH_MODES)('answers Google pauses at its decode limit (%s)', (authMode) => {
	const fixture = useEmulator();

	it('asks for the rest until the answer is complete and outputs it whole', async () => {
		const [item] = itemsOf(await fixture.run(authMode, longAnswer('Tell me everything about Lisbon #continuation:3')));
		const requests = fixture.apiRequests();
		expect(requests.map((entry) => entry.path)).toEqual(Array(3).fill(interactionsPath(authMode)));
		expect(requests[0].body.input).toContain('Lisbon');
		const hopIds = requests.slice(1).map((entry) => entry.body.previous_interaction_id);
		for (const entry of requests.slice(1)) {
			expect(entry.body).not.toHaveProperty('input');
			expect(entry.body.continuation_token).toMatch(/^ct_/);
		}
		expect(new Set(hopIds).size).toBe(2);
		expect(item.json.status).toBe('completed');
		expect(item.json.text).toContain('You said: "Tell me everything about Lisbon #continuation:3".');
		expect(item.json.id).toEqual(expect.any(String));
		expect(hopIds).not.toContain(item.json.id);
		expect((item.json.usage as { total_tokens: number }).total_tokens).toBeGreaterThan(0);
	});
});

describe('continuation when streaming and without storage', () => {
	const fixture = useEmulator();

	it('streams every part to the chat, in order, once', async () => {
		const result = await fixture.run('apiKey', longAnswer('Stream a long answer #continuation:2'), { streaming: true });
		const [item] = itemsOf(result);
		const chunks = result.chunks.filter((chunk) => chunk.type === 'item').map((chunk) => chunk.content).join('');
		expect(chunks).toBe(item.json.text);
		expect(item.json.text).toContain('Stream a long answer');
		expect(fixture.apiRequests().map((entry) => entry.body.stream)).toEqual([true, true]);
	});

	it('re-sends the request with the token when the turn is not stored', async () => {
		const [item] = itemsOf(await fixture.run('apiKey', longAnswer('Unstored long answer #continuation:2', { store: false })));
		const [first, second] = fixture.apiRequests();
		expect(second.body).toEqual({ ...first.body, continuation_token: expect.stringMatching(/^ct_/) });
		expect(item.json.text).toContain('Unstored long answer');
		expect(item.json.id).toBeNull();
	});
});
