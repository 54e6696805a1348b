// Run Agent with Deep Research: one POST (background) and one streaming GET that follows the run to its
// end; the output is the report with its thought summaries.
export default {
	check({ assert, items, requests }) {
		const [report] = items('Deep Research');
		assert.equal(report.status, 'completed');
		assert.equal(report.agent, 'deep-research-preview-04-2026');
		assert.match(report.text, /^# Research report: How do European ports use shore power/);
		assert.match(report.text, /## Sources/);
		assert.equal(report.thoughts.length, 3);
		assert.ok(report.usage.total_tokens > 0);

		const api = requests.filter((r) => r.path.startsWith('/v1/interactions'));
		assert.deepEqual(
			api.map((r) => `${r.method} ${r.path}`),
			['POST /v1/interactions', `GET /v1/interactions/${report.id}`],
			'the wait took exactly one streaming GET',
		);
		const [create, follow] = api;
		assert.equal(create.body.agent, 'deep-research-preview-04-2026');
		assert.equal(create.body.background, true);
		assert.deepEqual(create.body.agent_config, { type: 'deep-research', thinking_summaries: 'auto' });
		assert.deepEqual(follow.query, { stream: 'true' });
		assert.equal(follow.stream, true);
		assert.ok(api.every((r) => r.inFlightAtStart === 1), 'one connection at a time');
	},
};
