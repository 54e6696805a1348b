/* eslint-disable -- test code runs in Node, not in n8n: eslint.dev.config.mjs lints it instead of n8n's node rules */
/**
 * Test harness that runs a node's `execute()` (and list-search methods, and credential
 * tests) the way n8n 2.41 does, with real HTTP. See the individual modules for which
 * n8n source each behaviour follows.
 */
import type {
	IDataObject,
	ITaskMetadata,
	ICredentialDataDecryptedObject,
	ICredentialType,
	INode,
	INodeCredentials,
	INodeExecutionData,
	INodeListSearchResult,
	INodeParameters,
	INodePropertyOptions,
	INodeType,
	IVersionedNodeType,
	IWebhookResponseData,
} from 'n8n-workflow';
import { deepCopy } from 'n8n-workflow';
import { setMaxListeners } from 'node:events';

import type { AuthDeps } from './authRequest';
import { BinaryDataStore, type BinaryMode } from './binary';
import { CredentialTypeRegistry, toStore, type HarnessCredentialStore } from './credentials';
import { createEnvironment, defaultTypeVersion, HARNESS_WORKFLOW_ID, resolveNodeType } from './expressions';
import { createExecuteContext } from './executeContext';
import { createLoadOptionsContext } from './loadOptionsContext';
import { createHookContext, createWebhookContext, type HarnessWebhookRequest, type HarnessWebhookResponse } from './webhookContexts';
import { Recorder, type CredentialUpdate, type LogEntry, type RecordedChunk, type RecordedRequest } from './types';

export { createCredentialStore, HarnessCredentialStore } from './credentials';
export { testCredential, type CredentialTestResult } from './credentialTest';
export { AxiosError, CanceledError } from './httpErrors';
export type { BinaryMode } from './binary';
export type { CredentialUpdate, LogEntry, RecordedChunk, RecordedRequest } from './types';

export const PACKAGE_NAME = 'n8n-nodes-gemini-interactions';

type AnyNodeType = INodeType | IVersionedNodeType;
type CredentialsInput = HarnessCredentialStore | Record<string, ICredentialDataDecryptedObject>;

export interface RunNodeOptions {
	node: AnyNodeType;
	/** As saved in a workflow; defaults are filled in like n8n does. */
	parameters: INodeParameters;
	credentialTypes: ICredentialType[];
	credentials: CredentialsInput;
	/** Default `[{ json: {} }]`. An empty array means n8n would not run the node at all. */
	inputItems?: INodeExecutionData[];
	/** The node setting "On Error: Continue" (Continue On Fail); `onError` says which output. */
	continueOnFail?: boolean;
	/** With `continueOnFail`: regular output (default) or n8n's error output. */
	onError?: 'continueRegularOutput' | 'continueErrorOutput';
	typeVersion?: number;
	/** `undefined` = an older host without `isStreaming`/`sendChunk`. */
	streaming?: boolean;
	/** What `getExecutionCancelSignal()` returns; n8n always has one, so a fresh one by default. */
	cancelSignal?: AbortSignal;
	aiTools?: unknown[];
	nodeName?: string;
	/** `'default'` (in-memory, base64 in `data`) or n8n 2.x' regular-mode default `'filesystem'`. */
	binaryMode?: BinaryMode;
	/** Overrides the `<package>.<description.name>` node type id. */
	nodeTypeId?: string;
}

export interface RunNodeResult {
	output?: INodeExecutionData[][];
	error?: Error;
	chunks: RecordedChunk[];
	credentialUpdates: CredentialUpdate[];
	requests: RecordedRequest[];
	logs: LogEntry[];
	/** The INode the run used (defaults filled in, credentials attached). */
	node: INode;
	/** What the node set with `setMetadata` (n8n keeps it in the task's run data, e.g. `tokenUsage`). */
	metadata?: ITaskMetadata;
}

let executionCounter = 0;

function buildNode(options: {
	node: AnyNodeType;
	parameters: INodeParameters;
	typeVersion?: number;
	nodeName?: string;
	nodeTypeId?: string;
	store: HarnessCredentialStore;
}): INode {
	const typeVersion = options.typeVersion ?? defaultTypeVersion(options.node);
	const description = resolveNodeType(options.node, typeVersion).description;
	const credentials: INodeCredentials = {};
	for (const { name } of description.credentials ?? []) {
		if (options.store.has(name)) credentials[name] = { id: `harness-${name}`, name: `${name} (harness)` };
	}
	return {
		id: 'harness-node-0001',
		name: options.nodeName ?? 'Gemini Interactions',
		type: options.nodeTypeId ?? `${PACKAGE_NAME}.${description.name}`,
		typeVersion,
		position: [0, 0],
		parameters: deepCopy(options.parameters),
		credentials,
	};
}

export async function runNode(options: RunNodeOptions): Promise<RunNodeResult> {
	const store = toStore(options.credentials);
	const updatesBefore = store.updates.length;
	const recorder = new Recorder();
	const node = buildNode({ ...options, store });
	if (options.continueOnFail) node.onError = options.onError ?? 'continueRegularOutput';

	// n8n stamps every input item with its pairedItem lineage before running the node.
	const items = deepCopy(options.inputItems ?? [{ json: {} }]).map((item, index) => ({
		...item,
		pairedItem: { item: index, input: undefined },
	}));
	const executionId = `harness-execution-${++executionCounter}`;
	const env = createEnvironment({ nodeType: options.node, node, mode: 'manual', items, executionId });
	const binaryStore = new BinaryDataStore(options.binaryMode ?? 'default', HARNESS_WORKFLOW_ID, executionId);
	await binaryStore.adoptInputItems(items);

	const result = (partial: Partial<RunNodeResult>): RunNodeResult => ({
		...partial,
		chunks: recorder.chunks,
		credentialUpdates: store.updates.slice(updatesBefore),
		requests: recorder.requests,
		logs: recorder.logs,
		node,
		metadata: env.executeData.metadata,
	});
	if (items.length === 0) {
		recorder.log('debug', 'harness: no input items, so n8n would not execute the node');
		return result({});
	}
	const { execute } = env.nodeType;
	if (!execute) throw new Error('harness: the node has no execute() method');

	const context = createExecuteContext({
		env,
		registry: new CredentialTypeRegistry(options.credentialTypes),
		store,
		recorder,
		binaryStore,
		streaming: options.streaming,
		cancelSignal: executionCancelSignal(options.cancelSignal),
		aiTools: options.aiTools,
	});
	try {
		const output = await execute.call(context);
		return result({ output: (output ?? undefined) as INodeExecutionData[][] | undefined });
	} catch (error) {
		return result({ error: error as Error });
	}
}

export interface RunLoadOptionsOptions {
	node: AnyNodeType;
	method: string;
	kind: 'listSearch' | 'loadOptions';
	parameters: INodeParameters;
	credentialTypes: ICredentialType[];
	credentials: CredentialsInput;
	filter?: string;
	paginationToken?: string;
	typeVersion?: number;
	nodeName?: string;
	/** Receives the requests/logs of the call, if given. */
	recorder?: Recorder;
}

export async function runLoadOptions(
	options: RunLoadOptionsOptions & { kind: 'listSearch' },
): Promise<INodeListSearchResult>;
export async function runLoadOptions(
	options: RunLoadOptionsOptions & { kind: 'loadOptions' },
): Promise<INodePropertyOptions[]>;
export async function runLoadOptions(
	options: RunLoadOptionsOptions,
): Promise<INodeListSearchResult | INodePropertyOptions[]> {
	const store = toStore(options.credentials);
	const node = buildNode({ ...options, store });
	const env = createEnvironment({ nodeType: options.node, node, mode: 'internal', items: [] });
	const deps: AuthDeps = {
		env,
		registry: new CredentialTypeRegistry(options.credentialTypes),
		store,
		recorder: options.recorder ?? new Recorder(),
	};
	const context = createLoadOptionsContext(deps);
	const methods = env.nodeType.methods;
	if (options.kind === 'listSearch') {
		const method = methods?.listSearch?.[options.method];
		if (!method) throw new Error(`harness: node has no listSearch method "${options.method}"`);
		return await method.call(context, options.filter, options.paginationToken);
	}
	const method = methods?.loadOptions?.[options.method];
	if (!method) throw new Error(`harness: node has no loadOptions method "${options.method}"`);
	return await method.call(context);
}

/** What a sub-node's supplyData wrote to the execution's AI logs (n8n's addInputData / addOutputData). */
export interface AiLogEntry {
	kind: 'input' | 'output';
	connectionType: string;
	runIndex: number;
	data: unknown;
}

export interface RunSupplyDataOptions extends Omit<RunNodeOptions, 'continueOnFail' | 'aiTools'> {
	itemIndex?: number;
}

export interface RunSupplyDataResult extends Omit<RunNodeResult, 'output'> {
	/** What the node supplied (`SupplyData.response`). */
	response?: unknown;
	aiLog: AiLogEntry[];
}

/**
 * Runs a sub-node's `supplyData(itemIndex)` the way n8n's SupplyDataContext does: the execute
 * context's helpers and parameters, plus the AI log (`addInputData`/`addOutputData`) that model
 * wrappers such as n8n's LLM tracing write to.
 */
export async function runSupplyData(options: RunSupplyDataOptions): Promise<RunSupplyDataResult> {
	const store = toStore(options.credentials);
	const recorder = new Recorder();
	const node = buildNode({ ...options, store });
	const items = deepCopy(options.inputItems ?? [{ json: {} }]);
	const env = createEnvironment({ nodeType: options.node, node, mode: 'manual', items, executionId: `harness-execution-${++executionCounter}` });
	const binaryStore = new BinaryDataStore(options.binaryMode ?? 'default', HARNESS_WORKFLOW_ID, 'supply');
	const aiLog: AiLogEntry[] = [];
	let runIndex = 0;
	const context = Object.assign(
		createExecuteContext({
			env,
			registry: new CredentialTypeRegistry(options.credentialTypes),
			store,
			recorder,
			binaryStore,
			streaming: options.streaming,
			cancelSignal: executionCancelSignal(options.cancelSignal),
		}),
		{
			getNextRunIndex: () => runIndex,
			addInputData: (connectionType: string, data: unknown) => {
				aiLog.push({ kind: 'input', connectionType, runIndex, data });
				return { index: runIndex++ };
			},
			addOutputData: (connectionType: string, index: number, data: unknown) => {
				aiLog.push({ kind: 'output', connectionType, runIndex: index, data });
			},
			setMetadata: () => undefined,
		},
	);
	const base = { chunks: recorder.chunks, credentialUpdates: [], requests: recorder.requests, logs: recorder.logs, node, aiLog };
	const { supplyData } = env.nodeType;
	if (!supplyData) throw new Error('harness: the node has no supplyData() method');
	try {
		const supplied = await supplyData.call(context as never, options.itemIndex ?? 0);
		return { ...base, response: supplied.response };
	} catch (error) {
		return { ...base, error: error as Error };
	}
}

export interface RunTriggerOptions {
	node: AnyNodeType;
	parameters: INodeParameters;
	credentialTypes: ICredentialType[];
	credentials: CredentialsInput;
	/** The workflow's static data, kept by the caller between calls as n8n keeps it in its database. */
	staticData: IDataObject;
	/** What `getNodeWebhookUrl('default')` returns: the production URL the trigger registers. */
	webhookUrl: string;
	nodeName?: string;
	recorder?: Recorder;
}

function triggerDeps(options: RunTriggerOptions, mode: 'trigger' | 'webhook'): AuthDeps {
	const store = toStore(options.credentials);
	const node = buildNode({ ...options, store });
	const env = createEnvironment({ nodeType: options.node, node, mode, items: [], staticData: options.staticData });
	return { env, registry: new CredentialTypeRegistry(options.credentialTypes), store, recorder: options.recorder ?? new Recorder() };
}

/** Runs `webhookMethods.default[method]` as n8n does when a workflow is activated or deactivated. */
export async function runWebhookMethod(options: RunTriggerOptions & { method: 'checkExists' | 'create' | 'delete' }): Promise<boolean> {
	const deps = triggerDeps(options, 'trigger');
	const method = deps.env.nodeType.webhookMethods?.default?.[options.method];
	if (!method) throw new Error(`harness: the node has no webhookMethods.default.${options.method}`);
	return await method.call(createHookContext(deps, options.webhookUrl));
}

export interface RunWebhookResult {
	/** What `webhook()` returned (workflowData: the items that start the workflow). */
	result?: IWebhookResponseData;
	/** Set when the node answered through the response object itself. */
	response: HarnessWebhookResponse;
	error?: Error;
}

/** Runs the node's `webhook()` for one received HTTP call. */
export async function runWebhook(options: RunTriggerOptions & { request: HarnessWebhookRequest }): Promise<RunWebhookResult> {
	const deps = triggerDeps(options, 'webhook');
	const { webhook } = deps.env.nodeType;
	if (!webhook) throw new Error('harness: the node has no webhook() method');
	const response: HarnessWebhookResponse = { statusCode: 200 };
	try {
		const result = await webhook.call(createWebhookContext(deps, options.webhookUrl, options.request, response));
		return { result, response };
	} catch (error) {
		return { response, error: error as Error };
	}
}

export type { HarnessWebhookRequest, HarnessWebhookResponse };
export { Recorder };

/**
 * The execution's cancel signal. n8n's WorkflowExecute lifts the listener limit on it
 * (`setMaxListeners(Infinity, signal)`): every request in flight listens to it.
 */
function executionCancelSignal(given: AbortSignal | undefined): AbortSignal {
	const signal = given ?? new AbortController().signal;
	setMaxListeners(Infinity, signal);
	return signal;
}
