import type { JsonObject, JsonValue } from '../types';
import { isPlainObject } from './jsonParameter';

/**
 * Converts the schema of a connected n8n (LangChain) tool to JSON Schema without importing
 * zod or zod-to-json-schema: zod v3 schemas are read through `_def.typeName`, zod v4 ones through
 * `_zod.def.type`, and a tool that already carries a JSON schema keeps it. Only what a function
 * declaration can express is produced; anything else becomes an unconstrained schema (`{}`).
 */

type Def = Record<string, unknown>;
type ZodLike = Record<string, unknown> & { _def?: Def; _zod?: { def?: Def } };

const MAX_DEPTH = 32;

/** The zod kind in one vocabulary: v3 `ZodString` → `string`, v4 `string` → `string`. */
const V3_KINDS: Record<string, string> = {
	ZodString: 'string',
	ZodNumber: 'number',
	ZodBigInt: 'bigint',
	ZodBoolean: 'boolean',
	ZodDate: 'date',
	ZodNull: 'null',
	ZodAny: 'any',
	ZodUnknown: 'unknown',
	ZodObject: 'object',
	ZodArray: 'array',
	ZodSet: 'set',
	ZodTuple: 'tuple',
	ZodRecord: 'record',
	ZodMap: 'map',
	ZodEnum: 'enum',
	ZodNativeEnum: 'nativeEnum',
	ZodLiteral: 'literal',
	ZodUnion: 'union',
	ZodDiscriminatedUnion: 'union',
	ZodIntersection: 'intersection',
	ZodOptional: 'optional',
	ZodNullable: 'nullable',
	ZodDefault: 'default',
	ZodCatch: 'catch',
	ZodReadonly: 'readonly',
	ZodBranded: 'branded',
	ZodEffects: 'effects',
	ZodPipeline: 'pipe',
	ZodLazy: 'lazy',
	ZodPromise: 'promise',
};

function defOf(schema: ZodLike): Def | undefined {
	return schema._zod?.def ?? schema._def;
}

function kindOf(schema: ZodLike): string | undefined {
	const def = defOf(schema);
	if (!def) return undefined;
	if (typeof def.typeName === 'string') return V3_KINDS[def.typeName] ?? def.typeName;
	return typeof def.type === 'string' ? def.type : undefined;
}

export function isZodSchema(value: unknown): value is ZodLike {
	return isPlainObjectLike(value) && kindOf(value as ZodLike) !== undefined;
}

/** zod schemas are class instances, not plain objects. */
function isPlainObjectLike(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function numberOrUndefined(value: unknown): number | undefined {
	return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function toJsonValue(value: unknown): JsonValue | undefined {
	if (value === undefined || typeof value === 'function' || typeof value === 'symbol') return undefined;
	if (typeof value === 'bigint') return Number(value);
	if (value instanceof Date) return value.toISOString();
	try {
		return JSON.parse(JSON.stringify(value)) as JsonValue;
	} catch {
		return undefined;
	}
}

/** Wrappers that do not change what the model should send. */
function innerOf(kind: string, def: Def): unknown {
	switch (kind) {
		case 'optional':
		case 'nullable':
		case 'default':
		case 'catch':
		case 'readonly':
		case 'nonoptional':
		case 'prefault':
			return def.innerType;
		case 'branded':
			return def.type;
		case 'effects':
			return def.schema;
		case 'pipe':
			return def.in;
		case 'lazy':
			return typeof def.getter === 'function' ? (def.getter as () => unknown)() : undefined;
		case 'promise':
			return def.type ?? def.innerType;
		default:
			return undefined;
	}
}

/** v3 keeps checks as `{kind, value}`, v4 as objects with `_zod.def`; both expose getters we prefer. */
function checksOf(def: Def): Array<Record<string, unknown>> {
	const checks = Array.isArray(def.checks) ? def.checks : [];
	return checks.map((check) => {
		const v4 = (check as { _zod?: { def?: Record<string, unknown> } })._zod?.def;
		return v4 ?? (check as Record<string, unknown>);
	});
}

function stringSchema(schema: ZodLike, def: Def): JsonObject {
	const out: JsonObject = { type: 'string' };
	const min = numberOrUndefined(schema.minLength);
	const max = numberOrUndefined(schema.maxLength);
	if (min !== undefined) out.minLength = min;
	if (max !== undefined) out.maxLength = max;
	const format = typeof schema.format === 'string' ? schema.format : typeof def.format === 'string' ? def.format : undefined;
	if (format) out.format = format === 'datetime' ? 'date-time' : format;
	for (const check of checksOf(def)) {
		if (check.kind === 'email' || check.kind === 'url' || check.kind === 'uuid') out.format = String(check.kind);
		if (check.kind === 'datetime') out.format = 'date-time';
		const pattern = check.regex ?? check.pattern;
		if (pattern instanceof RegExp) out.pattern = pattern.source;
	}
	return out;
}

function numberSchema(schema: ZodLike, def: Def): JsonObject {
	const checks = checksOf(def);
	const isInt =
		schema.isInt === true ||
		checks.some((check) => check.kind === 'int' || check.format === 'safeint' || check.format === 'int32') ||
		def.format === 'safeint';
	const out: JsonObject = { type: isInt ? 'integer' : 'number' };
	const min = numberOrUndefined(schema.minValue);
	const max = numberOrUndefined(schema.maxValue);
	if (min !== undefined && min > Number.MIN_SAFE_INTEGER) out.minimum = min;
	if (max !== undefined && max < Number.MAX_SAFE_INTEGER) out.maximum = max;
	return out;
}

function enumValues(kind: string, def: Def): JsonValue[] {
	if (kind === 'enum' && Array.isArray(def.values)) return def.values as JsonValue[];
	const entries = (def.entries ?? def.values) as Record<string, unknown> | undefined;
	if (!isPlainObjectLike(entries)) return [];
	// Numeric TypeScript enums map names to numbers and numbers back to names: keep the values.
	return Object.entries(entries)
		.filter(([key, value]) => !(typeof value === 'string' && typeof entries[value] === 'number' && /^\d+$/.test(key)))
		.map(([, value]) => value as JsonValue);
}

function typeOfValues(values: JsonValue[]): JsonObject {
	const types = [...new Set(values.map((value) => (value === null ? 'null' : typeof value)))];
	return types.length === 1 && ['string', 'number', 'boolean'].includes(types[0]) ? { type: types[0] } : {};
}

class Converter {
	private readonly seen = new Set<unknown>();

	convert(value: unknown, depth = 0): JsonObject {
		if (!isZodSchema(value) || depth > MAX_DEPTH || this.seen.has(value)) return {};
		this.seen.add(value);
		try {
			const out = this.convertKnown(value, depth);
			const description = typeof value.description === 'string' ? value.description : defOf(value)?.description;
			if (typeof description === 'string' && description !== '' && out.description === undefined) {
				out.description = description;
			}
			return out;
		} finally {
			this.seen.delete(value);
		}
	}

	private convertKnown(schema: ZodLike, depth: number): JsonObject {
		const def = defOf(schema) as Def;
		const kind = kindOf(schema) as string;
		const inner = innerOf(kind, def);
		if (inner !== undefined) {
			const out = this.convert(inner, depth + 1);
			if (kind === 'nullable') out.nullable = true;
			if (kind === 'default') {
				const fallback = typeof def.defaultValue === 'function' ? (def.defaultValue as () => unknown)() : def.defaultValue;
				const json = toJsonValue(fallback);
				if (json !== undefined) out.default = json;
			}
			return out;
		}
		switch (kind) {
			case 'string':
				return stringSchema(schema, def);
			case 'template_literal':
				return { type: 'string' };
			case 'number':
			case 'int':
				return numberSchema(schema, def);
			case 'bigint':
				return { type: 'integer' };
			case 'boolean':
				return { type: 'boolean' };
			case 'date':
				return { type: 'string', format: 'date-time' };
			case 'null':
				return { type: 'null' };
			case 'object':
				return this.objectSchema(def, depth);
			case 'array':
			case 'set':
				return this.arraySchema(schema, def, depth);
			case 'tuple':
				return { type: 'array', items: this.convert((def.items as unknown[] | undefined)?.[0], depth + 1) };
			case 'record':
			case 'map':
				return { type: 'object' };
			case 'enum':
			case 'nativeEnum': {
				const values = enumValues(kind, def);
				return { ...typeOfValues(values), enum: values };
			}
			case 'literal': {
				const values = (Array.isArray(def.values) ? def.values : [def.value]).map(toJsonValue).filter((v) => v !== undefined);
				return { ...typeOfValues(values as JsonValue[]), enum: values as JsonValue[] };
			}
			case 'union':
				return this.unionSchema(def, depth);
			case 'intersection':
				return { allOf: [this.convert(def.left, depth + 1), this.convert(def.right, depth + 1)] };
			default:
				return {};
		}
	}

	private objectSchema(def: Def, depth: number): JsonObject {
		const shape = typeof def.shape === 'function' ? (def.shape as () => unknown)() : def.shape;
		const properties: JsonObject = {};
		const required: string[] = [];
		for (const [name, child] of Object.entries(isPlainObjectLike(shape) ? shape : {})) {
			properties[name] = this.convert(child, depth + 1);
			if (!isOptional(child)) required.push(name);
		}
		return { type: 'object', properties, ...(required.length > 0 ? { required } : {}) };
	}

	private arraySchema(schema: ZodLike, def: Def, depth: number): JsonObject {
		const element = def.element ?? def.valueType ?? def.type;
		const out: JsonObject = { type: 'array', items: this.convert(element, depth + 1) };
		const min = numberOrUndefined((def.minLength as { value?: unknown } | undefined)?.value ?? schema.minLength);
		const max = numberOrUndefined((def.maxLength as { value?: unknown } | undefined)?.value ?? schema.maxLength);
		if (min !== undefined) out.minItems = min;
		if (max !== undefined) out.maxItems = max;
		for (const check of checksOf(def)) {
			if (check.check === 'min_length' && typeof check.minimum === 'number') out.minItems = check.minimum;
			if (check.check === 'max_length' && typeof check.maximum === 'number') out.maxItems = check.maximum;
		}
		return out;
	}

	private unionSchema(def: Def, depth: number): JsonObject {
		const raw = def.options instanceof Map ? [...def.options.values()] : def.options;
		const options = (Array.isArray(raw) ? raw : []).map((option) => this.convert(option, depth + 1));
		const literals = options.every((option) => Array.isArray(option.enum) && Object.keys(option).every((k) => k === 'enum' || k === 'type'));
		if (options.length > 0 && literals) {
			const values = options.flatMap((option) => option.enum as JsonValue[]);
			return { ...typeOfValues(values), enum: values };
		}
		return { anyOf: options };
	}
}

/** An optional property: `.optional()`, `.default()`, or wrappers around those. */
function isOptional(value: unknown, depth = 0): boolean {
	if (!isZodSchema(value) || depth > MAX_DEPTH) return false;
	const v4Optional = (value._zod as { optin?: unknown } | undefined)?.optin;
	if (v4Optional === 'optional') return true;
	const kind = kindOf(value) as string;
	if (kind === 'optional' || kind === 'default') return true;
	if (['nullable', 'readonly', 'branded', 'effects', 'pipe', 'catch', 'lazy'].includes(kind)) {
		return isOptional(innerOf(kind, defOf(value) as Def), depth + 1);
	}
	return false;
}

/**
 * The JSON schema of a tool's `schema`: a zod schema (v3 or v4) converted, a JSON schema as is,
 * or undefined when the tool has neither.
 */
export function toolSchemaToJsonSchema(schema: unknown): JsonObject | undefined {
	if (schema === undefined || schema === null) return undefined;
	if (isZodSchema(schema)) return new Converter().convert(schema);
	if (isPlainObject(schema)) return schema as JsonObject;
	return undefined;
}
