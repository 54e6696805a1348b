// Webhook-started agent runs for the e2e tests: Webhook → Split Out → Run Agent → report.
import { CREDENTIAL_REFS } from '../../../scripts/examples.mjs';
import { NODE_TYPE } from './context.mjs';

/**
 * POST /webhook/<path> {tasks:[{task}]} → one Run Agent item per task → each output posted to
 * `receiverUrl`/done. `waitMode` 'webhook' or 'wait'; with `respond`, the Webhook answers with the
 * agent node's output (all items) instead of posting them. With `onError: 'continueErrorOutput'`
 * the agent node's error output posts each of its items to `receiverUrl`/failed as `{failed: true, …}`.
 */
export function agentRunsWorkflow({ id, path, receiverUrl, waitMode = 'webhook', respond = false, webhookId, maxWait = 10, onError }) {
	const research = {
		id: `${id}-gemini`,
		name: 'Research',
		type: NODE_TYPE,
		typeVersion: 1,
		position: [440, 0],
		parameters: { resource: 'agent', operation: 'run', agent: { __rl: true, mode: 'id', value: 'deep-research-preview-04-2026' }, input: '={{ $json.task }}', waitMode, options: { maxWait } },
		credentials: { geminiInteractionsApi: CREDENTIAL_REFS.geminiInteractionsApi },
		...(onError ? { onError } : {}),
	};
	const errorOutput = onError === 'continueErrorOutput';
	const reportFailure = { id: `${id}-failure`, name: 'Report failure', type: 'n8n-nodes-base.httpRequest', typeVersion: 4.2, position: [660, 200], parameters: { method: 'POST', url: `${receiverUrl}/failed`, sendBody: true, specifyBody: 'json', jsonBody: '={{ JSON.stringify({ failed: true, ...$json }) }}', options: {} } };
	const report = { id: `${id}-report`, name: 'Report', type: 'n8n-nodes-base.httpRequest', typeVersion: 4.2, position: [660, 0], parameters: { method: 'POST', url: `${receiverUrl}/done`, sendBody: true, specifyBody: 'json', jsonBody: '={{ JSON.stringify($json) }}', options: {} } };
	return {
		id,
		name: `E2E agent runs (${id})`,
		active: false,
		nodes: [
			{ id: `${id}-hook`, name: 'Start', type: 'n8n-nodes-base.webhook', typeVersion: 2, position: [0, 0], webhookId, parameters: { httpMethod: 'POST', path, responseMode: respond ? 'lastNode' : 'onReceived', ...(respond ? { responseData: 'allEntries' } : {}), options: {} } },
			{ id: `${id}-split`, name: 'Tasks', type: 'n8n-nodes-base.splitOut', typeVersion: 1, position: [220, 0], parameters: { fieldToSplitOut: 'body.tasks', options: {} } },
			research,
			...(respond ? [] : [report]),
			...(errorOutput ? [reportFailure] : []),
		],
		connections: {
			Start: { main: [[{ node: 'Tasks', type: 'main', index: 0 }]] },
			Tasks: { main: [[{ node: 'Research', type: 'main', index: 0 }]] },
			...(respond ? {} : { Research: { main: [[{ node: 'Report', type: 'main', index: 0 }], ...(errorOutput ? [[{ node: 'Report failure', type: 'main', index: 0 }]] : [])] } }),
		},
		settings: { executionOrder: 'v1' },
		pinData: {},
	};
}
