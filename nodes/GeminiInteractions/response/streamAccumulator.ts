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

export interface AppliedEvent {
	/** Answer text that arrived with this event (never thought summaries). */
	text?: string;
	/** The status after this event, when it changed. */
	status?: string;
	/** An `error` event from the server. */
	error?: { code?: string; message?: string };
	done?: boolean;
}

type MutableStep = Step & { content?: Content[]; summary?: Content[]; [key: string]: unknown };

const MEDIA_DELTAS = new Set(['image', 'audio', 'video', 'document']);

/**
 * Rebuilds the interaction a stream describes: `interaction.completed` carries no steps, so
 * they are assembled from `step.start` / `step.delta` / `step.stop` (wire reference §8).
 */
export class StreamAccumulator {
	readonly interaction: Interaction = { steps: [] };
	lastEventId?: string;
	private readonly argumentText = new Map<number, string>();

	apply(event: StreamEvent, sseId?: string): AppliedEvent {
		this.lastEventId = event.event_id ?? sseId ?? this.lastEventId;
		switch (event.event_type) {
			case 'interaction.created':
			case 'interaction.completed': {
				const fields = this.withoutEmptyIds({ ...event.interaction });
				delete fields.steps;
				Object.assign(this.interaction, fields);
				return {
					status: fields.status as string | undefined,
					done: event.event_type === 'interaction.completed',
				};
			}
			case 'interaction.status_update':
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

	/** `store: false` streams send `""` ids: an interaction without an id, not an empty one. */
	private withoutEmptyIds(fields: Interaction): Interaction {
		const copy = { ...fields };
		if (copy.id === '') delete copy.id;
		return copy;
	}

	private startStep(step: Step | undefined): MutableStep {
		const started = { ...(step ?? { type: 'model_output' }) } as MutableStep;
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
		if (type === 'text') {
			const step = this.stepAt(index, 'model_output');
			const content = (step.content ??= []);
			const last = content[content.length - 1];
			const text = String(fields.text ?? '');
			if (last?.type === 'text') last.text += text;
			else content.push({ type: 'text', text });
			return step.type === 'model_output' && text !== '' ? { text } : {};
		}
		if (type === 'text_annotation_delta') {
			const content = this.stepAt(index, 'model_output').content ?? [];
			const last = content[content.length - 1] as { annotations?: unknown[] } | undefined;
			if (last) last.annotations = [...(last.annotations ?? []), ...((fields.annotations as unknown[]) ?? [])];
			return {};
		}
		if (MEDIA_DELTAS.has(type)) {
			(this.stepAt(index, 'model_output').content ??= []).push({ type, ...fields } as Content);
			return {};
		}
		if (type === 'thought_summary') {
			const step = this.stepAt(index, 'thought');
			if (fields.content) (step.summary ??= []).push(fields.content as Content);
			return {};
		}
		if (type === 'thought_signature') {
			this.stepAt(index, 'thought').signature = fields.signature as string;
			return {};
		}
		if (type === 'arguments_delta') {
			this.argumentText.set(index, (this.argumentText.get(index) ?? '') + String(fields.arguments ?? ''));
			return {};
		}
		// Built-in tool calls and results: the delta mirrors the step's own fields.
		Object.assign(this.stepAt(index, type), fields);
		return {};
	}

	private finishArguments(index: number): void {
		const text = this.argumentText.get(index);
		if (text === undefined) return;
		this.argumentText.delete(index);
		const step = this.steps[index];
		if (!step) return;
		try {
			(step as { arguments?: JsonValue }).arguments = JSON.parse(text) as JsonObject;
		} catch {
			(step as { arguments?: JsonValue }).arguments = { _raw: text };
		}
	}
}
