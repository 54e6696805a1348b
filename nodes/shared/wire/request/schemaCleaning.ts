import type { JsonObject, JsonValue } from '../types';
import { isPlainObject } from './jsonParameter';

/**
 * Keywords Gemini rejects in function parameter schemas ("Unknown name …: Cannot find field"),
 * as reported with n8n tools in n8n-io/n8n#14650, #16645, #17842.
 */
const DROPPED_KEYWORDS = new Set([
	'$schema',
	'$id',
	'$comment',
	'additionalProperties',
	'unevaluatedProperties',
	'patternProperties',
	'propertyNames',
	'dependentRequired',
	'dependentSchemas',
	'contentEncoding',
	'contentMediaType',
	'examples',
	'deprecated',
	'readOnly',
	'writeOnly',
]);

/** Formats Gemini accepts; others (email, uri, uuid…) fail the request (n8n-io/n8n#12109). */
const ALLOWED_FORMATS: Record<string, string[]> = {
	string: ['enum', 'date-time'],
	integer: ['int32', 'int64'],
	number: ['float', 'double'],
};

/** Keywords whose value is one schema. */
const SCHEMA_KEYWORDS = ['items', 'not', 'additionalItems', 'contains', 'if', 'then', 'else'];
/** Keywords whose value is a list of schemas. */
const SCHEMA_LIST_KEYWORDS = ['anyOf', 'oneOf', 'allOf', 'prefixItems'];
/** Keywords whose value maps names to schemas. */
const SCHEMA_MAP_KEYWORDS = ['properties', '$defs', 'definitions'];

const isEmptyObject = (value: unknown) => isPlainObject(value) && Object.keys(value).length === 0;

function cleanType(schema: JsonObject): void {
	const type = schema.type;
	if (!Array.isArray(type)) return;
	const types = type.filter((entry): entry is string => typeof entry === 'string' && entry !== 'null');
	if (types.length < type.length) schema.nullable = true;
	if (types.length === 1) schema.type = types[0];
	else if (types.length === 0) delete schema.type;
	else {
		delete schema.type;
		schema.anyOf = types.map((entry) => ({ type: entry }));
	}
}

function cleanBounds(schema: JsonObject): void {
	// Draft-07 numeric exclusive bounds; the older boolean form is just dropped.
	for (const [exclusive, inclusive, step] of [
		['exclusiveMinimum', 'minimum', 1],
		['exclusiveMaximum', 'maximum', -1],
	] as const) {
		const value = schema[exclusive];
		delete schema[exclusive];
		if (typeof value === 'number' && schema[inclusive] === undefined) {
			schema[inclusive] = schema.type === 'integer' ? value + step : value;
		}
	}
}

function cleanObjectKeywords(schema: JsonObject): void {
	if (schema.type === undefined && (schema.properties !== undefined || schema.required !== undefined)) {
		schema.type = 'object';
	}
	if (schema.type !== 'object') {
		delete schema.properties;
		delete schema.required;
		return;
	}
	const properties = isPlainObject(schema.properties) ? (schema.properties as JsonObject) : undefined;
	if (!properties || Object.keys(properties).length === 0) delete schema.properties;
	const required = Array.isArray(schema.required)
		? schema.required.filter((name) => typeof name === 'string' && properties !== undefined && name in properties)
		: [];
	if (required.length > 0) schema.required = required;
	else delete schema.required;
}

function cleanNode(value: JsonValue): JsonValue {
	if (!isPlainObject(value)) return value;
	const schema: JsonObject = {};
	for (const [key, entry] of Object.entries(value as JsonObject)) {
		if (DROPPED_KEYWORDS.has(key) || entry === undefined) continue;
		if (SCHEMA_KEYWORDS.includes(key)) {
			if (Array.isArray(entry)) schema[key] = entry.map(cleanNode);
			else if (!isEmptyObject(entry)) schema[key] = cleanNode(entry);
		} else if (SCHEMA_LIST_KEYWORDS.includes(key) && Array.isArray(entry)) {
			schema[key] = entry.map(cleanNode);
		} else if (SCHEMA_MAP_KEYWORDS.includes(key) && isPlainObject(entry)) {
			schema[key] = Object.fromEntries(
				Object.entries(entry as JsonObject).map(([name, child]) => [name, cleanNode(child)]),
			);
		} else {
			schema[key] = entry;
		}
	}
	if ('const' in schema) {
		if (schema.enum === undefined) schema.enum = [schema.const];
		delete schema.const;
	}
	cleanType(schema);
	cleanBounds(schema);
	cleanObjectKeywords(schema);
	const format = schema.format;
	if (format !== undefined && !(ALLOWED_FORMATS[String(schema.type)] ?? []).includes(String(format))) {
		delete schema.format;
	}
	return schema;
}

/**
 * A JSON schema for a function's parameters, cleaned of what Gemini rejects: `$schema`,
 * `additionalProperties` and other unsupported keywords, empty `required` lists and names it
 * does not define, empty `properties` and other empty sub-schemas, `const`, type lists and
 * unsupported formats. Returns undefined when nothing is left to declare (a function without
 * parameters), which is also what Gemini wants instead of an object with no properties.
 */
export function cleanSchemaForGemini(schema: unknown): JsonObject | undefined {
	if (!isPlainObject(schema)) return undefined;
	const cleaned = cleanNode(schema as JsonObject) as JsonObject;
	const keys = Object.keys(cleaned).filter((key) => key !== 'description');
	if (keys.length === 0 || (keys.length === 1 && cleaned.type === 'object')) return undefined;
	return cleaned;
}
