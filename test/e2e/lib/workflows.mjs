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
