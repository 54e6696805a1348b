import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import type { AgentConfigOptions, EnvironmentChoice, ParameterCheck } from '../../../shared/wire/request/agentConfig';
import { buildAgentConfig, buildEnvironment, DEFAULT_AGENT } from '../../../shared/wire/request/agentConfig';
import { buildAgentInteractionRequest } from '../../../shared/wire/request/interactionRequest';
import type { ServiceTier } from '../../../shared/wire/request/serviceTier';
import { turnTimeoutMs } from '../../../shared/wire/request/serviceTier';
import { userContent } from '../../../shared/wire/request/media';
import type { AttachmentOptions } from '../../helpers/files';
import { readAttachments } from '../../helpers/files';
import { downloadOutputFiles } from '../environment/outputFiles';
import { encodeJsonBody } from '../../../shared/wire/request/inlineData';
import type { GeminiApiClient } from '../../../shared/transport/client';
import { agentNotFound, interactionNotFound, nameApiError, settle } from '../../../shared/transport/resourceErrors';
import type { Interaction } from '../../../shared/wire/types';
import type { WaitOptionValues } from '../backgroundRun';
import { assertSuccessful, followToEnd, interactionItem, requestTimeoutMs } from '../backgroundRun';
import type { AuthMode } from '../../../shared/transport/endpoints';
import { RESUME_ON_WEBHOOK, resumeUrlFor, webhookConfig } from '../webhookResume';
import { reportTokenUsage } from '../../../shared/host/tokenUsage';
import type { RequestExtraValues } from '../../helpers/requestExtras';
import { readRequestExtras, withAdditionalFields } from '../../helpers/requestExtras';
import {
	additionalFieldsOption,
	byDisplayName,
	concurrencyOption,
	labelsOption,
	maxQuotaWaitOption,
	safetySettingsOption,
	serviceTierOption,
	inputProperty,
	interactionSimplifyProperty,
	optionsCollection,
	timeoutOption,
	waitModeProperty,
	waitOptions,
} from '../descriptions';
import { readRequiredText } from '../interaction/modelTurn';
import { chatTurnOptions } from '../toolDescriptions';
import { TIMEOUT_SECONDS } from '../timeouts';

/** The item's files and file URLs go with the input, as in Interaction → Create. */
const ATTACHMENT_OPTIONS = ['binaryPropertyNames', 'fileUrls', 'fileUrlMimeType', 'filesApiThresholdMb'];
const attachmentOptions = chatTurnOptions.filter((option) => ATTACHMENT_OPTIONS.includes(option.name));

const properties: INodeProperties[] = [
	{
		displayName: 'Agent',
		name: 'agent',
		type: 'resourceLocator',
		default: { mode: 'list', value: DEFAULT_AGENT },
		required: true,
		description: 'The agent to run: a built-in one (Deep Research, Antigravity) or one of your custom agents',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchAgents', searchable: true },
			},
			{
				displayName: 'ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. deep-research-preview-04-2026 or release-notes-writer',
			},
		],
	},
	{
		...inputProperty,
		placeholder: 'e.g. Research how European ports use shore power and compare the five largest',
		description: 'The task for the agent',
	},
	{
		displayName: 'Environment',
		name: 'environment',
		type: 'options',
		options: [
			{
				name: 'Automatic',
				value: 'auto',
				description:
					'A new sandbox for Antigravity and custom agents (forked from their base environment); none for Deep Research',
			},
			{ name: 'Configuration (JSON)', value: 'config', description: 'A new sandbox set up as described in JSON' },
			{
				name: 'Existing Environment',
				value: 'existing',
				description: 'Reuse a sandbox by its ID, files and packages kept',
			},
			{ name: 'New Remote Sandbox', value: 'remote', description: 'Send "remote": a fresh sandbox' },
			{ name: 'None', value: 'none', description: 'Send no environment' },
		],
		default: 'auto',
		description: 'Where the agent works. The ID of the environment used is in the output as environmentId.',
	},
	{
		displayName: 'Environment ID',
		name: 'environmentId',
		type: 'string',
		default: '={{ $json.environmentId }}',
		required: true,
		placeholder: 'e.g. env_a1b2c3d4e',
		displayOptions: { show: { environment: ['existing'] } },
		description: 'The ID of an environment an earlier run used (its output field environmentId)',
	},
	{
		displayName: 'Environment Configuration',
		name: 'environmentConfig',
		type: 'json',
		default:
			'{\n  "type": "remote",\n  "sources": [\n    { "type": "repository", "source": "https://github.com/owner/repo", "target": "/src" }\n  ]\n}',
		required: true,
		typeOptions: { rows: 8 },
		displayOptions: { show: { environment: ['config'] } },
		description:
			'An environment object: "sources" (repository, gcs, inline files), "network" and "env" (variables), as in Google\'s Agents documentation',
	},
	waitModeProperty('wait'),
	interactionSimplifyProperty,
	optionsCollection(
		byDisplayName([
			...waitOptions,
			...attachmentOptions,
			additionalFieldsOption,
			labelsOption,
			safetySettingsOption,
			concurrencyOption,
			maxQuotaWaitOption,
			serviceTierOption,
			timeoutOption(TIMEOUT_SECONDS.request),
			{
				displayName: 'BigQuery Tool (Deep Research)',
				name: 'enableBigQueryTool',
				type: 'boolean',
				default: false,
				description: 'Whether Deep Research may query BigQuery data the credential can read',
			},
			{
				displayName: 'Collaborative Planning (Deep Research)',
				name: 'collaborativePlanning',
				type: 'boolean',
				default: false,
				description:
					'Whether Deep Research first proposes a research plan and waits for your answer (send it with Previous Interaction ID) instead of starting right away',
			},
			{
				displayName: 'Download Output Files',
				name: 'downloadOutputFiles',
				type: 'string',
				default: '',
				placeholder: 'e.g. /workspace/out/*.pdf, /workspace/out/data.csv',
				description:
					'Files the agent wrote in its environment to output as binary data (data, data_1…), listed in "files": paths or glob patterns (* within a folder, ** across folders), comma-separated',
			},
			{
				displayName: 'Maximum Total Tokens (Antigravity)',
				name: 'maxTotalTokens',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 1000000,
				description:
					'The token budget of an Antigravity or custom agent run; a run that needs more ends "budget_exceeded"',
			},
			{
				displayName: 'Model (Antigravity)',
				name: 'agentModel',
				type: 'string',
				default: '',
				placeholder: 'e.g. gemini-3-flash-preview',
				description: 'The Gemini model an Antigravity or custom agent thinks with',
			},
			{
				displayName: 'Previous Interaction ID',
				name: 'previousInteractionId',
				type: 'string',
				default: '',
				placeholder: 'e.g. v1_ChdTbXNIYWZ…',
				description: 'Continue an earlier agent run (e.g. answer a Deep Research plan); Google keeps the conversation',
			},
			{
				displayName: 'System Instruction',
				name: 'systemInstruction',
				type: 'string',
				typeOptions: { rows: 4 },
				default: '',
				description: 'How the agent should behave in this run',
			},
			{
				displayName: 'Thinking Summaries (Deep Research)',
				name: 'thinkingSummaries',
				type: 'boolean',
				default: true,
				description: 'Whether Deep Research reports summaries of its thinking (in the output as "thoughts")',
			},
			{
				displayName: 'Visualization (Deep Research)',
				name: 'visualization',
				type: 'options',
				options: [
					{ name: 'Auto', value: 'auto' },
					{ name: 'Off', value: 'off' },
				],
				default: 'auto',
				description: 'Whether the report may include charts and other visuals',
			},
		]),
	),
];

export const description = updateDisplayOptions({ show: { resource: ['agent'], operation: ['run'] } }, properties);

interface RunAgentOptions extends AgentConfigOptions, WaitOptionValues, AttachmentOptions, RequestExtraValues {
	serviceTier?: ServiceTier | '';
	previousInteractionId?: string;
	systemInstruction?: string;
	downloadOutputFiles?: string;
}

function checked<T>(ctx: IExecuteFunctions, itemIndex: number, result: ParameterCheck<T>): T {
	if (result.ok) return result.value;
	throw new NodeOperationError(ctx.getNode(), `The parameter "${result.parameter}" is invalid: ${result.reason}`, {
		itemIndex,
	});
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: GeminiApiClient,
): Promise<INodeExecutionData[]> {
	const agent = String(this.getNodeParameter('agent', itemIndex, '', { extractValue: true }) ?? '').trim();
	if (agent === '') {
		throw new NodeOperationError(this.getNode(), 'The parameter "Agent" is empty', {
			itemIndex,
			description: 'Pick an agent from the list or enter its ID.',
		});
	}
	const input = readRequiredText(this, 'input', 'Input', itemIndex);
	const options = this.getNodeParameter('options', itemIndex, {}) as RunAgentOptions;
	const agentConfig = checked(this, itemIndex, buildAgentConfig(agent, options));
	const choice = this.getNodeParameter('environment', itemIndex, 'auto') as EnvironmentChoice;
	const environment = checked(
		this,
		itemIndex,
		buildEnvironment(agent, {
			choice,
			environmentId: choice === 'existing' ? String(this.getNodeParameter('environmentId', itemIndex, '')) : undefined,
			environmentConfig: choice === 'config' ? this.getNodeParameter('environmentConfig', itemIndex, '') : undefined,
		}),
	);
	const previousInteractionId = options.previousInteractionId?.trim() || undefined;
	const waitMode = this.getNodeParameter('waitMode', itemIndex, 'wait') as string;
	const resumeUrl =
		waitMode === RESUME_ON_WEBHOOK
			? await resumeUrlFor(this, itemIndex, this.getNodeParameter('authentication', 0, 'apiKey') as AuthMode)
			: undefined;
	const extras = readRequestExtras(this, itemIndex, options);
	const attachments = await readAttachments(this, itemIndex, options, client);
	const request = withAdditionalFields(
		this,
		itemIndex,
		buildAgentInteractionRequest(
			agent,
			{
				input: userContent(input, attachments.media),
				previousInteractionId,
				systemInstruction: options.systemInstruction?.trim() ? options.systemInstruction : undefined,
				environment,
				serviceTier: options.serviceTier,
				// Agent runs take minutes: always in the background, followed below unless asked not to.
				background: true,
				safetySettings: extras.safetySettings,
				labels: extras.labels,
			},
			agentConfig,
		),
		extras,
	);
	if (resumeUrl !== undefined) {
		Object.assign(request, { webhook_config: webhookConfig(resumeUrl, itemIndex, this.getExecutionId()) });
	}

	const created = await settle(
		client.request<Interaction>({
			method: 'POST',
			path: 'interactions',
			// Files are base64-encoded once, straight into the body (see request/inlineData.ts).
			body: attachments.inline.length > 0 ? encodeJsonBody(request, attachments.inline) : request,
			timeoutMs: turnTimeoutMs(options.timeout, options.serviceTier, TIMEOUT_SECONDS.request),
			itemIndex,
		}),
	);
	if (!created.ok) {
		// A 404 is about the agent, unless Google names the previous interaction.
		const aboutPrevious =
			previousInteractionId !== undefined && String((created.error as Error)?.message).includes(previousInteractionId);
		throw nameApiError(
			this.getNode(),
			created.error,
			aboutPrevious ? interactionNotFound(previousInteractionId) : agentNotFound(agent),
			itemIndex,
		);
	}

	const interaction =
		waitMode === 'wait' ? await followToEnd(this, itemIndex, client, created.value, options) : created.value;
	reportTokenUsage(this, interaction.usage);
	assertSuccessful(this, itemIndex, interaction);
	if (!options.downloadOutputFiles?.trim() || interaction.status !== 'completed') {
		return interactionItem(this, itemIndex, interaction);
	}
	const { binary, files } = await downloadOutputFiles(this, client, interaction.environment_id, options.downloadOutputFiles, {
		itemIndex,
		timeoutMs: requestTimeoutMs(options),
	});
	const [item] = interactionItem(this, itemIndex, interaction);
	return [{ ...item, json: { ...item.json, files }, binary }];
}
