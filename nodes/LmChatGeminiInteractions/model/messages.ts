import type { ContentFile, Message, MessageContent, Tool as SdkTool } from '@n8n/ai-node-sdk';

import { classifyMedia, normalizeMimeType, uriContent } from '../../shared/wire/request/media';
import { cleanSchemaForGemini } from '../../shared/wire/request/schemaCleaning';
import { functionResultValue, functionTool } from '../../shared/wire/request/tools';
import { toolSchemaToJsonSchema } from '../../shared/wire/request/zodSchema';
import type { Content, FunctionCallStep, FunctionTool, JsonObject, Step } from '../../shared/wire/types';

/**
 * The agent's messages as Interactions API input steps (wire reference §4, §6): user text and
 * files → `user_input`; assistant text → `model_output`; assistant tool calls → `function_call`;
 * tool results → `function_result`. System messages become the turn's `system_instruction`.
 */

/** Where the model keeps what Google sent with an answer, in the answer's provider metadata. */
export const METADATA_KEY = 'geminiInteractions';

export interface AnswerMetadata {
	interactionId?: string;
	status?: string;
	/** The model's own steps of that answer (thoughts with their signatures, function calls), as Google sent them. */
	steps: Step[];
}

export interface SplitConversation {
	systemInstruction?: string;
	/** Every message but the system ones, in order. */
	history: Message[];
}

const textOf = (content: MessageContent[]): string =>
	content
		.filter((block): block is Extract<MessageContent, { type: 'text' }> => block.type === 'text')
		.map((block) => block.text)
		.join('');

export function splitSystem(messages: Message[]): SplitConversation {
	const system = messages
		.filter((message) => message.role === 'system')
		.map((message) => textOf(message.content))
		.filter((text) => text.trim() !== '');
	return {
		...(system.length > 0 ? { systemInstruction: system.join('\n\n') } : {}),
		history: messages.filter((message) => message.role !== 'system'),
	};
}

/** Magic numbers of the formats Gemini reads, for files handed over without a MIME type. */
const BASE64_SIGNATURES: Array<[string, string]> = [
	['iVBORw0KGgo', 'image/png'],
	['/9j/', 'image/jpeg'],
	['R0lGOD', 'image/gif'],
	['UklGR', 'image/webp'],
	['JVBERi0', 'application/pdf'],
	['SUQz', 'audio/mpeg'],
	['//u', 'audio/mpeg'],
];

function base64Of(data: string | Uint8Array): { base64: string; mime?: string } {
	if (typeof data !== 'string') return { base64: Buffer.from(data).toString('base64') };
	const dataUrl = /^data:([^;,]+)?(;[^,]*)?;base64,(.*)$/s.exec(data);
	if (dataUrl) return { base64: dataUrl[3], mime: dataUrl[1] };
	return { base64: data };
}

/** A file block of a message as a content block; undefined (with the reason) when Gemini cannot read it. */
export function fileContent(file: ContentFile): { content?: Content; problem?: string } {
	const url = file.providerMetadata?.url;
	if (typeof url === 'string' && url !== '' && (typeof file.data !== 'string' || file.data === '')) {
		const block = uriContent(url, file.mediaType);
		return block.ok ? { content: block.value } : { problem: block.reason };
	}
	const { base64, mime } = base64Of(file.data);
	const sniffed = BASE64_SIGNATURES.find(([prefix]) => base64.startsWith(prefix))?.[1];
	const declared = normalizeMimeType(file.mediaType ?? mime);
	const fileName = typeof file.providerMetadata?.filename === 'string' ? file.providerMetadata.filename : undefined;
	const classified = classifyMedia(declared === '' || declared === 'application/octet-stream' ? sniffed ?? declared : declared, fileName);
	if (!classified.ok) return { problem: `a file in the conversation cannot be sent: ${classified.reason}` };
	return { content: { type: classified.value.kind, data: base64, mime_type: classified.value.mimeType } };
}

function contentBlocks(content: MessageContent[], problems: string[]): Content[] {
	const blocks: Content[] = [];
	for (const block of content) {
		if (block.type === 'text') {
			if (block.text !== '') blocks.push({ type: 'text', text: block.text });
		} else if (block.type === 'file') {
			const mapped = fileContent(block);
			if (mapped.content) blocks.push(mapped.content);
			else if (mapped.problem) problems.push(mapped.problem);
		}
	}
	return blocks;
}

function parseToolInput(input: string): JsonObject {
	try {
		const parsed = JSON.parse(input) as unknown;
		return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as JsonObject) : {};
	} catch {
		return {};
	}
}

/** What a tool returned, as a function result: text, an object, or content blocks' text. */
function toolResultValue(result: unknown): string | JsonObject {
	if (Array.isArray(result) && result.every((entry) => entry && typeof entry === 'object' && 'type' in entry)) {
		const blocks = result as MessageContent[];
		if (blocks.every((block) => block.type === 'text')) return textOf(blocks);
	}
	return functionResultValue(result);
}

/** The steps an answer came with, when it still carries them (chains that keep the model's message). */
export function stepsInMetadata(message: Message): Step[] | undefined {
	for (const block of message.content) {
		const metadata = block.providerMetadata?.[METADATA_KEY] as AnswerMetadata | undefined;
		if (metadata && Array.isArray(metadata.steps) && metadata.steps.length > 0) return metadata.steps;
	}
	return undefined;
}

export interface StepsOptions {
	/** The model's original steps for an assistant message (the answer as Google sent it), if known. */
	recall?: (message: Message, index: number) => Step[] | undefined;
	/** Function names by call id, for results whose message does not name the tool. */
	callNames?: Map<string, string>;
}

export interface MappedInput {
	steps: Step[];
	/** Files that could not be sent, with the reason. */
	problems: string[];
}

function assistantSteps(message: Message, problems: string[]): Step[] {
	const steps: Step[] = [];
	const output = contentBlocks(message.content, problems);
	const calls = message.content.filter((block) => block.type === 'tool-call');
	// Text written next to tool calls is a side remark of the model ("Calling tools: …" when n8n rebuilds it).
	if (output.length > 0 && calls.length === 0) steps.push({ type: 'model_output', content: output });
	for (const call of calls) {
		if (call.type !== 'tool-call') continue;
		steps.push({
			type: 'function_call',
			id: call.toolCallId ?? '',
			name: call.toolName,
			arguments: parseToolInput(call.input),
		});
	}
	return steps;
}

export function messagesToSteps(messages: Message[], options: StepsOptions = {}, offset = 0): MappedInput {
	const problems: string[] = [];
	const steps: Step[] = [];
	const callNames = new Map(options.callNames);
	messages.forEach((message, position) => {
		const index = offset + position;
		if (message.role === 'assistant') {
			const own = stepsInMetadata(message) ?? options.recall?.(message, index);
			const mapped = own ?? assistantSteps(message, problems);
			for (const step of mapped) {
				if (step.type === 'function_call') callNames.set((step as FunctionCallStep).id, (step as FunctionCallStep).name);
			}
			steps.push(...mapped);
		} else if (message.role === 'tool' || message.content.some((block) => block.type === 'tool-result')) {
			for (const block of message.content) {
				if (block.type !== 'tool-result') continue;
				const name = callNames.get(block.toolCallId) ?? message.name;
				steps.push({
					type: 'function_result',
					call_id: block.toolCallId,
					...(name ? { name } : {}),
					result: toolResultValue(block.result),
					...(block.isError ? { is_error: true } : {}),
				});
			}
		} else if (message.role === 'user') {
			const content = contentBlocks(message.content, problems);
			if (content.length > 0) steps.push({ type: 'user_input', content });
		}
	});
	return { steps, problems };
}

/** The agent's tools as function declarations, schemas cleaned as the main node cleans them. */
export function functionDeclarations(tools: SdkTool[]): { tools: FunctionTool[]; problems: string[] } {
	const declared: FunctionTool[] = [];
	const problems: string[] = [];
	for (const tool of tools) {
		if (tool.type !== 'function') continue;
		const parameters = cleanSchemaForGemini(toolSchemaToJsonSchema(tool.inputSchema));
		const result = functionTool({ name: tool.name, description: tool.description, parameters }, `the tool "${tool.name}"`);
		if (result.ok) declared.push(result.value);
		else problems.push(result.reason);
	}
	return { tools: declared, problems };
}

/** Function names by call id, from the tool calls of these messages. */
export function callNamesIn(messages: Message[]): Map<string, string> {
	const names = new Map<string, string>();
	for (const message of messages) {
		for (const block of message.content) {
			if (block.type === 'tool-call' && block.toolCallId) names.set(block.toolCallId, block.toolName);
		}
	}
	return names;
}
