/* eslint-disable -- test code runs in Node, not in n8n: eslint.dev.config.mjs lints it instead of n8n's node rules */
/**
 * The `this` of `execute()`: n8n-core's ExecuteContext (execute-context.ts,
 * base-execute-context.ts, node-execution-context.ts) over the harness pieces.
 * Members n8n has but the harness does not model throw `harness: <name> not implemented`.
 */
import type {
	AINodeConnectionType,
	ContextType,
	IDataObject,
	IExecuteFunctions,
	IGetNodeParameterOptions,
	INodeExecutionData,
	INodeInputConfiguration,
	INodeOutputConfiguration,
	IPairedItemData,
	ITaskMetadata,
	NodeConnectionType,
} from 'n8n-workflow';
import {
	ApplicationError,
	NodeHelpers,
	NodeOperationError,
	UnexpectedError,
	UserError,
	WorkflowDataProxy,
	deepCopy,
} from 'n8n-workflow';

import { getNodeCredentials, makeHttpRequestWithAuthentication, type AuthDeps } from './authRequest';
import { createBinaryHelpers, type BinaryDataStore } from './binary';
import { evaluateExpression } from './expressions';
import { contextBasics } from './contextBasics';
import { httpRequest } from './http';
import { getNodeParameter } from './parameters';
import { harnessNotImplemented } from './types';

export interface ExecuteContextDeps extends AuthDeps {
	binaryStore: BinaryDataStore;
	streaming: boolean | undefined;
	cancelSignal: AbortSignal;
	aiTools?: unknown[];
}

function stubs(names: string[], prefix = ''): Record<string, () => never> {
	return Object.fromEntries(names.map((name) => [name, () => harnessNotImplemented(`${prefix}${name}`)]));
}

function returnJsonArray(jsonData: IDataObject | IDataObject[]): INodeExecutionData[] {
	return (Array.isArray(jsonData) ? jsonData : [jsonData]).map((data) =>
		data?.json ? ({ ...data, json: data.json } as INodeExecutionData) : { json: data },
	);
}

function normalizeItems(executionData: INodeExecutionData | INodeExecutionData[]): INodeExecutionData[] {
	if (!Array.isArray(executionData)) {
		return executionData.json ? [executionData] : [{ json: executionData as unknown as IDataObject }];
	}
	const hasJson = (item: object) => typeof item === 'object' && 'json' in item;
	const hasBinary = (item: object) => typeof item === 'object' && 'binary' in item;
	if (executionData.every(hasJson)) return executionData;
	if (executionData.some(hasJson)) throw new UserError('Inconsistent item format');
	if (executionData.every(hasBinary)) {
		return executionData.map((item) => {
			const { binary, ...json } = item as unknown as IDataObject & Pick<INodeExecutionData, 'binary'>;
			return { json: json as IDataObject, binary };
		});
	}
	if (executionData.some(hasBinary)) throw new UserError('Inconsistent item format');
	return executionData.map((item) => ({ json: item as unknown as IDataObject }));
}

function constructExecutionMetaData(
	inputData: INodeExecutionData[],
	options: { itemData: IPairedItemData | IPairedItemData[] },
) {
	return inputData.map(({ json, ...rest }) => ({ json, pairedItem: options.itemData, ...rest }));
}

function copyInputItems(items: INodeExecutionData[], properties: string[]): IDataObject[] {
	return items.map((item) => {
		const copied: IDataObject = {};
		for (const property of properties) {
			copied[property] = item.json[property] === undefined ? null : deepCopy(item.json[property]);
		}
		return copied;
	});
}

function createDeferredPromise<T = void>() {
	let resolve!: (value: T) => void;
	let reject!: (error: Error) => void;
	const promise = new Promise<T>((res, rej) => {
		resolve = res;
		reject = rej;
	});
	return { promise, resolve, reject };
}

export function createExecuteContext(deps: ExecuteContextDeps): IExecuteFunctions {
	const { env, recorder, binaryStore, cancelSignal } = deps;
	const { workflow, node, nodeType, items, runExecutionData } = env;

	const nodeInputs = (): INodeInputConfiguration[] =>
		NodeHelpers.getNodeInputs(workflow, node, nodeType.description).map((input) =>
			typeof input === 'string' ? { type: input } : input,
		);
	const nodeOutputs = (): INodeOutputConfiguration[] =>
		NodeHelpers.getNodeOutputs(workflow, node, nodeType.description).map((output) =>
			typeof output === 'string' ? { type: output } : output,
		);

	const context: Record<string, unknown> = {
		...stubs([
			'executeWorkflow', 'executeAgent', 'getExecutionDataById', 'putExecutionToWait', 'sendResponse',
			'startJob', 'getRunnerStatus', 'getRuntimeCredential', 'isConsoleOutputRedacted', 'getRestApiUrl',
			'getInstanceBaseUrl', 'getInstanceId', 'getSignedResumeUrl', 'getKnownNodeTypes', 'getChatTrigger',
			'isNodeFeatureEnabled', 'getExecutionContext', 'logAiEvent', 'onExecutionFinish', 'logNodeOutput',
			'getInboundArtifact', 'mintInternalOAuth2Token', 'listAgents',
		]),
		customData: stubs(['set', 'setAll', 'get', 'getAll'], 'customData.'),
		...contextBasics(env, recorder),

		getInputData: (inputIndex = 0, connectionType: NodeConnectionType = 'main') =>
			connectionType === 'main' && inputIndex === 0 ? items : [],
		getNodeParameter: (name: string, itemIndex: number, fallback?: unknown, options?: IGetNodeParameterOptions) =>
			getNodeParameter(env, name, itemIndex, fallback, options),
		getCredentials: async (type: string, itemIndex?: number) => await getNodeCredentials(deps, type, itemIndex, true),
		getCredentialsProperties: (type: string) => deps.registry.getProperties(type),
		continueOnFail: () =>
			node.onError === undefined
				? node.continueOnFail === true
				: ['continueRegularOutput', 'continueErrorOutput'].includes(node.onError),
		getExecutionCancelSignal: () => cancelSignal,
		onExecutionCancellation: (handler: () => unknown) => {
			const fn = () => {
				cancelSignal.removeEventListener('abort', fn);
				handler();
			};
			cancelSignal.addEventListener('abort', fn);
		},
		getExecuteData: () => env.executeData,
		setMetadata: (metadata: ITaskMetadata) => {
			env.executeData.metadata = { ...(env.executeData.metadata ?? {}), ...metadata };
		},
		getContext: (type: ContextType) => NodeHelpers.getContext(runExecutionData, type, node),
		evaluateExpression: (expression: string, itemIndex = 0) => evaluateExpression(env, expression, itemIndex),
		getWorkflowDataProxy: (itemIndex: number) =>
			new WorkflowDataProxy(
				workflow, runExecutionData, 0, itemIndex, node.name, items, {}, env.mode, env.additionalKeys, env.executeData,
			).getDataProxy(),
		getInputSourceData: () => {
			throw new UnexpectedError('Source data is missing');
		},
		getNodeInputs: nodeInputs,
		getNodeOutputs: nodeOutputs,
		getInputConnectionData: async (connectionType: AINodeConnectionType, _itemIndex: number) => {
			const input = nodeInputs().find((entry) => entry.type === connectionType);
			if (input === undefined) {
				throw new ApplicationError('Node does not have input of type', {
					extra: { nodeName: node.name, connectionType },
				});
			}
			const connected = connectionType === 'ai_tool' ? (deps.aiTools ?? []) : [];
			if (connected.length === 0) {
				if (input.required) {
					throw new NodeOperationError(node, `A ${input.displayName ?? connectionType} sub-node must be connected and enabled`);
				}
				return input.maxConnections === 1 ? undefined : [];
			}
			if (input.maxConnections !== undefined && connected.length > input.maxConnections) {
				throw new NodeOperationError(
					node,
					`Only ${input.maxConnections} ${connectionType} sub-nodes are/is allowed to be connected`,
				);
			}
			return input.maxConnections === 1 ? connected[0] : [...connected];
		},
		isToolExecution: () => false,
		addInputData: () => {
			throw new ApplicationError('addInputData should not be called on IExecuteFunctions');
		},
		addOutputData: () => {
			throw new ApplicationError('addOutputData should not be called on IExecuteFunctions');
		},
		addExecutionHints: (...hints: unknown[]) => hints.forEach((hint) => recorder.log('hint', 'execution hint', hint)),
		sendMessageToUI: (...args: unknown[]) => recorder.log('ui', 'sendMessageToUI', args),
		getParentCallbackManager: () => undefined,
		prepareOutputData: async (outputData: INodeExecutionData[]) => [outputData],
		nodeHelpers: stubs(['copyBinaryFile'], 'nodeHelpers.'),
	};

	// A host older than n8n's streaming support has neither method; keep them absent then.
	if (deps.streaming !== undefined) {
		context.isStreaming = () => deps.streaming === true;
		context.sendChunk = async (type: string, itemIndex: number, content?: IDataObject | string) => {
			recorder.chunks.push({
				type,
				itemIndex,
				content: typeof content === 'string' ? content : JSON.stringify(content),
			});
		};
	}

	context.helpers = {
		...stubs(
			[
				'request', 'requestWithAuthentication', 'requestWithAuthenticationPaginated', 'requestOAuth1',
				'requestOAuth2', 'refreshOAuth2Token', 'getSecureEgressFilter', 'checkProcessedAndRecord',
				'checkProcessedItemsAndRecord', 'removeProcessed', 'clearAllProcessedItems', 'getProcessedDataCount',
				'getSSHClient', 'updateLastUsed', 'resolvePath', 'isFilePathBlocked', 'assertNoSymlinkInPath',
				'ensureParentDirectoryWithoutFollowingSymlinks', 'resolveStagingBaseForTarget', 'pinDirectory',
				'createReadStream', 'getStoragePath', 'writeContentToFile',
			],
			'helpers.',
		),
		createDeferredPromise,
		returnJsonArray,
		normalizeItems,
		constructExecutionMetaData,
		copyInputItems,
		httpRequest: async (requestOptions: Parameters<typeof httpRequest>[0]) => await httpRequest(requestOptions, recorder),
		httpRequestWithAuthentication: makeHttpRequestWithAuthentication(deps),
		...createBinaryHelpers(binaryStore, items, node),
	};

	return context as unknown as IExecuteFunctions;
}
