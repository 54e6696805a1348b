// The nodes in n8n's queue mode as n8n's scaling guide sets it up (EXECUTIONS_MODE=queue, Redis,
// PostgreSQL): one main, two webhook processes behind a balancer, two workers. Agent runs with Wait
// for Completion spread over both workers with outputs in input order; the Trigger registers the
// webhook URL and fires through it; Resume on Webhook waits in the database and resumes through the
// webhook processes on a worker.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { callWebhook } from '../../scripts/examples.mjs';
import { HOST_FEATURES, runtimeSpec, setupOwner, sleep, until } from '../../scripts/n8n-runtime.mjs';
import { agentRunsWorkflow } from './lib/agentRuns.mjs';
import { setupE2e } from './lib/context.mjs';
import { canHavePostgres, startPostgres } from './lib/postgres.mjs';
import { canHaveRedis, startQueueCluster } from './lib/queue.mjs';
import { emulatorApi, startReceiver, triggerWorkflow } from './lib/trigger.mjs';

const BATCH = { id: 'e2eQueueBatch1', path: 'e2e-queue-batch', webhookId: 'd1e2f3a4-3333-4c4c-9d9d-00000000e2e3' };
const RESUME = { id: 'e2eQueueResume1', path: 'e2e-queue-resume', webhookId: 'd1e2f3a4-4444-4c4c-9d9d-00000000e2e4' };
const TRIGGER = { id: 'e2eQueueTrigger1', webhookId: 'd1e2f3a4-5555-4c4c-9d9d-00000000e2e5' };
const skip = canHaveRedis() && canHavePostgres() ? false : 'needs redis-server and PostgreSQL (or root / passwordless sudo to install them)';

describe('queue mode: main, two webhook processes and two workers', { skip }, () => {
	let ctx;
	let cluster;
	let cookie;
	let batchReceiver;
	let triggerReceiver;
	let resumeReceiver;
	let google;
	let database;
	const started = Date.now();

	const executions = async (workflowId) => {
		const filter = encodeURIComponent(JSON.stringify({ workflowId }));
		const res = await fetch(`${ctx.n8n.url}/rest/executions?filter=${filter}&limit=100`, { headers: { cookie } });
		return (await res.json()).data.results;
	};

	before(async () => {
		[batchReceiver, triggerReceiver, resumeReceiver] = await Promise.all([startReceiver(), startReceiver(), startReceiver()]);
		database = await startPostgres();
		ctx = await setupE2e({ database });
		google = emulatorApi(ctx.emulator);
		const workflows = [
			agentRunsWorkflow({ ...BATCH, receiverUrl: batchReceiver.url, waitMode: 'wait', respond: true }),
			agentRunsWorkflow({ ...RESUME, receiverUrl: resumeReceiver.url, waitMode: 'webhook' }),
			triggerWorkflow(triggerReceiver.url, TRIGGER),
		];
		await ctx.n8n.importWorkflows(workflows);
		for (const w of workflows) await ctx.n8n.publishWorkflow(w.id);
		cluster = await startQueueCluster(ctx.n8n, { workers: 2, workerConcurrency: 1, webhookProcesses: 2 });
		cookie = await setupOwner(ctx.n8n.url);
		console.log(`queue mode: postgres + redis + main + 2 webhook processes + 2 workers ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
	});
	after(async () => {
		await cluster?.stop();
		await ctx?.dispose();
		await database?.stop();
		await Promise.all([batchReceiver, triggerReceiver, resumeReceiver].map((r) => r?.close()));
		console.log(`queue mode e2e: ${((Date.now() - started) / 1000).toFixed(1)} s in all`);
	});

	test('20 agent runs in two executions run on both workers; each answer keeps input order', async () => {
		const t0 = Date.now();
		const batches = [0, 1].map((b) => Array.from({ length: 10 }, (_, i) => `Batch ${b} task ${String(i).padStart(2, '0')} #duration:${800 + ((i * 7) % 5) * 300}`));
		const calls = await Promise.all(batches.map((tasks) => callWebhook(cluster.webhookUrl, { method: 'POST', path: BATCH.path }, { body: { tasks: tasks.map((task) => ({ task })) } })));
		for (const [b, call] of calls.entries()) {
			assert.equal(call.status, 200, JSON.stringify(call.body).slice(0, 500));
			assert.ok(Array.isArray(call.body), JSON.stringify(call.body).slice(0, 500));
			assert.deepEqual(call.body.map((item) => item.status), Array(10).fill('completed'));
			assert.deepEqual(call.body.map((item) => item.text.match(/You said: "([^"]+)"/)?.[1]), batches[b]);
		}
		const list = await executions(BATCH.id);
		assert.equal(list.length, 2);
		assert.ok(list.every((e) => e.status === 'success'));
		const ids = list.map((e) => String(e.id));
		const ran = await Promise.all(
			['worker-1', 'worker-2'].map(async (name) => {
				const log = await cluster.log(name);
				// "Worker started execution 7 (job 9)": the id right after the word, not a job number later on
				return ids.filter((id) => new RegExp(`\\bexecution ${id}\\b`, 'i').test(log));
			}),
		);
		assert.deepEqual(ran.map((r) => r.length), [1, 1], `each worker ran one execution: ${JSON.stringify(ran)}`);
		console.log(`queue mode: 20 runs (2 × 10 items) answered in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
	});

	test('the Trigger registers the webhook process URL and starts one execution per finished run', async () => {
		const [hook] = await until(async () => {
			const list = (await google.webhooks()).filter((w) => w.uri.includes(TRIGGER.webhookId));
			return list.length ? list : undefined;
		}, 30_000, 'the webhook registration');
		assert.equal(hook.uri, `${cluster.webhookUrl}/webhook/${TRIGGER.webhookId}/webhook`);
		// The project webhook hears every run of the project without a webhook_config of its own: the 20
		// runs of the test before, and this one.
		const run = await google.startRun('Queue-mode trigger check');
		await until(() => triggerReceiver.reports.length >= 21, 60_000, '21 triggered executions');
		await sleep(1500); // room for a wrongful second start
		const ids = triggerReceiver.reports.map((r) => r.id);
		assert.equal(ids.length, 21);
		const twice = ids.filter((id, i) => ids.indexOf(id) !== i);
		const deliveries = (await google.deliveries()).filter((d) => twice.includes(d.interactionId));
		assert.equal(new Set(ids).size, 21, `one execution per run; repeated: ${JSON.stringify(deliveries.map((d) => [d.interactionId, d.webhookId, d.attempt, d.status, d.sentAt, d.response]))}`);
		const mine = triggerReceiver.reports.find((r) => r.id === run.id);
		assert.match(mine.text, /Queue-mode trigger check/);
		assert.equal(mine.event.type, 'interaction.completed');
		// The last node posts its report before the worker records the execution as finished.
		const finished = (e) => !['new', 'running', 'waiting'].includes(e.status);
		const list = await until(async () => {
			const all = await executions(TRIGGER.id);
			return all.length === 21 && all.every(finished) ? all : undefined;
		}, 30_000, '21 finished executions').catch(async (error) => {
			const unfinished = (await executions(TRIGGER.id)).filter((e) => !finished(e)).map((e) => [e.id, e.status]);
			throw new Error(`${error.message}: unfinished ${JSON.stringify(unfinished)}\n${await cluster.linesAbout(unfinished.map(([id]) => id))}`);
		});
		assert.deepEqual(list.filter((e) => e.status !== 'success').map((e) => [e.id, e.status]), []);
	});

	const host = runtimeSpec();
	const resumeSkip = !host.features.includes('executionCustomData') && `n8n ${host.n8n} lacks ${HOST_FEATURES.executionCustomData}`;
	test('Resume on Webhook: waits without a worker, resumes once though every callback comes twice, to both webhook processes at once', { skip: resumeSkip }, async () => {
		const tasks = ['Reef #duration:1500', 'Dune #duration:3000', 'Fjord #duration:4500'];
		await fetch(`${ctx.emulator.url}/__emulator/webhook-duplicates`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ count: 3 }) });
		const call = await callWebhook(cluster.webhookUrl, { method: 'POST', path: RESUME.path }, { body: { tasks: tasks.map((task) => ({ task })) } });
		assert.equal(call.status, 200);
		const waiting = await until(async () => (await executions(RESUME.id)).find((e) => e.status === 'waiting'), 30_000, 'the waiting execution');
		await until(() => resumeReceiver.reports.length >= 3, 60_000, 'the resumed execution');
		await sleep(1500);
		assert.equal(resumeReceiver.reports.length, 3);
		assert.deepEqual(resumeReceiver.reports.map((r) => r.text.match(/You said: "([^"]+)"/)?.[1]).sort(), [...tasks].sort());
		assert.ok(resumeReceiver.reports.every((r) => r.status === 'completed'));
		const list = await executions(RESUME.id);
		assert.deepEqual(list.map((e) => [String(e.id), e.status]), [[String(waiting.id), 'success']]);
		// Both copies of the last run's call were in flight together, one on each webhook process.
		const last = (await google.deliveries()).filter((d) => d.mode === 'jwt' && d.body?.data?.user_metadata?.n8n_execution_id === String(waiting.id));
		console.log(`queue-mode resume deliveries: ${JSON.stringify(last.map((d) => [d.body.data.id.slice(-6), d.webhookId.slice(-4), d.attempt, d.status, d.sentAt % 100000]))}`);
		assert.equal(new Set(last.map((d) => d.webhookId)).size, 3);
	});
});
