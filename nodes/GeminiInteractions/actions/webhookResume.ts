import type {
	IDataObject,
	IExecuteData,
	IExecuteFunctions,
	INodeExecutionData,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { isSettled } from '../../shared/interactions/follow';
import { GeminiApiClient, resourcePath } from '../../shared/transport/client';
import type { AuthMode } from '../../shared/transport/endpoints';
import { CREDENTIAL_TYPES } from '../../shared/transport/endpoints';
import { GOOGLE_WEBHOOK_JWKS_URL, verifyJwt } from '../../shared/webhooks/jwt';
import { isFresh, parseTimestamp, webhookHeaders } from '../../shared/webhooks/standardWebhooks';
import { describeFailure } from '../../shared/wire/response/status';
import { rawInteraction, simplifyInteraction } from '../../shared/wire/response/simplify';
import type { Interaction } from '../../shared/wire/types';
import { errorItem } from '../helpers/errorItem';
import { resumedRunFailedError, resumedRunNotStartedError, resumeTimedOutError } from '../helpers/runErrors';

/**
 * Wait mode "Resume on Webhook": each run is created in the background with Google calling the
 * execution's resume URL when it ends (`webhook_config`), and the execution waits in n8n's database
 * (`putExecutionToWait`) instead of holding a worker. Google's call comes back to `resumeFromWebhook`,
 * which verifies it, checks every item's run and resumes the execution once all have ended.
 *
 * n8n resumes a waiting execution on its resume URL (`$execution.resumeUrl`, which carries the
 * execution's resume token); `getSignedResumeUrl` is refused there for nodes other than
 * send-and-wait ones (n8n 2.x `WaitingWebhooks.validateToken`), so it is not used.
 */

export const RESUME_ON_WEBHOOK = 'webhook';
const DEFAULT_MAX_WAIT_MINUTES = 90;

const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\]|0\.0\.0\.0)$/i;
const PRIVATE = /^(10\.\d+\.\d+\.\d+|192\.168\.\d+\.\d+|172\.(1[6-9]|2\d|3[01])\.\d+\.\d+|[^.]+|.*\.local|.*\.internal)$/i;

type WaitingHost = IExecuteFunctions & {
	putExecutionToWait?: (waitTill: Date) => Promise<void>;
	evaluateExpression?: (expression: string, itemIndex: number) => unknown;
};

function isGoogleHost(baseUrl: string): boolean {
	try {
		return new URL(baseUrl).hostname.endsWith('googleapis.com');
	} catch {
		return false;
	}
}

async function apiBaseUrl(ctx: { getCredentials(type: string): Promise<IDataObject> }, authMode: AuthMode) {
	const credentials = await ctx.getCredentials(CREDENTIAL_TYPES[authMode]);
	return String(credentials.baseUrl || 'https://generativelanguage.googleapis.com');
}

/**
 * The URL Google calls back, checked before anything is created: the host must offer waiting
 * executions, and Google must be able to reach n8n (a localhost address only works with a gateway
 * or emulator on the same network).
 */
export async function resumeUrlFor(ctx: IExecuteFunctions, itemIndex: number, authMode: AuthMode): Promise<string> {
	const host = ctx as WaitingHost;
	if (typeof host.putExecutionToWait !== 'function' || typeof host.evaluateExpression !== 'function' || !executionCustomData(ctx)) {
		throw new NodeOperationError(ctx.getNode(), 'This n8n version cannot wait for a webhook', {
			itemIndex,
			description: 'Wait Mode "Resume on Webhook" needs an n8n whose nodes can keep execution custom data (n8n 2.x). Choose "Wait for Completion" instead.',
		});
	}
	const url = String(host.evaluateExpression('{{ $execution.resumeUrl }}', itemIndex) ?? '');
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		throw new NodeOperationError(ctx.getNode(), 'n8n has no resume URL for this execution', { itemIndex });
	}
	const base = await apiBaseUrl(ctx as never, authMode);
	const hostname = parsed.hostname;
	if (isGoogleHost(base) && (LOOPBACK.test(hostname) || PRIVATE.test(hostname))) {
		throw new NodeOperationError(ctx.getNode(), `Google cannot reach this n8n at ${parsed.origin}`, {
			itemIndex,
			description:
				'Google calls n8n back on the execution\'s resume URL, which must be reachable from the internet. Set n8n\'s WEBHOOK_URL environment variable to n8n\'s public address (e.g. https://n8n.example.com/), or choose "Wait for Completion".',
		});
	}
	return url;
}

export function webhookConfig(resumeUrl: string, itemIndex: number, executionId: string): IDataObject {
	return { uris: [resumeUrl], user_metadata: { n8n_execution_id: executionId, n8n_item_index: itemIndex } };
}

/**
 * n8n drops a waiting node's output before its webhook runs (n8n 2.x `WaitingWebhooks` →
 * `preserveInputOverride`), and the workflow's static data is not in the execution's saved copy of
 * the workflow; the runs to wait for are kept in the execution's custom data instead, which is part
 * of the saved run data the webhook gets back: `<item index>:<interaction id>` entries,
 * `<item index>:!` for an item whose run could not start. n8n keeps 10 keys (8 used here, 2 left
 * for the workflow's own) and logs an error for a value over 255 characters (n8n-core
 * `execution-metadata`), which holds 8 entries with Google's ids: 64 runs per execution.
 */
const LEDGER_KEY = 'gemini_resume_';
const LEDGER_KEYS = 8;
const LEDGER_VALUE_LENGTH = 255;
export const MAX_RESUME_RUNS = 64;

function ledgerChunks(output: INodeExecutionData[]): string[] {
	const chunks: string[] = [];
	output.forEach((item, index) => {
		const entry = `${pairedIndex(item, index)}:${hasRun(item.json) ? String(item.json.id) : '!'}`;
		const last = chunks.length - 1;
		if (last >= 0 && chunks[last].length + entry.length + 1 <= LEDGER_VALUE_LENGTH) chunks[last] += `,${entry}`;
		else chunks.push(entry);
	});
	return chunks;
}

interface LedgerEntry {
	itemIndex: number;
	id?: string;
}

function readLedger(metadata: unknown): LedgerEntry[] {
	const values = metadata && typeof metadata === 'object' ? (metadata as Record<string, unknown>) : {};
	const entries: LedgerEntry[] = [];
	for (let key = 0; key < LEDGER_KEYS; key++) {
		const value = values[`${LEDGER_KEY}${key}`];
		if (typeof value !== 'string' || value === '') continue;
		for (const entry of value.split(',')) {
			const colon = entry.indexOf(':');
			const id = entry.slice(colon + 1);
			entries.push({ itemIndex: Number(entry.slice(0, colon)), id: id === '!' ? undefined : id });
		}
	}
	return entries;
}

interface CustomData {
	set(key: string, value: string): void;
	getAll(): Record<string, string>;
}

/**
 * The execution's custom data (n8n 2.x `this.customData`, on every context): kept in the execution's
 * saved run data, which the waiting webhook gets back.
 */
function executionCustomData(ctx: object): CustomData | undefined {
	const customData = (ctx as { customData?: CustomData }).customData;
	return customData && typeof customData.getAll === 'function' && typeof customData.set === 'function' ? customData : undefined;
}

/**
 * What comes out when Maximum Wait runs out before Google's last call. n8n then resumes the
 * execution by itself without running the node: it passes on the items of the node's entry in the
 * execution stack, normally its input (n8n-core WorkflowExecute: `handleWaitingState` marks the
 * waiting node disabled, `handleDisabledNode` forwards those items). That entry is the one
 * `getExecuteData()` returns, so before waiting the node puts there one item per input item: a
 * timeout error for each run still going, and the error item of a run that could not start. When a
 * callback resumes the execution instead, n8n replaces them with the webhook's output
 * (`prepareExecutionData`). A host without `getExecuteData` keeps n8n's rule (the input goes on).
 */
function setTimeoutOutcome(ctx: IExecuteFunctions, output: INodeExecutionData[], maxWaitMs: number): void {
	const executeData = (ctx as { getExecuteData?: () => IExecuteData | undefined }).getExecuteData?.();
	if (!executeData?.data || !Array.isArray(executeData.data.main)) return;
	const node = ctx.getNode();
	executeData.data.main = [
		output.map((item, index) => {
			if (!isWaiting(item.json)) return item;
			const itemIndex = pairedIndex(item, index);
			const id = String(item.json.id);
			return errorItem(node, resumeTimedOutError(node, id, itemIndex, maxWaitMs), itemIndex, { id });
		}),
	];
}

/** Before anything is created: a batch the execution's custom data cannot keep track of is refused. */
export function assertResumeCapacity(ctx: IExecuteFunctions): void {
	const count = ctx.getInputData().length;
	if (count <= MAX_RESUME_RUNS) return;
	throw new NodeOperationError(ctx.getNode(), `Resume on Webhook waits for at most ${MAX_RESUME_RUNS} runs per execution; this one has ${count} items`, {
		description: `Nothing was started. Split the items into batches of ${MAX_RESUME_RUNS} or fewer (Loop Over Items), or choose "Wait for Completion".`,
	});
}

/** After every item's run was created: the execution waits until Google calls back (or Maximum Wait). */
export async function waitForResume(ctx: IExecuteFunctions, output: INodeExecutionData[]): Promise<void> {
	if (!output.some((item) => isWaiting(item.json))) return;
	const chunks = ledgerChunks(output);
	if (chunks.length > LEDGER_KEYS) {
		// Only when Google's ids are longer than today's: the runs exist, so the error names them.
		const ids = output.flatMap((item) => (isWaiting(item.json) ? [String(item.json.id)] : []));
		throw new NodeOperationError(ctx.getNode(), `Resume on Webhook cannot keep track of the ${ids.length} runs this execution started`, {
			description: `They go on at Google: ${ids.join(', ')}. Fetch them with Interaction → Get, or run smaller batches (Loop Over Items).`,
		});
	}
	const customData = executionCustomData(ctx)!;
	chunks.forEach((chunk, index) => customData.set(`${LEDGER_KEY}${index}`, chunk));
	const maxWaitMs = (Number(ctx.getNodeParameter('options.maxWait', 0, DEFAULT_MAX_WAIT_MINUTES)) || DEFAULT_MAX_WAIT_MINUTES) * 60_000;
	setTimeoutOutcome(ctx, output, maxWaitMs);
	await (ctx as WaitingHost).putExecutionToWait!(new Date(Date.now() + maxWaitMs));
}

export function usesResumeOnWebhook(ctx: { getNodeParameter(name: string, index: number, fallback?: unknown): unknown }): boolean {
	const resource = ctx.getNodeParameter('resource', 0, '');
	const operation = ctx.getNodeParameter('operation', 0, '');
	// Only runs created here can name a callback URL (Google takes `webhook_config` at creation).
	return resource === 'agent' && operation === 'run' && ctx.getNodeParameter('waitMode', 0, '') === RESUME_ON_WEBHOOK;
}

const hasRun = (json: IDataObject) => typeof json.id === 'string' && typeof json.error !== 'string';
const isWaiting = (json: IDataObject) => hasRun(json) && !isSettled(json.status as string);
const pairedIndex = (item: INodeExecutionData, index: number) => (item.pairedItem as { item?: number } | undefined)?.item ?? index;

/** Executions this process is resuming right now: a duplicate delivery arriving meanwhile does nothing. */
const resuming = new Set<string>();

function refuse(ctx: IWebhookFunctions, status: number, message: string): IWebhookResponseData {
	ctx.getResponseObject().status(status).json({ error: message });
	return { noWebhookResponse: true };
}

/** The node's webhook: Google's call for one of the runs this execution waits for. */
export async function resumeFromWebhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const headers = webhookHeaders(this.getHeaderData() as Record<string, unknown>);
	const authMode = this.getNodeParameter('authentication', 'apiKey') as AuthMode;
	const base = await apiBaseUrl(this, authMode);
	const jwksUrl =
		String(this.getNodeParameter('options.webhookJwksUrl', '') || '') ||
		(isGoogleHost(base) ? GOOGLE_WEBHOOK_JWKS_URL : `${base.replace(/\/+$/, '')}/.well-known/jwks.json`);
	const resumeUrl = String(this.evaluateExpression('{{ $execution.resumeUrl }}') ?? '');
	if (!headers.signature) return refuse(this, 401, 'Missing webhook-signature');
	const timestamp = parseTimestamp(headers.timestamp);
	if (headers.timestamp !== undefined && (timestamp === undefined || !isFresh(timestamp, Math.floor(Date.now() / 1000)))) {
		return refuse(this, 401, 'Stale webhook-timestamp');
	}
	const check = await verifyJwt(headers.signature, {
		jwksUrl,
		fetchJwks: async (url) => await this.helpers.httpRequest({ method: 'GET', url, json: true }),
		audiences: [resumeUrl, resumeUrl.split('?')[0]],
	});
	if (!check.ok) return refuse(this, 401, `Invalid webhook signature (${check.reason})`);

	const body = this.getBodyData() as { data?: { id?: unknown; user_metadata?: { n8n_execution_id?: unknown } } };
	const calledFor = typeof body?.data?.id === 'string' ? body.data.id : undefined;
	const namedExecution = body?.data?.user_metadata?.n8n_execution_id;
	if (namedExecution !== undefined && String(namedExecution) !== this.getExecutionId()) {
		return refuse(this, 401, 'That interaction was started by another execution');
	}
	const ledger = readLedger(executionCustomData(this)?.getAll());
	const ids = ledger.flatMap((entry) => (entry.id ? [entry.id] : []));
	if (!calledFor || !ids.includes(calledFor)) return refuse(this, 401, 'This execution did not start that interaction');

	const executionId = this.getExecutionId();
	if (resuming.has(executionId)) return { webhookResponse: { received: true } };
	if (resuming.size >= 1000) resuming.delete(resuming.values().next().value as string);
	resuming.add(executionId);
	let resumed = false;
	try {
		const client = new GeminiApiClient(this, authMode);
		// At most MAX_RESUME_RUNS, fetched together.
		const current = await Promise.all(
			ids.map(async (id) => await client.request<Interaction>({ method: 'GET', path: resourcePath('interactions', id), timeoutMs: 30_000 })),
		);
		const byId = new Map(current.map((interaction, index) => [ids[index], interaction]));
		const pending = current.filter((interaction) => !isSettled(interaction.status)).length;
		if (pending > 0) return { webhookResponse: { received: true, pending } };
		const simplify = this.getNodeParameter('simplify', true) as boolean;
		const node = this.getNode();
		const items = ledger.map(({ itemIndex, id }): INodeExecutionData => {
			const settled = id === undefined ? undefined : byId.get(id);
			if (!settled) return errorItem(node, resumedRunNotStartedError(node, itemIndex), itemIndex);
			const failure = describeFailure(settled);
			if (failure) {
				return errorItem(node, resumedRunFailedError(node, itemIndex, failure), itemIndex, { id: settled.id ?? null, status: settled.status ?? null });
			}
			return { json: simplify ? simplifyInteraction(settled) : rawInteraction(settled), pairedItem: { item: itemIndex } };
		});
		// The mark stays: a later duplicate finds the execution no longer waiting (n8n answers it).
		resumed = true;
		return { workflowData: [items], webhookResponse: { received: true, resumed: true } };
	} finally {
		if (!resumed) resuming.delete(executionId);
	}
}
