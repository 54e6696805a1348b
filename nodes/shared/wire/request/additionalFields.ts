import type { JsonObject, JsonValue } from '../types';
import type { Parsed } from './jsonParameter';
import { isPlainObject, parseJsonValue } from './jsonParameter';

/** Subtrees whose keys are the user's own (schemas, maps, metadata), so any spelling is fine there. */
const FREE_FORM_KEYS = new Set([
	'schema', 'parameters', 'arguments', 'result', 'labels', 'env', 'headers', 'user_metadata',
	'custom_metadata', 'metadata', 'data', 'text',
]);

const SNAKE_CASE = /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/;

/** The first key outside free-form subtrees that is not snake_case, with its path. */
function firstNonSnakeKey(value: unknown, path: string): string | undefined {
	if (Array.isArray(value)) {
		for (const [index, entry] of value.entries()) {
			const hit = firstNonSnakeKey(entry, `${path}[${index}]`);
			if (hit) return hit;
		}
		return undefined;
	}
	if (!isPlainObject(value)) return undefined;
	for (const [key, entry] of Object.entries(value)) {
		const here = path ? `${path}.${key}` : key;
		if (!SNAKE_CASE.test(key)) return here;
		if (FREE_FORM_KEYS.has(key)) continue;
		const hit = firstNonSnakeKey(entry, here);
		if (hit) return hit;
	}
	return undefined;
}

const snakeOf = (path: string) =>
	(path.split('.').pop() ?? path).replace(/\[\d+\]$/, '').replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/[-\s]+/g, '_').toLowerCase();

/** The "Additional Fields (JSON)" option: a JSON object of request fields, every key snake_case. */
export function parseAdditionalFields(value: unknown): Parsed<JsonObject | undefined> {
	const parsed = parseJsonValue(value);
	if (!parsed.ok) return parsed;
	if (parsed.value === undefined || parsed.value === null) return { ok: true, value: undefined };
	if (!isPlainObject(parsed.value)) {
		return { ok: false, reason: 'it must be a JSON object of request fields, such as {"webhook_config": {…}}' };
	}
	const wrong = firstNonSnakeKey(parsed.value, '');
	if (wrong) {
		return {
			ok: false,
			reason: `the field "${wrong}" is not snake_case; the Interactions API spells its fields like "${snakeOf(wrong)}"`,
		};
	}
	return { ok: true, value: Object.keys(parsed.value).length > 0 ? (parsed.value as JsonObject) : undefined };
}

/**
 * Merges additional fields into a request the node built. Objects merge key by key (so
 * `{"generation_config": {"video_config": …}}` adds to the node's generation config); a field
 * the node already sets from its own parameters is a conflict, reported by its path.
 */
export function mergeAdditionalFields<T extends object>(request: T, additional: JsonObject | undefined): Parsed<T> {
	if (!additional) return { ok: true, value: request };
	const merge = (base: Record<string, unknown>, extra: JsonObject, path: string): Parsed<Record<string, unknown>> => {
		const merged: Record<string, unknown> = { ...base };
		for (const [key, value] of Object.entries(extra) as Array<[string, JsonValue]>) {
			const here = path ? `${path}.${key}` : key;
			const current = merged[key];
			if (current === undefined) {
				merged[key] = value;
				continue;
			}
			if (isPlainObject(current) && isPlainObject(value)) {
				const nested = merge(current, value as JsonObject, here);
				if (!nested.ok) return nested;
				merged[key] = nested.value;
				continue;
			}
			return {
				ok: false,
				reason: `"${here}" is already set by the node's own parameters; set it there, or remove it from the additional fields`,
			};
		}
		return { ok: true, value: merged };
	};
	const merged = merge(request as Record<string, unknown>, additional, '');
	return merged.ok ? { ok: true, value: merged.value as T } : merged;
}
