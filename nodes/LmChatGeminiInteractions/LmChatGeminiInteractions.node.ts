import type * as AiNodeSdk from '@n8n/ai-node-sdk';
import type { INodeType, INodeTypeDescription, ISupplyDataFunctions, SupplyData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { searchModels } from '../shared/methods/listSearch';
import { GeminiApiClient } from '../shared/transport/client';
import { CREDENTIAL_TYPES, type AuthMode } from '../shared/transport/endpoints';
import { chooseModel } from '../shared/wire/request/modelSelection';
import type { SafetySettingEntry } from '../shared/wire/request/safetySettings';
import { buildSafetySettings } from '../shared/wire/request/safetySettings';
import type { BuiltInToolValues } from '../shared/wire/request/tools';
import { builtInTools } from '../shared/wire/request/tools';
import type { TurnOptionValues } from '../shared/wire/request/turnOptions';
import { buildGenerationConfig } from '../shared/wire/request/turnOptions';
import { credentials, properties } from './description';
import { GeminiInteractionsChatModel } from './model/GeminiChatModel';
import { conversations } from './model/history';

interface ChatModelOptions extends TurnOptionValues {
	builtInTools?: BuiltInToolValues;
	safetySettings?: { values?: SafetySettingEntry[] };
	serverSideHistory?: boolean;
}

/**
 * n8n provides `@n8n/ai-node-sdk` to community packages (a peer dependency). It is loaded here,
 * when a chain asks for the model, and not when the package loads: on an n8n without it the
 * package's other nodes keep working and this one says why it cannot.
 */
async function loadAiNodeSdk(ctx: ISupplyDataFunctions): Promise<typeof AiNodeSdk> {
	try {
		return await import('@n8n/ai-node-sdk');
	} catch (error) {
		throw new NodeOperationError(ctx.getNode(), 'This n8n version cannot run the Gemini Interactions Chat Model', {
			description: `The chat model needs n8n's AI node SDK (@n8n/ai-node-sdk), which this n8n does not provide (${(error as Error).message.split('\n')[0]}). Update n8n (tested with 2.41.1), or use the Gemini Interactions node, which works on this version.`,
		});
	}
}

export class LmChatGeminiInteractions implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Gemini Interactions Chat Model',
		name: 'lmChatGeminiInteractions',
		icon: { light: 'file:gemini.svg', dark: 'file:gemini.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["model"] && $parameter["model"].value }}',
		description: "A Gemini model for the AI Agent and chains, through Google's Interactions API",
		defaults: { name: 'Gemini Interactions Chat Model' },
		inputs: [],
		// Plain connection strings: n8n-workflow has the NodeConnectionTypes object only from 1.83.
		// eslint-disable-next-line @n8n/community-nodes/node-connection-type-literal
		outputs: ['ai_languageModel'],
		outputNames: ['Model'],
		credentials,
		properties,
	};

	methods = {
		listSearch: { searchModels },
	};

	async supplyData(this: ISupplyDataFunctions, itemIndex: number): Promise<SupplyData> {
		const sdk = await loadAiNodeSdk(this);
		const node = this.getNode();
		const authMode = this.getNodeParameter('authentication', itemIndex, 'apiKey') as AuthMode;
		const requested = this.getNodeParameter('model', itemIndex, '', { extractValue: true }) as string;
		const options = this.getNodeParameter('options', itemIndex, {}) as ChatModelOptions;
		if (requested.trim() === '') {
			throw new NodeOperationError(node, 'Choose a model in the "Model" parameter', { itemIndex });
		}
		const store = options.store !== false;
		if (options.serverSideHistory && !store) {
			throw new NodeOperationError(node, '"Server-Side History" needs "Store Interactions" on', {
				itemIndex,
				description: 'Google can only continue a conversation it keeps. Turn one of the two options off.',
			});
		}
		const tools = builtInTools(options.builtInTools);
		if (!tools.ok) throw new NodeOperationError(node, `Built-in Tools: ${tools.reason}`, { itemIndex });

		const { model, substitution } = chooseModel(requested, options.replaceDeprecatedModels !== false);
		if (substitution) {
			this.logger.warn(`Gemini Interactions Chat Model "${node.name}": ${substitution.reason}`, {
				requestedModel: substitution.requested,
				usedModel: substitution.used,
			});
		}

		const credentialType = CREDENTIAL_TYPES[authMode];
		const safety = buildSafetySettings(options.safetySettings?.values);
		if (!safety.ok) throw new NodeOperationError(node, `Safety Settings: ${safety.reason}`, { itemIndex });
		const chatModel = new GeminiInteractionsChatModel(
			{
				model,
				scope: [this.getWorkflow().id ?? '', node.id ?? node.name, credentialType, node.credentials?.[credentialType]?.id ?? '', model].join('\n'),
				generationConfig: buildGenerationConfig(options),
				builtInTools: tools.value,
				...(safety.value ? { safetySettings: safety.value } : {}),
				store,
				serverSideHistory: options.serverSideHistory === true,
				timeoutMs: (options.timeout ?? 120) * 1000,
			},
			{ client: new GeminiApiClient(this, authMode), node, logger: this.logger, conversations },
		);
		// The SDK is typed against its own copy of n8n-workflow; the context is the same object.
		return sdk.supplyModel(this as unknown as Parameters<typeof sdk.supplyModel>[0], chatModel) as SupplyData;
	}
}
