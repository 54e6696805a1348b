import { z } from 'zod';
import { z as z4 } from 'zod/v4';

import { cleanSchemaForGemini } from '../../nodes/shared/wire/request/schemaCleaning';
import { toolSchemaToJsonSchema } from '../../nodes/shared/wire/request/zodSchema';

describe('toolSchemaToJsonSchema (zod v3)', () => {
	it('converts an object with required and optional properties and descriptions', () => {
		const schema = z.object({
			city: z.string().min(2).max(80).describe('The city'),
			days: z.number().int().min(1).max(14).optional(),
			units: z.enum(['metric', 'imperial']).default('metric'),
			tags: z.array(z.string()).min(1),
			detailed: z.boolean().nullable(),
		});
		expect(toolSchemaToJsonSchema(schema)).toEqual({
			type: 'object',
			properties: {
				city: { type: 'string', minLength: 2, maxLength: 80, description: 'The city' },
				days: { type: 'integer', minimum: 1, maximum: 14 },
				units: { type: 'string', enum: ['metric', 'imperial'], default: 'metric' },
				tags: { type: 'array', items: { type: 'string' }, minItems: 1 },
				detailed: { type: 'boolean', nullable: true },
			},
			required: ['city', 'tags', 'detailed'],
		});
	});

	it('unwraps effects (DynamicTool input) and reads literals, unions, native enums and dates', () => {
		enum Color {
			Red,
			Green,
		}
		const schema = z
			.object({
				input: z.string().optional(),
				mode: z.union([z.literal('a'), z.literal('b')]),
				mixed: z.union([z.string(), z.number()]),
				color: z.nativeEnum(Color),
				when: z.date(),
				email: z.string().email(),
				nested: z.object({ deep: z.record(z.string()) }).describe('Nested'),
			})
			.transform((value) => value.input);
		expect(toolSchemaToJsonSchema(schema)).toEqual({
			type: 'object',
			properties: {
				input: { type: 'string' },
				mode: { type: 'string', enum: ['a', 'b'] },
				mixed: { anyOf: [{ type: 'string' }, { type: 'number' }] },
				color: { type: 'number', enum: [0, 1] },
				when: { type: 'string', format: 'date-time' },
				email: { type: 'string', format: 'email' },
				nested: { type: 'object', properties: { deep: { type: 'object' } }, required: ['deep'], description: 'Nested' },
			},
			required: ['mode', 'mixed', 'color', 'when', 'email', 'nested'],
		});
	});

	it('stops on recursive lazy schemas', () => {
		interface Node {
			children: Node[];
		}
		const node: z.ZodType<Node> = z.lazy(() => z.object({ children: z.array(node) }));
		const converted = toolSchemaToJsonSchema(node);
		expect(converted).toMatchObject({ type: 'object', properties: { children: { type: 'array', items: {} } } });
	});
});

describe('toolSchemaToJsonSchema (zod v4)', () => {
	it('converts the same shapes', () => {
		const schema = z4.object({
			city: z4.string().min(2).describe('The city'),
			days: z4.number().int().min(1).optional(),
			units: z4.enum(['metric', 'imperial']),
			tags: z4.array(z4.string()).min(1),
			flag: z4.literal(true),
		});
		expect(toolSchemaToJsonSchema(schema)).toEqual({
			type: 'object',
			properties: {
				city: { type: 'string', minLength: 2, description: 'The city' },
				days: { type: 'integer', minimum: 1 },
				units: { type: 'string', enum: ['metric', 'imperial'] },
				tags: { type: 'array', items: { type: 'string' }, minItems: 1 },
				flag: { type: 'boolean', enum: [true] },
			},
			required: ['city', 'units', 'tags', 'flag'],
		});
	});
});

describe('toolSchemaToJsonSchema (other schemas)', () => {
	it('keeps a JSON schema and gives undefined without one', () => {
		const json = { type: 'object', properties: { q: { type: 'string' } } };
		expect(toolSchemaToJsonSchema(json)).toBe(json);
		expect(toolSchemaToJsonSchema(undefined)).toBeUndefined();
		expect(toolSchemaToJsonSchema('text')).toBeUndefined();
	});
});

describe('cleanSchemaForGemini', () => {
	it('removes $schema, additionalProperties and empty required (n8n #14650, #16645, #17842)', () => {
		expect(
			cleanSchemaForGemini({
				$schema: 'http://json-schema.org/draft-07/schema#',
				type: 'object',
				properties: {
					query: { type: 'string', format: 'email' },
					options: { type: 'object', properties: { limit: { type: 'integer', exclusiveMinimum: 0 } }, additionalProperties: false, required: [] },
				},
				required: ['query', 'missing'],
				additionalProperties: false,
			}),
		).toEqual({
			type: 'object',
			properties: {
				query: { type: 'string' },
				options: { type: 'object', properties: { limit: { type: 'integer', minimum: 1 } } },
			},
			required: ['query'],
		});
	});

	it('drops empty properties objects (n8n #13285) and gives undefined for a function without parameters', () => {
		expect(cleanSchemaForGemini({ type: 'object', properties: {}, required: [] })).toBeUndefined();
		expect(cleanSchemaForGemini({ type: 'object', description: 'nothing' })).toBeUndefined();
		expect(cleanSchemaForGemini({})).toBeUndefined();
		expect(cleanSchemaForGemini('not a schema')).toBeUndefined();
		expect(
			cleanSchemaForGemini({ type: 'object', properties: { filter: { type: 'object', properties: {} }, list: { type: 'array', items: {} } } }),
		).toEqual({ type: 'object', properties: { filter: { type: 'object' }, list: { type: 'array' } } });
	});

	it('turns const into enum and nullable type lists into one type', () => {
		expect(
			cleanSchemaForGemini({
				type: 'object',
				properties: {
					kind: { const: 'fixed' },
					name: { type: ['string', 'null'] },
					either: { type: ['string', 'number'] },
					when: { type: 'string', format: 'date-time' },
				},
			}),
		).toEqual({
			type: 'object',
			properties: {
				kind: { enum: ['fixed'] },
				name: { type: 'string', nullable: true },
				either: { anyOf: [{ type: 'string' }, { type: 'number' }] },
				when: { type: 'string', format: 'date-time' },
			},
		});
	});

	it('infers object type from properties and removes properties from non-objects', () => {
		expect(
			cleanSchemaForGemini({
				properties: { data: { properties: { id: { type: 'string' } }, required: ['id'] }, text: { type: 'string', properties: { x: {} }, required: ['x'] } },
			}),
		).toEqual({
			type: 'object',
			properties: { data: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] }, text: { type: 'string' } },
		});
	});

	it('keeps properties whose names are keywords and walks anyOf, items and $defs', () => {
		expect(
			cleanSchemaForGemini({
				type: 'object',
				properties: {
					additionalProperties: { type: 'string' },
					$schema: { type: 'string' },
					list: { type: 'array', items: { type: 'object', properties: { a: { type: 'string' } }, additionalProperties: true } },
					choice: { anyOf: [{ type: 'string', $comment: 'x' }, { type: 'null' }] },
				},
				$defs: { thing: { type: 'object', additionalProperties: false, properties: { b: { type: 'number' } } } },
			}),
		).toEqual({
			type: 'object',
			properties: {
				additionalProperties: { type: 'string' },
				$schema: { type: 'string' },
				list: { type: 'array', items: { type: 'object', properties: { a: { type: 'string' } } } },
				choice: { anyOf: [{ type: 'string' }, { type: 'null' }] },
			},
			$defs: { thing: { type: 'object', properties: { b: { type: 'number' } } } },
		});
	});

	it('cleans what the zod converter produces for a typical n8n tool', () => {
		const schema = z.object({ input: z.string().email().describe('Who to mail') }).strict();
		expect(cleanSchemaForGemini(toolSchemaToJsonSchema(schema))).toEqual({
			type: 'object',
			properties: { input: { type: 'string', description: 'Who to mail' } },
			required: ['input'],
		});
	});
});
