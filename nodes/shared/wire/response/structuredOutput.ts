import type { Parsed } from '../request/jsonParameter';

export type StructuredParse = Parsed<unknown, { raw: string }>;

/** Models sometimes wrap JSON in a Markdown fence even when asked for JSON; accept that. */
function stripFence(text: string): string {
	const fenced = /^\s*```(?:json)?\s*\n([\s\S]*?)\n?```\s*$/i.exec(text);
	return fenced ? fenced[1] : text;
}

export function parseStructuredText(text: string): StructuredParse {
	if (text.trim() === '') return { ok: false, raw: text, reason: 'the model returned no text' };
	try {
		return { ok: true, value: JSON.parse(stripFence(text)) };
	} catch (error) {
		return { ok: false, raw: text, reason: (error as Error).message };
	}
}
