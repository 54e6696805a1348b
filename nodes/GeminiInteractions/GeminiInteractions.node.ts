import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { router } from './actions/router';
import { credentials, properties } from './actions/versionDescription';
import { searchModels } from './methods/listSearch';

export class GeminiInteractions implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Gemini Interactions',
		name: 'geminiInteractions',
		icon: { light: 'file:gemini.svg', dark: 'file:gemini.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: "Talk to Gemini models and agents through Google's Interactions API",
		defaults: { name: 'Gemini Interactions' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials,
		properties,
	};

	methods = {
		listSearch: { searchModels },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
