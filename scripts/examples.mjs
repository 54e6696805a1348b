// The example workflows in examples/: discovery, the credentials they expect, and running them in a
// real n8n against the emulator. Shared by `npm run demo` and the e2e suite.
//
// Each examples/<name>.json may have a sidecar examples/expectations/<name>.mjs whose default export is
//   {
//     request?: { body?, query?, headers? },   // for webhook examples: what to send (method/path come
//                                               // from the Webhook node)
//     needs?: ['streaming', …],                 // host features (scripts/n8n-runtime.mjs HOST_FEATURES);
//                                               // skipped on a host without them
//     status?: 'success' | 'error',            // expected execution status (default 'success')
//     prepare?({ emulator }) { … }             // before the run, e.g. emulator.addFault({ delayMs })
//     check?(ctx) { … }                        // e2e assertions; ctx = { assert, run, items(node),
//                                               //   response, requests, emulator, example }
//   }
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { isApiRequest } from './emulator-process.mjs';
import { PROJECT_DIR, sleep } from './n8n-runtime.mjs';

export const EXAMPLES_DIR = path.join(PROJECT_DIR, 'examples');
const WEBHOOK_TYPE = 'n8n-nodes-base.webhook';
const CHAT_TRIGGER_TYPE = '@n8n/n8n-nodes-langchain.chatTrigger';

/** Credential ids and names the examples reference; importing them makes the examples run as-is. */
export const CREDENTIAL_REFS = Object.freeze({
	geminiInteractionsApi: { id: 'geminiApiKeyCred01', name: 'Gemini Interactions account' },
	geminiInteractionsEnterpriseApi: { id: 'geminiEnterpriseC1', name: 'Gemini Enterprise account' },
});

/** Both credentials, pointing at the emulator (n8n import:credentials format). */
export function emulatorCredentials(emulator) {
	const { geminiInteractionsApi: api, geminiInteractionsEnterpriseApi: enterprise } = CREDENTIAL_REFS;
	return [
		{
			...api,
			type: 'geminiInteractionsApi',
			data: { apiKey: emulator.apiKey, baseUrl: emulator.url, apiVersion: 'v1' },
		},
		{
			...enterprise,
			type: 'geminiInteractionsEnterpriseApi',
			data: {
				authType: 'serviceAccount',
				serviceAccountKey: emulator.serviceAccountKey,
				projectId: '',
				location: 'global',
				baseUrl: emulator.url,
			},
		},
	];
}

/** All examples, sorted by file name: { name, file, workflow, expectations, webhook }. */
export async function loadExamples(dir = EXAMPLES_DIR) {
	const files = (await readdir(dir)).filter((f) => f.endsWith('.json')).sort();
	return Promise.all(
		files.map(async (file) => {
			const name = path.basename(file, '.json');
			const fullPath = path.join(dir, file);
			const workflow = JSON.parse(await readFile(fullPath, 'utf8'));
			const sidecar = path.join(dir, 'expectations', `${name}.mjs`);
			const expectations = existsSync(sidecar) ? (await import(pathToFileURL(sidecar).href)).default : {};
			return { name, file: fullPath, workflow, expectations, webhook: webhookOf(workflow) };
		}),
	);
}

/** How to call a webhook or public Chat Trigger workflow over HTTP (null for manual workflows). */
function webhookOf(workflow) {
	const active = workflow.nodes.filter((n) => !n.disabled);
	const chat = active.find((n) => n.type === CHAT_TRIGGER_TYPE);
	if (chat) return { method: 'POST', path: `${chat.webhookId}/chat` };
	const node = active.find((n) => n.type === WEBHOOK_TYPE);
	if (!node) return null;
	return { method: node.parameters.httpMethod ?? 'GET', path: node.parameters.path };
}

/** Imports the example workflows (plus `extra` ones) and publishes the webhook examples. */
export async function importExamples(n8n, examples, extra = []) {
	await n8n.importWorkflows([...examples.map((e) => e.workflow), ...extra]);
	for (const example of examples.filter((e) => e.webhook)) await n8n.publishWorkflow(example.workflow.id);
}

/**
 * Runs one example: `n8n execute` for manual workflows; for webhook workflows an HTTP call to the
 * running server (n8n.start() first). Returns { run, response, requests } where `requests` are the
 * API calls the emulator saw during this run.
 */
export async function runExample(n8n, emulator, example) {
	await emulator.clearRequests();
	await emulator.clearFaults();
	await example.expectations.prepare?.({ emulator });
	let result;
	if (example.webhook) {
		if (!n8n.server) throw new Error(`${example.name} is a webhook workflow: start the n8n server first`);
		result = { run: null, response: await callWebhook(n8n.url, example.webhook, example.expectations.request) };
	} else {
		const { code, run, stdout, stderr } = await n8n.execute(example.workflow.id);
		if (!run) throw new Error(`n8n execute printed no result (exit ${code}):\n${stdout}\n${stderr}`.slice(-4000));
		result = { run, response: null, exitCode: code };
	}
	return { ...result, requests: await emulator.requests(isApiRequest) };
}

/**
 * Calls a production webhook. Right after readiness n8n may not have registered published
 * webhooks yet (measured on 2.x: 404 "not registered"; on 1.x readiness answers before the
 * webhook routes exist: Express's 404 "Cannot POST"), so those cases are retried for a while.
 */
export async function callWebhook(baseUrl, { method, path: hookPath }, request = {}) {
	const url = new URL(`/webhook/${hookPath}`, baseUrl);
	for (const [k, v] of Object.entries(request.query ?? {})) url.searchParams.set(k, v);
	const init = { method, headers: { 'content-type': 'application/json', ...request.headers } };
	if (request.body !== undefined && method !== 'GET') init.body = JSON.stringify(request.body);
	const deadline = Date.now() + 30_000;
	for (;;) {
		const res = await fetch(url, init);
		const text = await res.text();
		const notYet = res.status === 404 && (text.includes('not registered') || text.includes(`Cannot ${method}`));
		if (!notYet || Date.now() > deadline) {
			let body = text;
			try {
				body = JSON.parse(text);
			} catch {}
			return { status: res.status, body };
		}
		await sleep(500);
	}
}

// ---------------------------------------------------------------------------------------------
// Reading an execution result

export function runData(run) {
	return run?.data?.resultData?.runData ?? {};
}

/** Output items (json only) of a node's first run, first output. */
export function nodeItems(run, nodeName) {
	const task = runData(run)[nodeName]?.[0];
	return (task?.data?.main?.[0] ?? []).map((item) => item.json);
}

/**
 * The execution's final status. n8n 1.x's `execute --rawOutput` prints the execution before it
 * records the final status (still "running" once the command has returned): derive it there.
 */
export function executionStatus(run) {
	if (run?.status !== 'running') return run?.status;
	if (executionError(run)) return 'error';
	return run.finished ? 'success' : run.status;
}

/** The workflow-level error n8n reports (what the editor shows), or null. */
export function executionError(run) {
	return run?.data?.resultData?.error ?? null;
}
