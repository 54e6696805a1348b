// Shared by the trigger e2e tests: a Trigger → HTTP Request workflow, a local receiver, polling,
// and the emulator's webhook API.
import http from 'node:http';
import { CREDENTIAL_REFS } from '../../../scripts/examples.mjs';

export const TRIGGER_TYPE = 'n8n-nodes-gemini-interactions.geminiInteractionsTrigger';
// n8n-generated workflow ids have 16 characters, and n8n 1.x saves a workflow's static data (the
// trigger's signing secret) only for ids of at most 16 (n8n/src/utils.ts isWorkflowIdValid).
export const WORKFLOW_ID = 'e2eGeminiTrigger';
export const WEBHOOK_ID = 'c5d2a1b0-2222-4c4c-9d9d-00000000e2e2';

/** Trigger → HTTP Request posting each item to `receiverUrl`. */
export function triggerWorkflow(receiverUrl, { id = WORKFLOW_ID, webhookId = WEBHOOK_ID } = {}) {
	return {
		id,
		name: 'E2E Gemini trigger',
		active: false,
		nodes: [
			{
				id: 't-trigger',
				name: 'Run Ended',
				type: TRIGGER_TYPE,
				typeVersion: 1,
				position: [0, 0],
				webhookId,
				parameters: { events: ['interaction.completed', 'interaction.failed'], options: {} },
				credentials: { geminiInteractionsApi: CREDENTIAL_REFS.geminiInteractionsApi },
			},
			{ id: 't-report', name: 'Report', type: 'n8n-nodes-base.httpRequest', typeVersion: 4.2, position: [220, 0], parameters: { method: 'POST', url: `${receiverUrl}/done`, sendBody: true, specifyBody: 'json', jsonBody: '={{ JSON.stringify($json) }}', options: {} } },
		],
		connections: { 'Run Ended': { main: [[{ node: 'Report', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
		pinData: {},
	};
}

/** A local HTTP server that keeps every JSON body posted to it. */
export async function startReceiver() {
	const reports = [];
	const server = http.createServer((req, res) => {
		let body = '';
		req.on('data', (d) => (body += d));
		req.on('end', () => {
			reports.push(JSON.parse(body));
			res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
		});
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	return { reports, url: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((resolve) => server.close(resolve)) };
}

/**
 * Deactivates a workflow the way the editor does: n8n 2.x has POST …/deactivate, n8n 1.x saves the
 * workflow with `active: false`.
 */
export async function deactivateWorkflow(baseUrl, cookie, id) {
	const headers = { cookie, 'content-type': 'application/json' };
	const res = await fetch(`${baseUrl}/rest/workflows/${id}/deactivate`, { method: 'POST', headers, body: '{}' });
	if (res.status !== 404) return res;
	const current = await (await fetch(`${baseUrl}/rest/workflows/${id}`, { headers })).json();
	return fetch(`${baseUrl}/rest/workflows/${id}`, { method: 'PATCH', headers, body: JSON.stringify({ active: false, versionId: current.data.versionId }) });
}

/** Emulator API helpers for a test: its webhooks, and a background run started directly. */
export function emulatorApi(emulator) {
	const api = (p, init = {}) =>
		fetch(`${emulator.url}${p}`, { ...init, headers: { 'content-type': 'application/json', 'x-goog-api-key': emulator.apiKey } }).then((r) => r.json());
	return {
		webhooks: async () => (await api('/v1/webhooks')).webhooks,
		startRun: (input) => api('/v1/interactions', { method: 'POST', body: JSON.stringify({ model: 'gemini-3-flash-preview', input, background: true }) }),
		deliveries: () => fetch(`${emulator.url}/__emulator/webhook-deliveries`).then((r) => r.json()),
	};
}
