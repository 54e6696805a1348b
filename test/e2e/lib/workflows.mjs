// Small workflows built in code for the checks that are not examples (errors, editor).
import { CREDENTIAL_REFS } from '../../../scripts/examples.mjs';
import { NODE_TYPE } from './context.mjs';

export const GEMINI_NODE = 'Gemini';
const TRIGGER = 'When clicking ‘Execute workflow’';

export const modelId = (value) => ({ __rl: true, mode: 'id', value });

/** Manual Trigger → Gemini Interactions node with the given parameters (and node settings). */
export function geminiWorkflow(id, name, parameters, nodeSettings = {}) {
	const credential =
		parameters.authentication === 'enterprise'
			? { geminiInteractionsEnterpriseApi: CREDENTIAL_REFS.geminiInteractionsEnterpriseApi }
			: { geminiInteractionsApi: CREDENTIAL_REFS.geminiInteractionsApi };
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
				credentials: credential,
				...nodeSettings,
			},
		],
		connections: { [TRIGGER]: { main: [[{ node: GEMINI_NODE, type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
		pinData: {},
	};
}
