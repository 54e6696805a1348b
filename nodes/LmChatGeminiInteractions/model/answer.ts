import type { FinishReason, GenerateResult, Message, MessageContent, TokenUsage } from '@n8n/ai-node-sdk';

import { outputText, thoughtSummaries } from '../../shared/wire/response/outputText';
import type { FunctionCallStep, Interaction, Step, Usage } from '../../shared/wire/types';
import type { AnswerMetadata } from './messages';
import { METADATA_KEY } from './messages';

/** The answer's function calls, in order. */
export function functionCallSteps(steps: Step[] | undefined): FunctionCallStep[] {
	return (steps ?? []).filter((step): step is FunctionCallStep => step.type === 'function_call');
}

export function finishReason(interaction: Interaction): FinishReason {
	if (functionCallSteps(interaction.steps).length > 0 || interaction.status === 'requires_action') return 'tool-calls';
	if (interaction.status === 'completed') return 'stop';
	if (interaction.status === 'incomplete' || interaction.status === 'budget_exceeded') return 'length';
	return 'other';
}

/** Google's usage as n8n counts tokens: thinking is part of the completion, as in n8n's Gemini model node. */
export function tokenUsage(usage: Usage | undefined): TokenUsage | undefined {
	if (!usage) return undefined;
	const prompt = usage.total_input_tokens ?? 0;
	const output = usage.total_output_tokens ?? 0;
	const thought = usage.total_thought_tokens ?? 0;
	const cached = usage.total_cached_tokens ?? 0;
	return {
		promptTokens: prompt,
		completionTokens: output + thought,
		totalTokens: usage.total_tokens ?? prompt + output + thought + (usage.total_tool_use_tokens ?? 0),
		...(cached > 0 ? { inputTokenDetails: { cacheRead: cached } } : {}),
		...(thought > 0 ? { outputTokenDetails: { reasoning: thought } } : {}),
	};
}

/** The answer as the agent's message: its text, then its tool calls. */
export function answerMessage(interaction: Interaction): Message {
	const content: MessageContent[] = [];
	const text = outputText(interaction.steps);
	if (text !== '') content.push({ type: 'text', text });
	for (const call of functionCallSteps(interaction.steps)) {
		content.push({ type: 'tool-call', toolCallId: call.id, toolName: call.name, input: JSON.stringify(call.arguments ?? {}) });
	}
	return { role: 'assistant', content, ...(interaction.id ? { id: interaction.id } : {}) };
}

export function answerMetadata(interaction: Interaction): AnswerMetadata {
	return {
		...(interaction.id ? { interactionId: interaction.id } : {}),
		...(interaction.status ? { status: interaction.status } : {}),
		steps: interaction.steps ?? [],
	};
}

export function generateResult(interaction: Interaction, extra: Record<string, unknown> = {}): GenerateResult {
	const usage = tokenUsage(interaction.usage);
	const thoughts = thoughtSummaries(interaction.steps);
	return {
		...(interaction.id ? { id: interaction.id } : {}),
		finishReason: finishReason(interaction),
		...(usage ? { usage } : {}),
		message: answerMessage(interaction),
		providerMetadata: {
			[METADATA_KEY]: answerMetadata(interaction),
			...(thoughts.length > 0 ? { thoughts } : {}),
			...extra,
		},
	};
}
