/**
 * Expressions are evaluated by n8n-workflow's own machinery (Workflow + WorkflowExpression +
 * WorkflowDataProxy, legacy engine), exactly as n8n-core's contexts call it. Constructing the
 * Workflow also fills the node's default parameter values (`NodeHelpers.getNodeParameters(...,
 * true, false, node, description)`), which is where n8n does it.
 */
import type {
	IDataObject,
	IExecuteData,
	INode,
	INodeExecutionData,
	INodeType,
	INodeTypes,
	IRunExecutionData,
	IVersionedNodeType,
	IWorkflowDataProxyAdditionalKeys,
	NodeParameterValueType,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { NodeHelpers, Workflow, createRunExecutionData } from 'n8n-workflow';

export interface HarnessEnvironment {
	workflow: Workflow;
	/** The node as the workflow holds it (defaults filled in). */
	node: INode;
	nodeType: INodeType;
	mode: WorkflowExecuteMode;
	runExecutionData: IRunExecutionData;
	/** `connectionInputData`: the main input items. */
	items: INodeExecutionData[];
	executeData: IExecuteData;
	additionalKeys: IWorkflowDataProxyAdditionalKeys;
	executionId: string | undefined;
}

export const HARNESS_WORKFLOW_ID = 'HarnessWorkflow1';

export function resolveNodeType(node: INodeType | IVersionedNodeType, version?: number): INodeType {
	return NodeHelpers.getVersionedNodeType(node, version);
}

export function defaultTypeVersion(node: INodeType | IVersionedNodeType): number {
	if ('nodeVersions' in node) return node.currentVersion;
	const { version, defaultVersion } = node.description;
	if (defaultVersion !== undefined) return defaultVersion;
	return Array.isArray(version) ? Math.max(...version) : version;
}

function nodeTypesFor(type: string, node: INodeType | IVersionedNodeType): INodeTypes {
	return {
		getByName: (name) => (name === type ? node : (undefined as unknown as INodeType)),
		getByNameAndVersion: (name, version) =>
			name === type ? resolveNodeType(node, version) : (undefined as unknown as INodeType),
		getKnownTypes: () => ({}),
	};
}

export function createEnvironment(options: {
	nodeType: INodeType | IVersionedNodeType;
	node: INode;
	mode: WorkflowExecuteMode;
	items: INodeExecutionData[];
	executionId?: string;
	/** The workflow's static data, as kept in n8n's database between calls (mutated in place). */
	staticData?: IDataObject;
}): HarnessEnvironment {
	const { node, mode, items, executionId } = options;
	const workflow = new Workflow({
		id: HARNESS_WORKFLOW_ID,
		name: 'Harness workflow',
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: nodeTypesFor(node.type, options.nodeType),
		settings: { executionOrder: 'v1' },
		staticData: options.staticData,
	});
	const runExecutionData = createRunExecutionData();
	const executionMode = mode === 'manual' ? 'test' : 'production';
	const additionalKeys: IWorkflowDataProxyAdditionalKeys = {
		$execution: {
			id: executionId ?? '__UNKNOWN__',
			mode: executionMode,
			resumeUrl: `http://localhost:5678/webhook-waiting/${executionId ?? ''}`,
			resumeFormUrl: `http://localhost:5678/form-waiting/${executionId ?? ''}`,
		},
		$executionId: executionId,
		$vars: {},
	};
	return {
		workflow,
		node,
		nodeType: resolveNodeType(options.nodeType, node.typeVersion),
		mode,
		runExecutionData,
		items,
		executeData: { node, data: { main: [items] }, source: null },
		additionalKeys,
		executionId,
	};
}

/** `workflow.expression.getParameterValue` with the context n8n-core passes for this node. */
export function resolveParameter(
	env: HarnessEnvironment,
	value: NodeParameterValueType,
	itemIndex: number,
	extraKeys: IWorkflowDataProxyAdditionalKeys = {},
	contextNodeName?: string,
): NodeParameterValueType {
	return env.workflow.expression.getParameterValue(
		value,
		env.runExecutionData,
		0,
		itemIndex,
		env.node.name,
		env.items,
		env.mode,
		{ ...env.additionalKeys, ...extraKeys },
		env.executeData,
		false,
		{},
		contextNodeName,
	);
}

/** `evaluateExpression(expression, itemIndex)` of n8n-core's NodeExecutionContext. */
export function evaluateExpression(env: HarnessEnvironment, expression: string, itemIndex: number): NodeParameterValueType {
	return env.workflow.expression.resolveSimpleParameterValue(
		`=${expression}`,
		{},
		env.runExecutionData,
		0,
		itemIndex,
		env.node.name,
		env.items,
		env.mode,
		env.additionalKeys,
		env.executeData,
	) as NodeParameterValueType;
}
