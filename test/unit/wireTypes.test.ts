/**
 * Our request and response types must fit Google's SDK types: a request we build must be a
 * valid SDK create-params object, and what the SDK says the server returns must fit what we
 * read. `npm run typecheck` fails if they drift apart; the runtime test only keeps jest happy.
 */
import type { Interactions } from '@google/genai';

import type {
	AgentInteractionRequest,
	AudioResponseFormat,
	Content,
	FunctionCallStep,
	FunctionResultStep,
	FunctionTool,
	GenerationConfig,
	GoogleMapsTool,
	HarmCategory,
	ImageAspectRatio,
	ImageResponseFormat,
	ImageSize,
	Interaction,
	ModelInteractionRequest,
	ModelOutputStep,
	SafetyMethod,
	SafetySetting,
	SafetyThreshold,
	SpeechConfig,
	TextResponseFormat,
	ThoughtStep,
	ToolChoice,
	ToolChoiceMode,
	Usage,
	UserInputStep,
	AudioMimeType,
} from '../../nodes/shared/wire/types';

type Fits<Ours, Theirs> = Ours extends Theirs ? true : false;
/** Both ways: the same set. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const assertTrue = <T extends true>(): T => true as T;
/**
 * The SDK's enums are open (`'a' | 'b' | (string & {})`), so every string fits them; their named
 * values are what Google documents. This keeps those: a value we offer must be one of them.
 */
type Named<T> = T extends string ? (string extends T ? never : T) : never;
/** `NonNullable` (`T & {}`) would fold an open enum into `string & {}`; this keeps its members. */
type Given<T> = Exclude<T, undefined | null>;
type CreateParams = Interactions.CreateModelInteractionParamsNonStreaming;
type SdkSafetySetting = NonNullable<CreateParams['safety_settings']>[number];
type SdkGenerationConfig = Interactions.GenerationConfig;
type SdkToolChoice = Given<SdkGenerationConfig['tool_choice']>;
type SdkImageFormat = Interactions.ImageResponseFormat;
type SdkAudioFormat = Interactions.AudioResponseFormat;

// Requests we send are what the SDK would send.
assertTrue<Fits<ModelInteractionRequest, Interactions.CreateModelInteractionParamsNonStreaming>>();
assertTrue<Fits<AgentInteractionRequest, Omit<Interactions.CreateAgentInteractionParamsNonStreaming, 'agent_config'>>>();
assertTrue<Fits<GenerationConfig, Interactions.GenerationConfig>>();
assertTrue<Fits<TextResponseFormat, Interactions.TextResponseFormat>>();
assertTrue<Fits<FunctionResultStep, Interactions.FunctionResultStep>>();
assertTrue<Fits<UserInputStep, Interactions.UserInputStep>>();
assertTrue<Fits<Content, Interactions.Content>>();
assertTrue<Fits<FunctionTool, Interactions.Tool>>();
// The built-in tools request/tools.ts builds (§3.5).
assertTrue<Fits<{ type: 'google_search' } | { type: 'code_execution' } | { type: 'url_context' }, Interactions.Tool>>();
assertTrue<Fits<{ type: 'file_search'; file_search_store_names: string[]; metadata_filter?: string; top_k?: number }, Interactions.Tool>>();
assertTrue<
	Fits<
		{ type: 'mcp_server'; name: string; url: string; headers?: Record<string, string>; allowed_tools?: Array<{ tools: string[] }> },
		Interactions.Tool
	>
>();

// Safety settings (§3.2): `type`, not `category`; our category, threshold and method lists are
// exactly the SDK's named values.
assertTrue<Fits<SafetySetting, SdkSafetySetting>>();
assertTrue<Same<HarmCategory, Named<SdkSafetySetting['type']>>>();
assertTrue<Same<SafetyThreshold, Named<SdkSafetySetting['threshold']>>>();
assertTrue<Same<SafetyMethod, Named<Given<SdkSafetySetting['method']>>>>();
// Labels are a string map.
assertTrue<Fits<Record<string, string>, NonNullable<CreateParams['labels']>>>();
// Tool choice (§3.3): the modes and the allowed_tools form.
assertTrue<Fits<ToolChoice, SdkToolChoice>>();
assertTrue<Same<ToolChoiceMode, Named<Extract<SdkToolChoice, string>>>>();
// Speech: a list of speaker configs with voice and language.
assertTrue<Fits<SpeechConfig[], NonNullable<SdkGenerationConfig['speech_config']>>>();
// Image and audio output formats (§3.4) and their named values.
assertTrue<Fits<ImageResponseFormat, SdkImageFormat>>();
assertTrue<Fits<AudioResponseFormat, SdkAudioFormat>>();
assertTrue<Same<ImageAspectRatio, Named<Given<SdkImageFormat['aspect_ratio']>>>>();
assertTrue<Same<ImageSize, Named<Given<SdkImageFormat['image_size']>>>>();
assertTrue<Same<AudioMimeType, Named<Given<SdkAudioFormat['mime_type']>>>>();
// Google Maps (§3.5).
assertTrue<Fits<GoogleMapsTool, Interactions.Tool>>();
assertTrue<Same<keyof GoogleMapsTool, keyof Extract<Interactions.Tool, { type: 'google_maps' }>>>();
// The usage fields tokenUsage is computed from.
assertTrue<
	Fits<
		Pick<Usage, 'total_input_tokens' | 'total_output_tokens' | 'total_thought_tokens'>,
		Pick<Interactions.Usage, 'total_input_tokens' | 'total_output_tokens' | 'total_thought_tokens'>
	>
>();

// What the SDK reads from the server fits what we read.
assertTrue<Fits<Interactions.ModelOutputStep, ModelOutputStep>>();
assertTrue<Fits<Interactions.ThoughtStep, ThoughtStep>>();
assertTrue<Fits<Interactions.FunctionCallStep, Omit<FunctionCallStep, 'arguments'> & { arguments: object }>>();
assertTrue<Fits<Pick<Interactions.Interaction, 'id' | 'status' | 'model' | 'agent' | 'created' | 'updated'>, Interaction>>();

describe('wire types', () => {
	it('are checked against @google/genai by the type checker', () => {
		expect(assertTrue()).toBe(true);
	});
});
