// Wait Mode "Resume on Webhook" in a real n8n (n8n start, webhooks on 127.0.0.1): the execution waits
// in n8n's database while the emulator runs the agents, Google's (the emulator's) JWT-signed callbacks
// resume it once every item's run has ended, a forged callback is refused, and duplicates do nothing.
import assert from 'node:assert/strict';
import { generateKeyPairSync, sign } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { callWebhook } from '../../scripts/examples.mjs';
import { HOST_FEATURES, runtimeSpec, setupOwner, sleep, until } from '../../scripts/n8n-runtime.mjs';
import { agentRunsWorkflow } from './lib/agentRuns.mjs';
import { setupE2e } from './lib/context.mjs';
import { startReceiver } from './lib/trigger.mjs';

const WORKFLOW_ID = 'e2eResumeOnWebhook';
const HOOK_PATH = 'e2e-resume-agents';
const TASKS = ['Tides #duration:2500', 'Ports #duration:4000', 'Winds #duration:5500'];

// Error output: a failed run (reported by Google's call) and runs Maximum Wait cuts short.
const FAILURE_WORKFLOW = { id: 'e2eResumeFailure', path: 'e2e-resume-failure', webhookId: 'b7c1f0a2-1112-4c4c-9d9d-00000000e2e1' };
const TIMEOUT_WORKFLOW = { id: 'e2eResumeTimeout', path: 'e2e-resume-timeout', webhookId: 'b7c1f0a2-1113-4c4c-9d9d-00000000e2e1' };
const MAX_WAIT_MINUTES = 0.05; // 3 s

const resumeWorkflow = (receiverUrl) =>
	agentRunsWorkflow({ id: WORKFLOW_ID, path: HOOK_PATH, receiverUrl, webhookId: 'b7c1f0a2-1111-4c4c-9d9d-00000000e2e1' });

const host = runtimeSpec();
const skip = !host.features.includes('executionCustomData') && `n8n ${host.n8n} lacks ${HOST_FEATURES.executionCustomData}`;

describe('Resume on Webhook in real n8n', { skip }, () => {
	let ctx;
	let cookie;
	let receiver;
	let reports = [];

	const executions = async (workflowId = WORKFLOW_ID) => {
		const filter = encodeURIComponent(JSON.stringify({ workflowId }));
		const res = await fetch(`${ctx.n8n.url}/rest/executions?filter=${filter}`, { headers: { cookie } });
		return (await res.json()).data.results;
	};
	const control = (p, body) => fetch(`${ctx.emulator.url}${p}`, { method: body ? 'POST' : 'GET', headers: { 'content-type': 'application/json' }, body: body && JSON.stringify(body) }).then((r) => r.json());

	before(async () => {
		receiver = await startReceiver();
		reports = receiver.reports;
		ctx = await setupE2e();
		await ctx.n8n.importWorkflows([
			resumeWorkflow(receiver.url),
			agentRunsWorkflow({ ...FAILURE_WORKFLOW, receiverUrl: receiver.url, onError: 'continueErrorOutput' }),
			agentRunsWorkflow({ ...TIMEOUT_WORKFLOW, receiverUrl: receiver.url, onError: 'continueErrorOutput', maxWait: MAX_WAIT_MINUTES }),
		]);
		for (const id of [WORKFLOW_ID, FAILURE_WORKFLOW.id, TIMEOUT_WORKFLOW.id]) await ctx.n8n.publishWorkflow(id);
		await ctx.n8n.start();
		cookie = await setupOwner(ctx.n8n.url);
	});
	after(async () => {
		await ctx?.dispose();
		receiver?.close();
	});

	test('three items: the execution waits, each create carries the resume URL, forged callbacks are refused', async () => {
		await control('/__emulator/webhook-duplicates', { count: 3 });
		const call = await callWebhook(ctx.n8n.url, { method: 'POST', path: HOOK_PATH }, { body: { tasks: TASKS.map((task) => ({ task })) } });
		assert.equal(call.status, 200);

		// The execution waits (no worker held) while the runs go on.
		const waiting = await until(async () => (await executions()).find((e) => e.status === 'waiting'), 15_000, 'the execution to show as waiting');

		// Each create asked Google to call the execution's resume URL, with the item in user_metadata.
		const creates = (await control('/__emulator/requests')).filter((r) => r.method === 'POST' && r.path.endsWith('/interactions'));
		assert.equal(creates.length, 3);
		const resumeUrl = creates[0].body.webhook_config.uris[0];
		assert.match(resumeUrl, new RegExp(`/webhook-waiting/${waiting.id}\\?signature=`));
		assert.deepEqual(creates.map((r) => r.body.webhook_config.user_metadata.n8n_item_index).sort(), [0, 1, 2]);
		assert.ok(creates.every((r) => r.body.background === true));

		// A forged callback (a JWT signed by a key Google never published) is refused and resumes nothing.
		const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
		const b64 = (v) => Buffer.from(JSON.stringify(v)).toString('base64url');
		const now = Math.floor(Date.now() / 1000);
		const input = `${b64({ alg: 'RS256', kid: 'forged' })}.${b64({ aud: resumeUrl, iat: now, exp: now + 300 })}`;
		const forged = `${input}.${sign('RSA-SHA256', Buffer.from(input), privateKey).toString('base64url')}`;
		const interactionId = (await control('/__emulator/requests')).find((r) => r.method === 'POST' && r.path.endsWith('/interactions') && r.status === 200);
		assert.ok(interactionId);
		for (const signature of [forged, undefined]) {
			const res = await fetch(resumeUrl, {
				method: 'POST',
				headers: { 'content-type': 'application/json', 'webhook-id': 'msg_forged', 'webhook-timestamp': String(now), ...(signature ? { 'webhook-signature': signature } : {}) },
				body: JSON.stringify({ type: 'interaction.completed', data: { id: 'v1_anything' } }),
			});
			assert.equal(res.status, 401, `forged callback refused (${signature ? 'bad key' : 'no signature'})`);
		}
		assert.equal((await executions()).find((e) => e.id === waiting.id).status, 'waiting');
	});

	test('genuine callbacks resume the execution once with every output', async () => {
		const started = Date.now();
		for (let i = 0; i < 120 && reports.length < 3; i++) await sleep(250);
		await sleep(1500); // room for a wrongful second resume to show up
		const deliveries = await control('/__emulator/webhook-deliveries');
		assert.equal(reports.length, 3, `the execution resumed exactly once; deliveries: ${JSON.stringify(deliveries.map((d) => [d.status, d.response]))}`);
		const byTask = Object.fromEntries(reports.map((r) => [r.text.match(/You said: "([^"]+)"/)[1], r]));
		for (const task of TASKS) {
			assert.equal(byTask[task]?.status, 'completed', task);
			assert.match(byTask[task].text, /^# Research report/);
		}
		const list = await executions();
		assert.equal(list.length, 1);
		assert.equal(list[0].status, 'success');

		const jwtCalls = deliveries.filter((d) => d.mode === 'jwt');
		assert.equal(new Set(jwtCalls.map((d) => d.webhookId)).size, 3, 'one event per run');
		assert.ok(jwtCalls.length >= 6, 'every event was delivered twice');
		assert.ok(jwtCalls.every((d) => d.status >= 200 && d.status < 500), JSON.stringify(jwtCalls.map((d) => [d.status, d.response])));
		const answered = jwtCalls.map((d) => d.answeredMs).sort((a, b) => a - b);
		console.log(`resume-on-webhook e2e: 3 agent runs, resumed after ${((Date.now() - started) / 1000).toFixed(1)} s; callbacks answered in ${answered[0]}–${answered.at(-1)} ms`);
	});

	test('On Error "Continue (using error output)": a run Google reports failed goes to the error output', async () => {
		reports.length = 0;
		const tasks = ['Calm seas #duration:1000', 'Storm #status:failed #duration:1500'];
		const call = await callWebhook(ctx.n8n.url, { method: 'POST', path: FAILURE_WORKFLOW.path }, { body: { tasks: tasks.map((task) => ({ task })) } });
		assert.equal(call.status, 200);
		for (let i = 0; i < 120 && reports.length < 2; i++) await sleep(250);
		await sleep(1000);
		const [failure, ...moreFailures] = reports.filter((r) => r.failed);
		const answers = reports.filter((r) => !r.failed);
		assert.equal(moreFailures.length, 0, JSON.stringify(reports));
		assert.deepEqual(answers.map((r) => [r.status, r.text.match(/You said: "([^"]+)"/)?.[1]]), [['completed', tasks[0]]]);
		const failedRun = (await control('/__emulator/webhook-deliveries')).find((d) => d.mode === 'jwt' && d.body?.data?.status === 'failed');
		assert.ok(failedRun, 'Google reported the failed run');
		assert.equal(failure.error, `Agent run deep-research-preview-04-2026 (id ${failedRun.interactionId}) failed`);
		assert.equal((await executions(FAILURE_WORKFLOW.id))[0].status, 'success');
	});

	test('Maximum Wait runs out: n8n resumes by itself and each unfinished run comes out as a timeout error', async () => {
		reports.length = 0;
		const tasks = ['Slow tides #duration:600000', 'Slow ports #duration:600000'];
		const started = Date.now();
		const call = await callWebhook(ctx.n8n.url, { method: 'POST', path: TIMEOUT_WORKFLOW.path }, { body: { tasks: tasks.map((task) => ({ task })) } });
		assert.equal(call.status, 200);
		// n8n looks for executions whose wait is over once a minute.
		for (let i = 0; i < 400 && reports.length < 2; i++) await sleep(250);
		await sleep(1000);
		const creates = (await control('/__emulator/requests')).filter((r) => r.method === 'POST' && r.path.endsWith('/interactions') && tasks.includes(r.body.input));
		assert.equal(creates.length, 2);
		assert.equal(reports.length, 2, JSON.stringify(reports));
		assert.ok(reports.every((r) => r.failed), JSON.stringify(reports));
		const messages = reports.map((r) => r.error).sort();
		for (const message of messages) assert.match(message, /^Interaction v1_\S+ did not end within 3 seconds \(Maximum Wait\)$/);
		const named = messages.map((m) => m.split(' ')[1]).sort();
		const polled = (await control('/__emulator/requests')).filter((r) => r.method === 'GET' && named.some((id) => r.path.endsWith(`/interactions/${id}`)));
		assert.equal(polled.length, 0, 'no code ran at the deadline: n8n resumed on its own');
		assert.equal(new Set(named).size, 2);
		const [execution] = await executions(TIMEOUT_WORKFLOW.id);
		assert.equal(execution.status, 'success');
		console.log(`resume-on-webhook e2e: Maximum Wait of 3 s, resumed by n8n after ${((Date.now() - started) / 1000).toFixed(1)} s`);
	});

	test('65 items: refused before any run is created, naming the limit', async () => {
		const tasks = Array.from({ length: 65 }, (_, i) => `Too many ${i}`);
		const call = await callWebhook(ctx.n8n.url, { method: 'POST', path: HOOK_PATH }, { body: { tasks: tasks.map((task) => ({ task })) } });
		assert.equal(call.status, 200);
		const failed = await until(async () => (await executions()).find((e) => e.status === 'error'), 30_000, 'the execution to fail');
		const res = await fetch(`${ctx.n8n.url}/rest/executions/${failed.id}`, { headers: { cookie } });
		assert.match(await res.text(), /Resume on Webhook waits for at most 64 runs per execution; this one has 65 items/);
		const creates = (await control('/__emulator/requests')).filter((r) => r.method === 'POST' && r.path.endsWith('/interactions') && tasks.includes(r.body.input));
		assert.equal(creates.length, 0);
	});
});
