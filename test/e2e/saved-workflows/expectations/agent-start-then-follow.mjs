// An agent run started without waiting returns at once; Get with "Wait" follows it to its report.
export default {
	check({ assert, requests, items }) {
		const [started] = items('Start research');
		assert.equal(started.status, 'in_progress');
		const [create] = requests.filter((r) => r.method === 'POST');
		assert.equal(create.body.agent, 'deep-research-preview-04-2026');
		assert.equal(create.body.background, true);
		assert.equal(create.body.input, 'Which harbour lights are still staffed?');
		assert.equal(create.body.agent_config.thinking_summaries, 'none');
		const [report] = items('Wait for the report');
		assert.equal(report.id, started.id);
		assert.equal(report.status, 'completed');
		assert.match(report.text, /Research report: Which harbour lights are still staffed\?/);
		assert.ok(requests.slice(1).every((r) => r.method === 'GET' && r.path === `/v1/interactions/${started.id}`));
	},
};
