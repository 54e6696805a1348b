// Failing calls in a real n8n: the execution fails the way the editor shows it (the node's error in
// data.resultData.error, carrying Google's message), and recoverable conditions are handled.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { executionError, executionStatus, nodeItems, runData } from '../../scripts/examples.mjs';
import { isApiRequest } from '../../scripts/emulator-process.mjs';
import { createCalls, setupE2e } from './lib/context.mjs';
import { GEMINI_NODE, geminiWorkflow, modelId, promptsWorkflow } from './lib/workflows.mjs';

const WRONG_KEY_CREDENTIAL = { id: 'geminiWrongKeyCr01', name: 'Gemini wrong key' };
// The second prompt is refused by Google (a fault matched on its text), the others are answered.
const PROMPTS = ['Tell me about tides.', 'Tell me about ports.', 'Tell me about winds.'];

const WORKFLOWS = {
	unknownModel: geminiWorkflow('e2eErrUnknownModel', 'E2E unknown model', { model: modelId('gemini-does-not-exist') }),
	plain: geminiWorkflow('e2eErrPlainCall001', 'E2E plain call', { input: 'Tell me about tides.' }),
	deprecatedModel: geminiWorkflow('e2eDeprecatedModel', 'E2E deprecated model', { model: modelId('gemini-2.0-flash') }),
	wrongKey: geminiWorkflow('e2eErrWrongApiKey1', 'E2E wrong API key', {}, { credential: WRONG_KEY_CREDENTIAL }),
	errorOutput: promptsWorkflow('e2eErrErrorOutput', 'E2E error output', PROMPTS, { onError: 'continueErrorOutput' }),
	regularOutput: promptsWorkflow('e2eErrRegularOut', 'E2E continue on fail', PROMPTS, { onError: 'continueRegularOutput' }),
};

describe('errors and recoverable conditions in real n8n', () => {
	let ctx;
	const execute = async (workflow) => {
		await ctx.emulator.clearRequests();
		const result = await ctx.n8n.execute(workflow.id);
		assert.ok(result.run, `n8n printed an execution result:\n${result.stdout}\n${result.stderr}`);
		return { ...result, requests: await ctx.emulator.requests(isApiRequest) };
	};

	before(async () => {
		ctx = await setupE2e();
		await ctx.n8n.importCredentials([
			{ ...WRONG_KEY_CREDENTIAL, type: 'geminiInteractionsApi', data: { apiKey: 'wrong-key', baseUrl: ctx.emulator.url, apiVersion: 'v1' } },
		]);
		await ctx.n8n.importWorkflows(Object.values(WORKFLOWS));
	});
	after(() => ctx?.dispose());
	// a fault a test did not use up must not leak into the next test
	beforeEach(() => ctx.emulator.clearFaults());

	test('unknown model: the execution fails with Google’s 404 message on the node', async () => {
		const { run, code, requests } = await execute(WORKFLOWS.unknownModel);
		assert.equal(executionStatus(run), 'error');
		assert.notEqual(code, 0);
		const error = executionError(run);
		assert.match(errorText(error), /models\/gemini-does-not-exist is not found or is not supported/);
		assert.equal(error.node?.name, GEMINI_NODE);
		assert.match(errorText(runData(run)[GEMINI_NODE][0].error), /not found/);
		assert.deepEqual(
			createCalls(requests).map((r) => r.status),
			[404],
			'one call, not retried',
		);
	});

	test('an injected 400 surfaces with the message from the error body', async () => {
		const message = 'Request contains an invalid argument: temperature must be between 0 and 2.';
		await ctx.emulator.addFault({
			match: { method: 'POST', pathRegex: '/interactions$' },
			status: 400,
			body: { error: { message, code: 'invalid_request' } },
		});
		const { run, requests } = await execute(WORKFLOWS.plain);
		assert.equal(executionStatus(run), 'error');
		assert.ok(errorText(executionError(run)).includes(message), errorText(executionError(run)));
		assert.deepEqual(createCalls(requests).map((r) => r.status), [400]);
	});

	test('a wrong API key fails with the 401/403 message, without retries', async () => {
		const { run, requests } = await execute(WORKFLOWS.wrongKey);
		assert.equal(executionStatus(run), 'error');
		const calls = createCalls(requests);
		assert.equal(calls.length, 1);
		assert.deepEqual(calls[0].auth, { scheme: 'api-key', valid: false });
		assert.match(errorText(executionError(run)), /API key/i);
	});

	test('429 with Retry-After is retried and the run succeeds', async () => {
		await ctx.emulator.addFault({ match: { method: 'POST', pathRegex: '/interactions$' }, status: 429, retryAfter: 1 });
		const { run, requests } = await execute(WORKFLOWS.plain);
		assert.equal(executionStatus(run), 'success', errorText(executionError(run)));
		const calls = createCalls(requests);
		assert.deepEqual(calls.map((r) => r.status), [429, 200]);
		assert.ok(calls[1].startedAt - calls[0].endedAt >= 900, 'waited for Retry-After');
		assert.match(nodeItems(run, GEMINI_NODE)[0].text, /Tell me about tides/);
	});

	const refuseSecondPrompt = () =>
		ctx.emulator.addFault({
			match: { method: 'POST', pathRegex: '/interactions$', bodyIncludes: 'ports' },
			status: 400,
			times: 10,
			body: { error: { message: 'Request contains an invalid argument: ports are off limits.', code: 'invalid_request' } },
		});

	test('On Error "Continue (using error output)": the refused item goes to the error output, the others to the regular one', async () => {
		await refuseSecondPrompt();
		const { run } = await execute(WORKFLOWS.errorOutput);
		assert.equal(executionStatus(run), 'success', errorText(executionError(run)));
		assert.deepEqual(nodeItems(run, 'Answers').map((item) => item.text.match(/tides|winds/)?.[0]), ['tides', 'winds']);
		const failures = nodeItems(run, 'Failures');
		assert.equal(failures.length, 1, JSON.stringify(failures));
		assert.match(failures[0].error, /ports are off limits/);
		const geminiRun = runData(run)[GEMINI_NODE][0].data.main;
		assert.deepEqual(geminiRun[1].map((item) => item.pairedItem), [{ item: 1 }]);
	});

	test('On Error "Continue": the refused item stays in place as an error item with Google\'s message', async () => {
		await refuseSecondPrompt();
		const { run } = await execute(WORKFLOWS.regularOutput);
		assert.equal(executionStatus(run), 'success', errorText(executionError(run)));
		const answers = nodeItems(run, 'Answers');
		assert.equal(answers.length, 3);
		assert.match(answers[0].text, /tides/);
		assert.match(answers[1].error, /ports are off limits/);
		assert.equal(answers[1].httpCode, '400');
		assert.match(answers[2].text, /winds/);
	});

	test('a deprecated model id is replaced and the output says so', async () => {
		const { run, requests } = await execute(WORKFLOWS.deprecatedModel);
		assert.equal(executionStatus(run), 'success', errorText(executionError(run)));
		const [item] = nodeItems(run, GEMINI_NODE);
		assert.equal(item.model, 'gemini-3.5-flash');
		assert.ok(item.notice || item.modelSubstitution, `a notice about the substitution: ${JSON.stringify(item)}`);
		assert.match(JSON.stringify(item.notice ?? item.modelSubstitution), /gemini-2\.0-flash/);
		assert.deepEqual(createCalls(requests).map((r) => r.body.model), ['gemini-3.5-flash']);
	});
});

function errorText(error) {
	return error ? [error.message, error.description].filter(Boolean).join(' — ') : '(no error)';
}
