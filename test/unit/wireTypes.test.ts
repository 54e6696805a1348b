/**
 * Our request and response types must fit Google's SDK types: a request we build must be a
 * valid SDK create-params object, and what the SDK says the server returns must fit what we
 * read. `npm run typecheck` fails if they drift apart; the runtime test only keeps jest happy.
 */
import type { Interactions } from '@google/genai';

import type {
	AgentInteractionRequest,
	Content,
	FunctionCallStep,
	FunctionResultStep,
	FunctionTool,
	GenerationConfig,
	Interaction,
	ModelInteractionRequest,
	ModelOutputStep,
	TextResponseFormat,
	ThoughtStep,
	UserInputStep,
} from '../../nodes/shared/wire/types';

type Fits<Ours, Theirs> = Ours extends Theirs ? true : false;
const assertTrue = <T extends true>(): T => true as T;

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
