import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import { subtitleExpression } from './actions/resource';
import { RESOURCES } from './actions/resources';
import { router } from './actions/router';
import { assertResumeCapacity, resumeFromWebhook, usesResumeOnWebhook, waitForResume } from './actions/webhookResume';
import { credentials, properties } from './actions/versionDescription';
import { NodeConnectionTypes } from '../shared/host/connectionTypes';
import { searchAgents, searchCustomAgents, searchModels } from '../shared/methods/listSearch';

/**
 * Create and Continue Conversation get a Tools input (as n8n's own Gemini and OpenAI nodes do):
 * tools connected there are declared to the model and called by the node.
 */
const TOOLS_INPUT_EXPRESSION = `={{
	((resource, operation) =>
		resource === 'interaction' && ['create', 'continueConversation'].includes(operation)
			? [{ type: 'main' }, { type: 'ai_tool', displayName: 'Tools', required: false }]
			: ['main'])($parameter.resource, $parameter.operation)
}}` as const;

export class GeminiInteractions implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Gemini Interactions',
		name: 'geminiInteractions',
		icon: { light: 'file:gemini.svg', dark: 'file:gemini.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: subtitleExpression(RESOURCES),
		description: "Talk to Gemini models and agents through Google's Interactions API",
		defaults: { name: 'Gemini Interactions' },
		usableAsTool: true,
		inputs: TOOLS_INPUT_EXPRESSION,
		outputs: [NodeConnectionTypes.Main],
		credentials,
		// Wait Mode "Resume on Webhook": Google calls the execution's resume URL (no path suffix).
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				path: '',
				restartWebhook: true,
				isFullPath: true,
			},
		],
		properties,
	};

	methods = {
		listSearch: { searchAgents, searchCustomAgents, searchModels },
	};

	/**
	 * The node's only webhook is a restart webhook: the execution's resume URL, which n8n serves
	 * itself and hands to Google inside each request. There is no subscription to keep at Google,
	 * so the lifecycle n8n's scanner asks of webhook nodes has nothing to check, create or delete
	 * (n8n does not call it for restart webhooks either).
	 */
	webhookMethods = {
		default: {
			checkExists: async (): Promise<boolean> => true,
			create: async (): Promise<boolean> => true,
			delete: async (): Promise<boolean> => true,
		},
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const resumeOnWebhook = usesResumeOnWebhook(this);
		if (resumeOnWebhook) assertResumeCapacity(this);
		const output = await router.call(this);
		if (resumeOnWebhook) await waitForResume(this, output[0]);
		return output;
	}

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await resumeFromWebhook.call(this);
	}
}
