// Create → run → delete a custom agent through the enterprise credential (Vertex paths, bearer token).
export default {
	check({ assert, items, requests, emulator }) {
		const base = `/v1beta1/projects/${emulator.project}/locations/global`;
		const [created] = items('Create custom agent');
		const [run] = items('Run custom agent');
		const [deleted] = items('Delete custom agent');
		assert.equal(created.id, 'release-notes-writer');
		assert.equal(created.base_agent, 'antigravity-preview-05-2026');
		assert.equal(run.status, 'completed');
		assert.equal(run.agent, 'release-notes-writer');
		assert.match(run.environmentId, /^env_/);
		assert.match(run.text, /^Agent release-notes-writer completed the task in environment env_/);
		assert.match(run.text, /\[system: You write short release notes/);
		assert.deepEqual(deleted, { id: 'release-notes-writer', deleted: true });

		const api = requests.filter((r) => r.family === 'enterprise');
		assert.deepEqual(
			api.map((r) => `${r.method} ${r.path}`),
			[
				`POST ${base}/agents`,
				`POST ${base}/interactions`,
				`GET ${base}/interactions/${run.id}`,
				`DELETE ${base}/agents/release-notes-writer`,
			],
		);
		const [createAgent, createRun] = api;
		assert.deepEqual(createAgent.body.tools, [{ type: 'code_execution' }, { type: 'url_context' }]);
		assert.deepEqual(createAgent.body.base_environment.sources[0].type, 'repository');
		assert.deepEqual(createRun.body, {
			agent: 'release-notes-writer',
			input: 'Write release notes for the five most recently merged pull requests.',
			environment: 'remote',
			background: true,
		});
		for (const r of api) assert.equal(r.auth.scheme, 'bearer');
	},
};
