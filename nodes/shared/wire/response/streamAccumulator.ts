import type { Content, Interaction, JsonObject, JsonValue, Step } from '../types';

/** An Interactions API stream event (`event_type` discriminates). */
export interface StreamEvent {
	event_type: string;
	event_id?: string;
	interaction?: Interaction;
	interaction_id?: string;
	status?: string;
	index?: number;
	step?: Step;
	delta?: { type: string; [key: string]: unknown };
	usage?: Interaction['usage'];
	error?: { code?: string; message?: string };
	[key: string]: unknown;
}

/**
 * The Interactions event in an SSE event's data, or undefined when the data is not one (`[DONE]`,
 * comments turned data, non-JSON). The SSE `event:` name stands in for a missing `event_type`.
 */
export function parseStreamEvent(data: string, eventName?: string): StreamEvent | undefined {
	let event: unknown;
	try {
		event = JSON.parse(data);
	} catch {
		return undefined;
	}
	if (typeof event !== 'object' || event === null) return undefined;
	const parsed = event as StreamEvent;
	if (!parsed.event_type && eventName) parsed.event_type = eventName;
	return typeof parsed.event_type === 'string' ? parsed : undefined;
}

export interface AppliedEvent {
	/** Answer text that arrived with this event (never thought summaries). */
	text?: string;
	/** The status after this event, when it changed. */
	status?: string;
	/** An `error` event from the server. */
	error?: { code?: string; message?: string };
	done?: boolean;
	/** The event was seen before (a resumed stream that repeated it) and was not applied again. */
	duplicate?: boolean;
}

type MutableStep = Step & { content?: Content[]; summary?: Content[]; [key: string]: unknown };

const MEDIA_DELTAS = new Set(['image', 'audio', 'video', 'document']);

function lastTextBlock(content: Content[] | undefined): (Content & { annotations?: unknown[] }) | undefined {
	for (let i = (content ?? []).length - 1; i >= 0; i--) {
		if (content![i].type === 'text') return content![i];
	}
	return undefined;
}

/**
 * Rebuilds the interaction a stream describes: `interaction.completed` carries no steps, so
 * they are assembled from `step.start` / `step.delta` / `step.stop` (wire reference §8).
 */
export class StreamAccumulator {
	readonly interaction: Interaction = { steps: [] };
	lastEventId?: string;
	private readonly argumentText = new Map<number, string>();
	private readonly seenEventIds = new Set<string>();

	apply(event: StreamEvent, sseId?: string): AppliedEvent {
		const eventId = event.event_id || sseId;
		if (eventId) {
			if (this.seenEventIds.has(eventId)) return { duplicate: true };
			this.seenEventIds.add(eventId);
			this.lastEventId = eventId;
		}
		switch (event.event_type) {
			case 'interaction.created':
			case 'interaction.completed':
				return this.applyInteraction(event.interaction, event.event_type === 'interaction.completed');
			case 'interaction.status_update':
				if (event.interaction_id && !this.interaction.id) this.interaction.id = event.interaction_id;
				if (event.status) this.interaction.status = event.status;
				if (event.usage) this.interaction.usage = event.usage;
				return { status: event.status };
			case 'step.start':
				this.steps[event.index ?? this.steps.length] = this.startStep(event.step);
				return {};
			case 'step.delta':
				return this.applyDelta(event.index ?? this.steps.length - 1, event.delta);
			case 'step.stop':
				this.finishArguments(event.index ?? this.steps.length - 1);
				return {};
			case 'error':
				return { error: event.error ?? { message: 'The stream reported an error' } };
			default:
				return {};
		}
	}

	private get steps(): MutableStep[] {
		return this.interaction.steps as MutableStep[];
	}

	private applyInteraction(partial: Interaction | undefined, done: boolean): AppliedEvent {
		const fields: Interaction = { ...(partial ?? {}) };
		delete fields.steps;
		// `store: false` streams send `""` ids: an interaction without an id, not an empty one.
		if (fields.id === '') delete fields.id;
		for (const [key, value] of Object.entries(fields)) {
			if (value !== undefined && value !== null) this.interaction[key] = value;
		}
		return { status: fields.status as string | undefined, done };
	}

	private startStep(step: Step | undefined): MutableStep {
		const started = { ...(step ?? { type: 'model_output' }) } as MutableStep;
		// step.start carries placeholders (`signature: ""`) that a unary response would not have.
		if (started.signature === '') delete started.signature;
		if (started.type === 'model_output') started.content = [...(started.content ?? [])];
		if (started.type === 'thought') started.summary = [...(started.summary ?? [])];
		return started;
	}

	private stepAt(index: number, fallbackType: string): MutableStep {
		this.steps[index] ??= this.startStep({ type: fallbackType } as Step);
		return this.steps[index];
	}

	private applyDelta(index: number, delta: StreamEvent['delta']): AppliedEvent {
		if (!delta) return {};
		const { type, ...fields } = delta;
		switch (type) {
			case 'text': {
				const step = this.stepAt(index, 'model_output');
				const text = String(fields.text ?? '');
				this.appendText((step.content ??= []), text);
				return step.type === 'model_output' && text !== '' ? { text } : {};
			}
			case 'text_annotation_delta': {
				const block = lastTextBlock(this.stepAt(index, 'model_output').content);
				if (block) block.annotations = [...(block.annotations ?? []), ...((fields.annotations as unknown[]) ?? [])];
				return {};
			}
			case 'thought_summary': {
				const block = fields.content as Content | undefined;
				const summary = (this.stepAt(index, 'thought').summary ??= []);
				// A summary streams as text fragments of one block; other blocks (images) are kept as they come.
				if (block?.type === 'text') this.appendText(summary, block.text ?? '');
				else if (block) summary.push(block);
				return {};
			}
			case 'thought_signature':
				this.stepAt(index, 'thought').signature = fields.signature as string;
				return {};
			case 'arguments_delta':
				this.argumentText.set(index, (this.argumentText.get(index) ?? '') + String(fields.arguments ?? ''));
				return {};
			default:
				if (MEDIA_DELTAS.has(type)) {
					(this.stepAt(index, 'model_output').content ??= []).push({ type, ...fields } as Content);
					return {};
				}
				// Built-in tool calls and results: the delta mirrors the step's own fields.
				Object.assign(this.stepAt(index, type), fields);
				return {};
		}
	}

	private appendText(blocks: Content[], text: string): void {
		const last = blocks[blocks.length - 1];
		if (last?.type === 'text') last.text += text;
		else blocks.push({ type: 'text', text });
	}

	private finishArguments(index: number): void {
		const text = this.argumentText.get(index);
		if (text === undefined) return;
		this.argumentText.delete(index);
		const step = this.steps[index];
		if (!step) return;
		(step as { arguments?: JsonValue }).arguments = parseArguments(text);
	}
}

/** The concatenated `arguments_delta` fragments; unparsable text is kept rather than lost. */
function parseArguments(text: string): JsonObject {
	if (text.trim() === '') return {};
	try {
		const parsed = JSON.parse(text) as JsonValue;
		return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? parsed : { value: parsed };
	} catch {
		return { _raw: text };
	}
}
