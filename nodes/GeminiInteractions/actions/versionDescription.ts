import type { INodeCredentialDescription, INodeProperties } from 'n8n-workflow';

import { RESOURCES } from './resources';

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
		options: RESOURCES.map(({ name, value }) => ({ name, value })).sort((a, b) => a.name.localeCompare(b.name)),
		default: 'interaction',
	},
	...RESOURCES.flatMap((resource) => resource.properties),
];
