// Every generation option saved on Create reaches the request as the user set it.
export default {
	check({ assert, requests, items }) {
		const [create] = requests.filter((r) => r.method === 'POST' && r.path === '/v1/interactions');
		assert.deepEqual(create.body, {
			model: 'gemini-3.5-flash',
			input: 'Name three lighthouses.',
			system_instruction: 'Answer as a list.',
			store: false,
			generation_config: {
				temperature: 0.2,
				top_p: 0.8,
				top_k: 20,
				max_output_tokens: 512,
				seed: 7,
				stop_sequences: ['END', 'STOP'],
				thinking_level: 'high',
				thinking_summaries: 'none',
			},
		});
		const [item] = items('Tuned answer');
		assert.equal(item.status, 'completed');
		assert.match(item.text, /Name three lighthouses/);
	},
};
