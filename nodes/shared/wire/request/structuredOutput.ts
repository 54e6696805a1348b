import type { JsonObject, TextResponseFormat } from '../types';
import type { Parsed } from './jsonParameter';

/** Reads the schema parameter: JSON text from the editor, or an object from an expression. */
export function parseSchemaParameter(value: unknown): Parsed<JsonObject> {
	let schema: unknown = value;
	if (typeof value === 'string') {
		if (value.trim() === '') return { ok: false, reason: 'the JSON schema is empty' };
		try {
			schema = JSON.parse(value);
		} catch (error) {
			return { ok: false, reason: `it is not valid JSON (${(error as Error).message})` };
		}
	}
	if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) {
		return { ok: false, reason: 'it must be a JSON object such as {"type": "object", …}' };
	}
	const keys = Object.keys(schema);
	if (!['type', 'properties', 'anyOf', '$ref'].some((key) => keys.includes(key))) {
		return { ok: false, reason: 'it needs a "type" (for example "object")' };
	}
	return { ok: true, value: schema as JsonObject };
}

export function jsonResponseFormat(schema: JsonObject): TextResponseFormat {
	return { type: 'text', mime_type: 'application/json', schema };
}
