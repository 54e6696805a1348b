// Running a workflow of examples/ (or of the same format, e.g. saved-workflows/) with `n8n execute`
// and checking it: the execution status, no node errors on success, then its sidecar expectations.
import assert from 'node:assert/strict';
import { executionError, executionStatus, nodeItems, runData, runExample } from '../../../scripts/examples.mjs';
import { runtimeSpec } from '../../../scripts/n8n-runtime.mjs';

/** What a sidecar's check(ctx) receives; `host` is the n8n matrix entry (its `features`). */
export function checkContext(ctx, example, result) {
	return {
		assert,
		example,
		host: runtimeSpec(),
		emulator: ctx.emulator,
		run: result.run,
		response: result.response,
		requests: result.requests,
		items: (nodeName) => nodeItems(result.run, nodeName),
	};
}

/** Runs a manual workflow in ctx.n8n and applies the generic and the sidecar checks. */
export async function runAndCheckManual(ctx, example) {
	const result = await runExample(ctx.n8n, ctx.emulator, example);
	const expectedStatus = example.expectations.status ?? 'success';
	assert.equal(executionStatus(result.run), expectedStatus, describeFailure(result.run));
	if (expectedStatus === 'success') {
		assert.equal(result.exitCode, 0);
		assertNoNodeErrors(result.run);
	}
	await example.expectations.check?.(checkContext(ctx, example, result));
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
