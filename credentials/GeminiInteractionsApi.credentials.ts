import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

export class GeminiInteractionsApi implements ICredentialType {
	name = 'geminiInteractionsApi';

	displayName = 'Gemini Interactions API';

	documentationUrl = 'https://ai.google.dev/gemini-api/docs/api-key';

	icon: Icon = { light: 'file:../icons/gemini.svg', dark: 'file:../icons/gemini.dark.svg' };

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description: 'A Gemini API key from Google AI Studio (aistudio.google.com → Get API key)',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://generativelanguage.googleapis.com',
			description:
				'Change only to go through a gateway or proxy that forwards to the Gemini API. The key is always sent in the x-goog-api-key header, never in the URL.',
		},
		{
			displayName: 'API Version',
			name: 'apiVersion',
			type: 'options',
			options: [
				{ name: 'V1 (Stable)', value: 'v1' },
				{ name: 'V1beta', value: 'v1beta' },
			],
			default: 'v1',
			description: 'The API version path. v1 is what Google\'s current SDK uses.',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				'x-goog-api-key': '={{$credentials.apiKey}}',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{ ($credentials.baseUrl || "https://generativelanguage.googleapis.com").replace(/\\/+$/, "") }}',
			url: '=/{{ $credentials.apiVersion || "v1" }}/models',
			method: 'GET',
			qs: { pageSize: 1 },
		},
	};
}
