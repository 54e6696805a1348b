import type { INodeCredentialDescription, INodeProperties } from 'n8n-workflow';

/** The two credentials a node offers, chosen by its Authentication parameter. */
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

export const authenticationProperty: INodeProperties = {
	displayName: 'Authentication',
	name: 'authentication',
	type: 'options',
	options: [
		{ name: 'Gemini API Key', value: 'apiKey' },
		{ name: 'Gemini Enterprise (Vertex AI)', value: 'enterprise' },
	],
	default: 'apiKey',
};
