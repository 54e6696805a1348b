import type {
	AgentInteractionRequest,
	Environment,
	GenerationConfig,
	InteractionInput,
	JsonObject,
	Labels,
	ModelInteractionRequest,
	ResponseFormat,
	SafetySetting,
	Tool,
} from '../types';
import type { ServiceTier } from './serviceTier';
import { serviceTierField } from './serviceTier';

/** One turn's settings; tools, system instruction and generation config are turn-scoped by the API. */
export interface TurnSettings {
	input?: InteractionInput;
	previousInteractionId?: string;
	systemInstruction?: string;
	tools?: Tool[];
	responseFormat?: ResponseFormat | ResponseFormat[];
	store?: boolean;
	background?: boolean;
	stream?: boolean;
	environment?: Environment;
	safetySettings?: SafetySetting[];
	labels?: Labels;
	serviceTier?: ServiceTier | '';
}

function hasInput(input: InteractionInput | undefined): input is InteractionInput {
	if (input === undefined) return false;
	if (typeof input === 'string') return input !== '';
	return Array.isArray(input) ? input.length > 0 : true;
}

function commonFields(settings: TurnSettings) {
	return {
		...(hasInput(settings.input) ? { input: settings.input } : {}),
		...(settings.previousInteractionId ? { previous_interaction_id: settings.previousInteractionId } : {}),
		...(settings.systemInstruction ? { system_instruction: settings.systemInstruction } : {}),
		...(settings.tools && settings.tools.length > 0 ? { tools: settings.tools } : {}),
		...(settings.responseFormat ? { response_format: settings.responseFormat } : {}),
		...(settings.environment !== undefined && settings.environment !== ''
			? { environment: settings.environment }
			: {}),
		...(settings.safetySettings?.length ? { safety_settings: settings.safetySettings } : {}),
		...(settings.labels && Object.keys(settings.labels).length > 0 ? { labels: settings.labels } : {}),
		...(settings.store === false ? { store: false } : {}),
		...(settings.background ? { background: true } : {}),
		...(settings.stream ? { stream: true } : {}),
		...serviceTierField(settings.serviceTier),
	};
}

export function buildModelInteractionRequest(
	model: string,
	settings: TurnSettings,
	generationConfig?: GenerationConfig,
): ModelInteractionRequest {
	return {
		model,
		...commonFields(settings),
		...(generationConfig ? { generation_config: generationConfig } : {}),
	};
}

export function buildAgentInteractionRequest(
	agent: string,
	settings: TurnSettings,
	agentConfig?: JsonObject & { type: string },
): AgentInteractionRequest {
	return {
		agent,
		...commonFields(settings),
		...(agentConfig ? { agent_config: agentConfig } : {}),
	};
}
