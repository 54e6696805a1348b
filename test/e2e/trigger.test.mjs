// Gemini Interactions Trigger in a real n8n (n8n start): publishing the workflow registers a project
// webhook at Google (the emulator), a finished background run starts the workflow once with the
// fetched interaction, and deactivating the workflow deletes the webhook so no execution follows.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { setupOwner, sleep, until } from '../../scripts/n8n-runtime.mjs';
import { setupE2e } from './lib/context.mjs';
import { WEBHOOK_ID, WORKFLOW_ID, deactivateWorkflow, emulatorApi, startReceiver, triggerWorkflow } from './lib/trigger.mjs';

describe('Gemini Interactions Trigger in real n8n', () => {
	let ctx;
	let cookie;
	let receiver;
	let google;

	const executions = async () => {
		const filter = encodeURIComponent(JSON.stringify({ workflowId: WORKFLOW_ID }));
		const res = await fetch(`${ctx.n8n.url}/rest/executions?filter=${filter}`, { headers: { cookie } });
		return (await res.json()).data.results;
	};

	before(async () => {
		receiver = await startReceiver();
		ctx = await setupE2e();
		google = emulatorApi(ctx.emulator);
		await ctx.n8n.importWorkflows([triggerWorkflow(receiver.url)]);
		await ctx.n8n.publishWorkflow(WORKFLOW_ID);
		await ctx.n8n.start();
		cookie = await setupOwner(ctx.n8n.url);
	});
	after(async () => {
		await ctx?.dispose();
		await receiver?.close();
	});

	test('publishing registers the webhook; a completed run starts the workflow once', async () => {
		const started = Date.now();
		const [hook] = await until(async () => {
			const list = await google.webhooks();
			return list.length ? list : undefined;
		}, 30_000, 'the webhook registration');
		assert.equal(hook.uri, `${ctx.n8n.url}/webhook/${WEBHOOK_ID}/webhook`);
		assert.deepEqual([...hook.subscribed_events].sort(), ['interaction.completed', 'interaction.failed']);
		assert.equal(hook.name, 'n8n: E2E Gemini trigger');

		const run = await google.startRun('Tides of the North Sea');
		await until(() => receiver.reports.length >= 1, 30_000, 'the workflow run');
		await sleep(1000); // room for a wrongful second start
		assert.equal(receiver.reports.length, 1);
		const [report] = receiver.reports;
		assert.equal(report.id, run.id);
		assert.equal(report.status, 'completed');
		assert.match(report.text, /Tides of the North Sea/);
		assert.equal(report.event.type, 'interaction.completed');
		const list = await executions();
		assert.equal(list.length, 1);
		assert.equal(list[0].status, 'success');
		const deliveries = (await google.deliveries()).filter((d) => d.interactionId === run.id);
		assert.deepEqual(deliveries.map((d) => [d.mode, d.status]), [['hmac', 200]]);
		console.log(`trigger e2e: run ended → workflow executed in ${((Date.now() - started) / 1000).toFixed(1)} s (incl. registration wait)`);
	});

	test('deactivating deletes the webhook at Google; later runs start nothing', async () => {
		const res = await deactivateWorkflow(ctx.n8n.url, cookie, WORKFLOW_ID);
		assert.equal(res.status, 200, await res.text());
		await until(async () => (await google.webhooks()).length === 0, 15_000, 'the webhook deletion');
		const before = (await executions()).length;
		const run = await google.startRun('Nobody listens');
		await sleep(2500);
		assert.equal((await google.deliveries()).filter((d) => d.interactionId === run.id).length, 0);
		assert.equal((await executions()).length, before);
		assert.equal(receiver.reports.length, 1);
	});
});
