/**
 * The outcome of reading a value: the value, or why it cannot be used (the node words a
 * NodeOperationError from `reason`). `Why` adds what the failure knows besides, e.g. which
 * parameter failed or the raw text that did not parse.
 */
export type Parsed<T, Why extends object = object> = { ok: true; value: T } | ({ ok: false; reason: string } & Why);

export const isPlainObject = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/** A JSON parameter as n8n hands it over: text from the JSON editor, or a value from an expression. */
export function parseJsonValue(value: unknown): Parsed<unknown> {
	if (typeof value !== 'string') return { ok: true, value };
	if (value.trim() === '') return { ok: true, value: undefined };
	try {
		return { ok: true, value: JSON.parse(value) as unknown };
	} catch (error) {
		return { ok: false, reason: `it is not valid JSON (${(error as Error).message})` };
	}
}

/** A comma-separated list (`data, data_1`), empty entries dropped. */
export function parseList(value: unknown): string[] {
	if (Array.isArray(value)) return value.map(String).map((entry) => entry.trim()).filter(Boolean);
	if (typeof value !== 'string') return [];
	return value
		.split(',')
		.map((entry) => entry.trim())
		.filter((entry) => entry !== '');
}
