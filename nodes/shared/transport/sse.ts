/** One server-sent event (WHATWG EventSource framing). */
export interface SseEvent {
	data: string;
	event?: string;
	/** This event's own `id:` line; the id that persists across events is `SseParser.lastEventId`. */
	id?: string;
	retry?: number;
}

const CR = 13;
const LF = 10;

/**
 * Incremental SSE parser: feed it chunks as they arrive (split anywhere, even inside a line,
 * a CRLF pair or a multi-byte character) and it returns the events completed so far.
 *
 * Lines are found by scanning forward from where the previous chunk stopped, so a long line
 * arriving in many chunks (an inline image in one `data:` line) is scanned once, not once per chunk.
 */
export class SseParser {
	/** The BOM is handled below (once, at the very start), also for string chunks. */
	private readonly decoder = new TextDecoder('utf-8', { ignoreBOM: true });
	private buffer = '';
	/** Where the next line starts in `buffer`. */
	private lineStart = 0;
	/** How far `buffer` has been searched for a line end (from `lineStart`). */
	private scanned = 0;
	private started = false;
	private dataLines: string[] = [];
	private event?: string;
	private id?: string;
	private retry?: number;
	private lastId?: string;

	/**
	 * The last event id seen, as EventSource keeps it across events (also from events that
	 * carried no data): what a resume needs.
	 */
	get lastEventId(): string | undefined {
		return this.lastId;
	}

	push(chunk: Uint8Array | string): SseEvent[] {
		const text = typeof chunk === 'string' ? chunk : this.decoder.decode(chunk, { stream: true });
		this.append(text);
		return this.drainLines(false);
	}

	/** Call once the body has ended: dispatches a final event not followed by a blank line. */
	end(): SseEvent[] {
		this.append(this.decoder.decode());
		const events = this.drainLines(true);
		const last = this.dispatch();
		return last ? [...events, last] : events;
	}

	private append(text: string): void {
		if (text === '') return;
		if (!this.started) {
			this.started = true;
			if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
		}
		// Drop what was consumed before growing the buffer, so it never holds old lines.
		if (this.lineStart > 0) {
			this.buffer = this.buffer.slice(this.lineStart);
			this.scanned -= this.lineStart;
			this.lineStart = 0;
		}
		this.buffer += text;
	}

	private drainLines(atEnd: boolean): SseEvent[] {
		const events: SseEvent[] = [];
		const buffer = this.buffer;
		let position = Math.max(this.scanned, this.lineStart);
		while (position < buffer.length) {
			const code = buffer.charCodeAt(position);
			if (code !== CR && code !== LF) {
				position++;
				continue;
			}
			// A CR as the last character may be the first half of CRLF: wait for the next chunk.
			if (code === CR && position === buffer.length - 1 && !atEnd) break;
			const line = buffer.slice(this.lineStart, position);
			position += code === CR && buffer.charCodeAt(position + 1) === LF ? 2 : 1;
			this.lineStart = position;
			const event = this.line(line);
			if (event) events.push(event);
		}
		this.scanned = position;
		if (atEnd && this.lineStart < buffer.length) {
			const event = this.line(buffer.slice(this.lineStart));
			this.lineStart = buffer.length;
			if (event) events.push(event);
		}
		if (this.lineStart === buffer.length) {
			this.buffer = '';
			this.lineStart = 0;
			this.scanned = 0;
		}
		return events;
	}

	private line(line: string): SseEvent | undefined {
		if (line === '') return this.dispatch();
		if (line.charCodeAt(0) === 58 /* : */) return undefined;
		const colon = line.indexOf(':');
		const field = colon === -1 ? line : line.slice(0, colon);
		let value = colon === -1 ? '' : line.slice(colon + 1);
		if (value.charCodeAt(0) === 32 /* space */) value = value.slice(1);
		if (field === 'data') this.dataLines.push(value);
		else if (field === 'event') this.event = value;
		else if (field === 'id' && !value.includes('\0')) this.id = this.lastId = value;
		else if (field === 'retry' && /^\d+$/.test(value)) this.retry = Number(value);
		return undefined;
	}

	private dispatch(): SseEvent | undefined {
		const hasData = this.dataLines.length > 0;
		const event: SseEvent = {
			data: this.dataLines.join('\n'),
			...(this.event !== undefined ? { event: this.event } : {}),
			...(this.id !== undefined ? { id: this.id } : {}),
			...(this.retry !== undefined ? { retry: this.retry } : {}),
		};
		this.dataLines = [];
		this.event = undefined;
		this.id = undefined;
		this.retry = undefined;
		// Events without data are not dispatched (their id still counts for lastEventId).
		return hasData ? event : undefined;
	}
}

export const DONE_SENTINEL = '[DONE]';

/** Yields the events of an SSE body as they arrive. */
export async function* readSse(body: AsyncIterable<Uint8Array | string>): AsyncGenerator<SseEvent> {
	const parser = new SseParser();
	for await (const chunk of body) {
		yield* parser.push(chunk);
	}
	yield* parser.end();
}
