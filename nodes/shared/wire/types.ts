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
}

export interface TextResponseFormat {
	type: 'text';
	mime_type?: 'application/json' | 'text/plain';
	schema?: JsonObject;
}

export interface MediaResponseFormat {
	type: 'image' | 'audio';
	mime_type?: string;
}

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

/** Google's two error body shapes: the Interactions service's string codes and the classic front-end one. */
export interface GoogleErrorBody {
	error?: {
		message?: string;
		code?: string | number;
		status?: string;
		details?: unknown;
	};
}
