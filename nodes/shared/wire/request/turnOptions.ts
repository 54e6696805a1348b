import type { GenerationConfig, ThinkingLevel } from '../types';
import type { ServiceTier } from './serviceTier';

/** The `options` collection shared by the model operations, as n8n hands it over. */
export interface TurnOptionValues {
	systemInstruction?: string;
	temperature?: number;
	topP?: number;
	topK?: number;
	maxOutputTokens?: number;
	thinkingLevel?: ThinkingLevel | '';
	thinkingSummaries?: boolean;
	seed?: number;
	stopSequences?: string;
	store?: boolean;
	timeout?: number;
	replaceDeprecatedModels?: boolean;
	concurrency?: number;
	maxQuotaWait?: number;
	serviceTier?: ServiceTier | '';
}

const isSet = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

/** `a, b` → `['a', 'b']`; a sequence may hold a comma when written as `\,`. */
export function parseStopSequences(text: string | undefined): string[] | undefined {
	if (!text || text.trim() === '') return undefined;
	const sequences = text
		.split(/(?<!\\),/)
		.map((part) => part.replace(/\\,/g, ',').trim())
		.filter((part) => part !== '');
	return sequences.length > 0 ? sequences : undefined;
}

export function buildGenerationConfig(options: TurnOptionValues): GenerationConfig | undefined {
	const config: GenerationConfig = {};
	if (isSet(options.temperature)) config.temperature = options.temperature;
	if (isSet(options.topP)) config.top_p = options.topP;
	if (isSet(options.topK)) config.top_k = options.topK;
	if (isSet(options.maxOutputTokens)) config.max_output_tokens = options.maxOutputTokens;
	if (isSet(options.seed)) config.seed = options.seed;
	const stop = parseStopSequences(options.stopSequences);
	if (stop) config.stop_sequences = stop;
	if (options.thinkingLevel) config.thinking_level = options.thinkingLevel;
	if (options.thinkingSummaries !== undefined) {
		config.thinking_summaries = options.thinkingSummaries ? 'auto' : 'none';
	}
	return Object.keys(config).length > 0 ? config : undefined;
}

export function systemInstruction(options: TurnOptionValues): string | undefined {
	const text = options.systemInstruction?.trim();
	return text ? options.systemInstruction : undefined;
}
