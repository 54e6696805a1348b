// Every workflow in examples/ runs in a real n8n against the emulator; each one is checked generically
// (execution status, no node errors) and by its sidecar examples/expectations/<name>.mjs.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { importExamples, loadExamples, runExample } from '../../scripts/examples.mjs';
import { HOST_FEATURES, runtimeSpec, setupOwner } from '../../scripts/n8n-runtime.mjs';
import { checkContext, runAndCheckManual } from './lib/checks.mjs';
import { setupE2e } from './lib/context.mjs';
import { packageTypes } from './lib/nodeDescription.mjs';

const host = runtimeSpec();
const examples = await loadExamples();
const cliExamples = examples.filter((e) => !e.webhook);
const webhookExamples = examples.filter((e) => e.webhook);

/** node:test's skip option: why this host cannot run the example, or false. */
function skipOnThisHost(example) {
	const missing = (example.expectations.needs ?? []).filter((feature) => !host.features.includes(feature));
	if (missing.length === 0) return false;
	return `n8n ${host.n8n} lacks ${missing.map((f) => HOST_FEATURES[f] ?? f).join(', ')}`;
}

describe(`examples in real n8n ${host.n8n}`, () => {
	let ctx;
	before(async () => {
		ctx = await setupE2e();
		await importExamples(ctx.n8n, examples);
	});
	after(() => ctx?.dispose());

	for (const example of cliExamples) {
		test(`${example.name} (n8n execute)`, { skip: skipOnThisHost(example) }, () => runAndCheckManual(ctx, example));
	}

	describe('webhook examples (n8n start)', { skip: webhookExamples.length === 0 }, () => {
		before(() => ctx.n8n.start());
		after(() => ctx.n8n.stop());
		test('the packed package loads: the editor is offered its nodes and credentials', async () => {
			const cookie = await setupOwner(ctx.n8n.url);
			const served = async (what) => {
				const res = await fetch(`${ctx.n8n.url}/types/${what}.json`, { headers: { cookie } });
				assert.equal(res.status, 200, `GET /types/${what}.json`);
				return (await res.json()).map((type) => type.name);
			};
			const expected = packageTypes();
			assert.ok(expected.nodes.size > 0 && expected.credentials.length > 0);
			const nodeTypes = await served('nodes');
			for (const type of expected.nodes.keys()) assert.ok(nodeTypes.includes(type), `node ${type} is loaded`);
			const credentialTypes = await served('credentials');
			for (const type of expected.credentials) assert.ok(credentialTypes.includes(type), `credential ${type} is loaded`);
		});

		for (const example of webhookExamples) {
			const skip = skipOnThisHost(example);
			test(`${example.name} (${example.webhook.method} /webhook/${example.webhook.path})`, { skip }, async () => {
				const result = await runExample(ctx.n8n, ctx.emulator, example);
				assert.equal(result.response.status, 200, JSON.stringify(result.response.body));
				await example.expectations.check?.(checkContext(ctx, example, result));
			});
		}

		// (only what needs nothing else: other missing features would fail first, differently)
		const streaming = webhookExamples.filter((e) => e.expectations.needs?.join() === 'streaming');
		test(
			'on a host without streaming, n8n refuses a streaming workflow with a clear message',
			{ skip: host.features.includes('streaming') && `n8n ${host.n8n} streams` },
			async () => {
				for (const example of streaming) {
					const result = await runExample(ctx.n8n, ctx.emulator, example);
					assert.equal(result.response.status, 500, example.name);
					assert.match(result.response.body.message, /response mode 'streaming' is not valid/, example.name);
					assert.deepEqual(result.requests, [], `${example.name}: the node never ran`);
				}
			},
		);
	});
});
