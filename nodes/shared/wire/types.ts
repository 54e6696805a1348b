/**
 * Wire types of the Gemini Interactions and Agents APIs (snake_case, exactly as sent and received).
 * `test/unit/wireTypes.test.ts` checks them against `@google/genai`'s own types at compile time.
 */

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** Text as sent; answers may also carry `annotations` (citations), read as `AnnotatedText`. */
export interface TextContent {
	type: 'text';
	text: string;
}

export interface AnnotatedText extends TextContent {
	annotations?: Array<{ type: string; [key: string]: JsonValue | undefined }>;
}

export interface MediaContent {
	type: 'image' | 'audio' | 'document' | 'video';
	data?: string;
	uri?: string;
	mime_type?: string;
}

export type Content = TextContent | MediaContent;

export interface UserInputStep {
	type: 'user_input';
	content: Content[];
}

export interface ModelOutputStep {
	type: 'model_output';
	content?: Content[];
	error?: { code?: number; message?: string };
}

export interface ThoughtStep {
	type: 'thought';
	signature?: string;
	summary?: Content[];
}

export interface FunctionCallStep {
	type: 'function_call';
	id: string;
	name: string;
	arguments: JsonObject;
}

export interface FunctionResultStep {
	type: 'function_result';
	call_id: string;
	name?: string;
	result: string | JsonObject | Content[];
	is_error?: boolean;
}

/** Built-in tool steps (`google_search_call`, `code_execution_result`, …) keep their own fields. */
export interface ToolStep {
	type: string;
	id?: string;
	call_id?: string;
	name?: string;
	arguments?: JsonObject;
	result?: JsonValue;
	[key: string]: JsonValue | undefined;
}

export type Step =
	| UserInputStep
	| ModelOutputStep
	| ThoughtStep
	| FunctionCallStep
	| FunctionResultStep
	| ToolStep;

/** Steps a client sends: its own turn, or answers to the model's function calls. */
export type InputStep = UserInputStep | FunctionResultStep;

export type InteractionInput = string | Content | Content[] | InputStep[];

export interface FunctionTool {
	type: 'function';
	name: string;
	description?: string;
	parameters?: JsonObject;
}

export interface BuiltInTool {
	type:
		| 'google_search'
		| 'code_execution'
		| 'url_context'
		| 'file_search'
		| 'mcp_server'
		| 'google_maps';
	[key: string]: JsonValue | undefined;
}

export type Tool = FunctionTool | BuiltInTool;

/** The Google Maps built-in tool (§3.5); its places come back in `google_maps_result` steps. */
export interface GoogleMapsTool {
	type: 'google_maps';
	latitude?: number;
	longitude?: number;
	enable_widget?: boolean;
}

/** `tool_choice` in `generation_config`: a mode, or the functions the model may call. */
export type ToolChoiceMode = 'auto' | 'any' | 'none' | 'validated';
export type ToolChoice = ToolChoiceMode | { allowed_tools: { mode?: ToolChoiceMode; tools?: string[] } };

/** One speaker's voice for speech output (TTS models); `speaker` names a speaker of a multi-speaker script. */
export interface SpeechConfig {
	speaker?: string;
	voice?: string;
	language?: string;
}

export const HARM_CATEGORIES = [
	'hate_speech',
	'dangerous_content',
	'harassment',
	'sexually_explicit',
	'civic_integrity',
	'image_hate',
	'image_dangerous_content',
	'image_harassment',
	'image_sexually_explicit',
	'jailbreak',
] as const;
export type HarmCategory = (typeof HARM_CATEGORIES)[number];

export const SAFETY_THRESHOLDS = [
	'block_low_and_above',
	'block_medium_and_above',
	'block_only_high',
	'block_none',
	'off',
] as const;
export type SafetyThreshold = (typeof SAFETY_THRESHOLDS)[number];

export const SAFETY_METHODS = ['severity', 'probability'] as const;
export type SafetyMethod = (typeof SAFETY_METHODS)[number];

/** Note `type`, not `category` as in generateContent. */
export interface SafetySetting {
	type: HarmCategory;
	threshold: SafetyThreshold;
	method?: SafetyMethod;
}

/** Billing labels: lowercase keys and values of at most 63 characters. */
export type Labels = Record<string, string>;

export type ThinkingLevel = 'minimal' | 'low' | 'medium' | 'high';

export interface GenerationConfig {
	temperature?: number;
	top_p?: number;
	top_k?: number;
	max_output_tokens?: number;
	stop_sequences?: string[];
	seed?: number;
	thinking_level?: ThinkingLevel;
	thinking_summaries?: 'auto' | 'none';
	tool_choice?: ToolChoice;
	speech_config?: SpeechConfig[];
}

export interface TextResponseFormat {
	type: 'text';
	mime_type?: 'application/json' | 'text/plain';
	schema?: JsonObject;
}

export const IMAGE_ASPECT_RATIOS = [
	'1:1', '2:3', '3:2', '3:4', '4:3', '4:5', '5:4', '9:16', '16:9', '21:9', '1:8', '8:1', '1:4', '4:1',
] as const;
export type ImageAspectRatio = (typeof IMAGE_ASPECT_RATIOS)[number];
export const IMAGE_SIZES = ['512', '1K', '2K', '4K'] as const;
export type ImageSize = (typeof IMAGE_SIZES)[number];

export interface ImageResponseFormat {
	type: 'image';
	mime_type?: string;
	aspect_ratio?: ImageAspectRatio;
	image_size?: ImageSize;
}

export const AUDIO_MIME_TYPES = ['audio/mp3', 'audio/ogg_opus', 'audio/l16', 'audio/wav', 'audio/alaw', 'audio/mulaw'] as const;
export type AudioMimeType = (typeof AUDIO_MIME_TYPES)[number];

export interface AudioResponseFormat {
	type: 'audio';
	mime_type?: AudioMimeType;
	sample_rate?: number;
	bit_rate?: number;
}

export type MediaResponseFormat = ImageResponseFormat | AudioResponseFormat;

export type ResponseFormat = TextResponseFormat | MediaResponseFormat;

/** `"remote"`, an existing environment id, or a configuration for a new one. */
export type Environment = string | ({ type: 'remote' } & { [key: string]: JsonValue });

export interface InteractionRequestCommon {
	input?: InteractionInput;
	previous_interaction_id?: string;
	system_instruction?: string;
	tools?: Tool[];
	response_format?: ResponseFormat | ResponseFormat[];
	stream?: boolean;
	background?: boolean;
	store?: boolean;
	environment?: Environment;
	safety_settings?: SafetySetting[];
	labels?: Labels;
	/** Asks for the next part of an answer paused at `requires_continuation`. */
	continuation_token?: string;
	/** `standard` (Google's default), `flex` (cheaper, minutes of latency) or `priority`. */
	service_tier?: string;
}

export interface ModelInteractionRequest extends InteractionRequestCommon {
	model: string;
	generation_config?: GenerationConfig;
}

export interface AgentInteractionRequest extends InteractionRequestCommon {
	agent: string;
	agent_config?: JsonObject & { type: string };
}

export type InteractionRequest = ModelInteractionRequest | AgentInteractionRequest;

export type InteractionStatus =
	| 'queued'
	| 'in_progress'
	| 'requires_action'
	| 'requires_continuation'
	| 'completed'
	| 'incomplete'
	| 'budget_exceeded'
	| 'failed'
	| 'cancelled';

export interface Usage {
	total_input_tokens?: number;
	total_output_tokens?: number;
	total_thought_tokens?: number;
	total_cached_tokens?: number;
	total_tool_use_tokens?: number;
	total_tokens?: number;
	[key: string]: JsonValue | undefined;
}

export interface Interaction {
	id?: string;
	object?: string;
	status?: InteractionStatus | string;
	model?: string;
	agent?: string;
	created?: string;
	updated?: string;
	steps?: Step[];
	usage?: Usage;
	previous_interaction_id?: string;
	environment_id?: string;
	continuation_token?: string;
	errors?: Array<{ code?: string; message?: string }>;
	[key: string]: unknown;
}

export interface Agent {
	id: string;
	base_agent?: string;
	description?: string;
	system_instruction?: string;
	tools?: Tool[];
	base_environment?: Environment;
	agent_config?: JsonObject;
	[key: string]: unknown;
}

export interface AgentList {
	agents?: Agent[];
	next_page_token?: string;
}

/** `GET agents/{id}/versions`: earlier states of a custom agent, newest first. */
export interface AgentVersionList {
	versions?: Array<Agent & { version?: string | number; create_time?: string }>;
	next_page_token?: string;
}

/** Google's two error body shapes: the Interactions service's string codes and the classic front-end one. */
export interface GoogleErrorBody {
	error?: {
		message?: string;
		code?: string | number;
		status?: string;
		details?: unknown;
	};
}
