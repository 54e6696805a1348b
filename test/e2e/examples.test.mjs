// Every workflow in examples/ runs in a real n8n against the emulator; each one is checked generically
// (execution status, no node errors) and by its sidecar examples/expectations/<name>.mjs.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { executionError, importExamples, loadExamples, nodeItems, runData, runExample } from '../../scripts/examples.mjs';
import { setupE2e } from './lib/context.mjs';

const examples = await loadExamples();
const cliExamples = examples.filter((e) => !e.webhook);
const webhookExamples = examples.filter((e) => e.webhook);

describe('examples in real n8n', () => {
	let ctx;
	before(async () => {
		ctx = await setupE2e();
		await importExamples(ctx.n8n, examples);
	});
	after(() => ctx?.dispose());

	for (const example of cliExamples) {
		test(`${example.name} (n8n execute)`, async () => {
			const result = await runExample(ctx.n8n, ctx.emulator, example);
			const expectedStatus = example.expectations.status ?? 'success';
			assert.equal(result.run.status, expectedStatus, describeFailure(result.run));
			if (expectedStatus === 'success') {
				assert.equal(result.exitCode, 0);
				assertNoNodeErrors(result.run);
			}
			await example.expectations.check?.(checkContext(ctx, example, result));
		});
	}

	describe('webhook examples (n8n start)', { skip: webhookExamples.length === 0 }, () => {
		before(() => ctx.n8n.start());
		after(() => ctx.n8n.stop());
		for (const example of webhookExamples) {
			test(`${example.name} (${example.webhook.method} /webhook/${example.webhook.path})`, async () => {
				const result = await runExample(ctx.n8n, ctx.emulator, example);
				assert.equal(result.response.status, 200, JSON.stringify(result.response.body));
				await example.expectations.check?.(checkContext(ctx, example, result));
			});
		}
	});
});

function checkContext(ctx, example, result) {
	return {
		assert,
		example,
		emulator: ctx.emulator,
		run: result.run,
		response: result.response,
		requests: result.requests,
		items: (nodeName) => nodeItems(result.run, nodeName),
	};
}

function assertNoNodeErrors(run) {
	for (const [node, tasks] of Object.entries(runData(run))) {
		for (const task of tasks) assert.equal(task.error, undefined, `node "${node}" failed: ${task.error?.message}`);
	}
}

function describeFailure(run) {
	const error = executionError(run);
	return error ? `execution error: ${error.message} ${error.description ?? ''}` : 'unexpected execution status';
}
