import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import type { AgentConfigOptions } from '../../../shared/wire/request/agentConfig';
import { buildCustomAgent, DEFAULT_BASE_AGENT } from '../../../shared/wire/request/agentConfig';
import type { GeminiApiClient } from '../../../shared/transport/client';
import { requestResource } from '../../../shared/transport/resourceErrors';
import type { Agent } from '../../../shared/wire/types';
import { requestTimeoutMs } from '../backgroundRun';
import { byDisplayName, concurrencyOption, maxQuotaWaitOption, optionsCollection, timeoutOption } from '../descriptions';
import { TIMEOUT_SECONDS } from '../timeouts';

const properties: INodeProperties[] = [
	{
		displayName: 'Agent ID',
		name: 'agentId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. release-notes-writer',
		description: 'The ID you choose for the agent (lowercase letters, digits and dashes); Run Agent uses it',
	},
	{
		displayName: 'Base Agent',
		name: 'baseAgent',
		type: 'options',
		options: [
			{ name: 'Antigravity (05-2026)', value: 'antigravity-preview-05-2026' },
			{ name: 'Antigravity (09-2026)', value: 'antigravity-preview-09-2026' },
		],
		default: DEFAULT_BASE_AGENT,
		description: 'The built-in agent the custom agent is made from',
	},
	{
		displayName: 'System Instruction',
		name: 'systemInstruction',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		placeholder: 'e.g. You write release notes from the merged pull requests of the repository in /src',
		description: 'How the agent behaves in every run',
	},
	{
		displayName: 'Description',
		name: 'description',
		type: 'string',
		default: '',
		description: 'What the agent is for (shown when listing agents)',
	},
	{
		displayName: 'Tools',
		name: 'tools',
		type: 'json',
		default: '[]',
		typeOptions: { rows: 4 },
		description:
			'The agent\'s tools as a JSON array, e.g. [{"type": "google_search"}, {"type": "code_execution"}, {"type": "url_context"}], or function and mcp_server tools',
	},
	{
		displayName: 'Base Environment',
		name: 'baseEnvironment',
		type: 'json',
		default: '{}',
		typeOptions: { rows: 6 },
		description:
			'The sandbox every run starts from, e.g. {"type": "remote", "sources": [{"type": "repository", "source": "https://github.com/owner/repo", "target": "/src"}]}. Empty {} for none.',
	},
	optionsCollection(
		byDisplayName([
			concurrencyOption,
			maxQuotaWaitOption,
			{
				displayName: 'Maximum Total Tokens (Antigravity)',
				name: 'maxTotalTokens',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 1000000,
				description: 'The token budget of each run; a run that needs more ends "budget_exceeded"',
			},
			{
				displayName: 'Model (Antigravity)',
				name: 'agentModel',
				type: 'string',
				default: '',
				placeholder: 'e.g. gemini-3-flash-preview',
				description: 'The Gemini model the agent thinks with',
			},
			timeoutOption(TIMEOUT_SECONDS.request),
		]),
	),
];

export const description = updateDisplayOptions({ show: { resource: ['agent'], operation: ['create'] } }, properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: GeminiApiClient,
): Promise<INodeExecutionData[]> {
	const options = this.getNodeParameter('options', itemIndex, {}) as AgentConfigOptions & { timeout?: number };
	const agent = buildCustomAgent({
		agentId: String(this.getNodeParameter('agentId', itemIndex, '')),
		baseAgent: String(this.getNodeParameter('baseAgent', itemIndex, DEFAULT_BASE_AGENT)),
		systemInstruction: String(this.getNodeParameter('systemInstruction', itemIndex, '')),
		description: String(this.getNodeParameter('description', itemIndex, '')),
		tools: this.getNodeParameter('tools', itemIndex, ''),
		baseEnvironment: this.getNodeParameter('baseEnvironment', itemIndex, ''),
		agentModel: options.agentModel,
		maxTotalTokens: options.maxTotalTokens,
	});
	if (!agent.ok) {
		throw new NodeOperationError(this.getNode(), `The parameter "${agent.parameter}" is invalid: ${agent.reason}`, {
			itemIndex,
		});
	}
	const id = agent.value.id;
	const created = await requestResource<Agent>(
		this.getNode(),
		client,
		{ method: 'POST', path: 'agents', body: agent.value, timeoutMs: requestTimeoutMs(options), itemIndex },
		{
			'409': {
				message: `A custom agent with the ID "${id}" already exists`,
				hint: 'Choose another Agent ID, or delete the existing agent first (Agent → Delete Custom Agent).',
			},
		},
	);
	return [{ json: created as IDataObject, pairedItem: { item: itemIndex } }];
}
