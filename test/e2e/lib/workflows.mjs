// Small workflows built in code for the checks that are not examples (errors, editor).
import { CREDENTIAL_REFS } from '../../../scripts/examples.mjs';
import { NODE_TYPE } from './context.mjs';

export const GEMINI_NODE = 'Gemini';
const TRIGGER = 'When clicking ‘Execute workflow’';

export const modelId = (value) => ({ __rl: true, mode: 'id', value });

/**
 * Manual Trigger → Gemini Interactions node with the given parameters. `credential` overrides the
 * example credential ({ id, name }); `nodeSettings` are node-level fields such as onError.
 */
export function geminiWorkflow(id, name, parameters, { credential, nodeSettings = {} } = {}) {
	const type = parameters.authentication === 'enterprise' ? 'geminiInteractionsEnterpriseApi' : 'geminiInteractionsApi';
	return {
		id,
		name,
		active: false,
		nodes: [
			{
				id: `${id}-trigger`,
				name: TRIGGER,
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{
				id: `${id}-gemini`,
				name: GEMINI_NODE,
				type: NODE_TYPE,
				typeVersion: 1,
				position: [220, 0],
				parameters: { model: modelId('gemini-3.5-flash'), input: 'Hello', options: {}, ...parameters },
				credentials: { [type]: credential ?? CREDENTIAL_REFS[type] },
				...nodeSettings,
			},
		],
		connections: { [TRIGGER]: { main: [[{ node: GEMINI_NODE, type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
		pinData: {},
	};
}

/**
 * Manual Trigger → Set (the prompts as a list) → Split Out (one item per prompt) → Gemini, whose
 * "On Error" setting is `onError`, with its outputs going to two No Op nodes, "Answers" and (with
 * the error output) "Failures".
 */
export function promptsWorkflow(id, name, prompts, { onError }) {
	const errorOutput = onError === 'continueErrorOutput';
	const noOp = (nodeName, x) => ({ id: `${id}-${nodeName}`, name: nodeName, type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [x, 0], parameters: {} });
	return {
		id,
		name,
		active: false,
		nodes: [
			{ id: `${id}-trigger`, name: TRIGGER, type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				id: `${id}-set`,
				name: 'Prompts',
				type: 'n8n-nodes-base.set',
				typeVersion: 3.4,
				position: [200, 0],
				parameters: { mode: 'raw', jsonOutput: JSON.stringify({ prompts: prompts.map((prompt) => ({ prompt })) }), options: {} },
			},
			{ id: `${id}-split`, name: 'One per prompt', type: 'n8n-nodes-base.splitOut', typeVersion: 1, position: [400, 0], parameters: { fieldToSplitOut: 'prompts', options: {} } },
			{
				id: `${id}-gemini`,
				name: GEMINI_NODE,
				type: NODE_TYPE,
				typeVersion: 1,
				position: [600, 0],
				parameters: { model: modelId('gemini-3.5-flash'), input: '={{ $json.prompt }}', options: {} },
				credentials: { geminiInteractionsApi: CREDENTIAL_REFS.geminiInteractionsApi },
				onError,
			},
			noOp('Answers', 800),
			...(errorOutput ? [noOp('Failures', 800)] : []),
		],
		connections: {
			[TRIGGER]: { main: [[{ node: 'Prompts', type: 'main', index: 0 }]] },
			Prompts: { main: [[{ node: 'One per prompt', type: 'main', index: 0 }]] },
			'One per prompt': { main: [[{ node: GEMINI_NODE, type: 'main', index: 0 }]] },
			[GEMINI_NODE]: { main: [[{ node: 'Answers', type: 'main', index: 0 }], ...(errorOutput ? [[{ node: 'Failures', type: 'main', index: 0 }]] : [])] },
		},
		settings: { executionOrder: 'v1' },
		pinData: {},
	};
}
