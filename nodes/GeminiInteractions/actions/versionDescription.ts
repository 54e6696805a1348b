import type { INodeCredentialDescription, INodeProperties } from 'n8n-workflow';

import * as agent from './agent';
import * as environment from './environment';
import * as file from './file';
import * as interaction from './interaction';

/** Version 1's credentials and parameters; the node's identity lives in GeminiInteractions.node.ts. */
export const credentials: INodeCredentialDescription[] = [
	{
		name: 'geminiInteractionsApi',
		required: true,
		displayOptions: { show: { authentication: ['apiKey'] } },
	},
	{
		name: 'geminiInteractionsEnterpriseApi',
		required: true,
		displayOptions: { show: { authentication: ['enterprise'] } },
	},
];

export const properties: INodeProperties[] = [
	{
		displayName: 'Authentication',
		name: 'authentication',
		type: 'options',
		options: [
			{ name: 'Gemini API Key', value: 'apiKey' },
			{ name: 'Gemini Enterprise (Vertex AI)', value: 'enterprise' },
		],
		default: 'apiKey',
	},
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Agent', value: 'agent' },
			{ name: 'Environment', value: 'environment' },
			{ name: 'File', value: 'file' },
			{ name: 'Interaction', value: 'interaction' },
		],
		default: 'interaction',
	},
	...interaction.description,
	...agent.description,
	...environment.description,
	...file.description,
];
