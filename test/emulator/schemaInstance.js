// @ts-check
'use strict';

/**
 * Builds a deterministic instance of a JSON schema (the subset that structured
 * output and function declarations use).
 *
 * @typedef {object} InstanceOptions
 * @property {string} text value used for plain string fields
 */

const MAX_DEPTH = 8;

/**
 * @param {any} schema
 * @param {InstanceOptions} opts
 * @returns {unknown}
 */
function schemaInstance(schema, opts) {
  return build(schema, schema, opts, 0);
}

/**
 * @param {any} schema @param {any} root @param {InstanceOptions} opts @param {number} depth
 * @returns {unknown}
 */
function build(schema, root, opts, depth) {
  if (!schema || typeof schema !== 'object' || depth > MAX_DEPTH) return null;
  if (typeof schema.$ref === 'string') return build(resolveRef(root, schema.$ref), root, opts, depth + 1);
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum) && schema.enum.length) return schema.enum[0];
  const choice = schema.anyOf ?? schema.oneOf;
  if (Array.isArray(choice) && choice.length) return build(choice[0], root, opts, depth + 1);
  if (Array.isArray(schema.allOf) && schema.allOf.length) {
    return build(Object.assign({}, ...schema.allOf), root, opts, depth + 1);
  }
  switch (typeOf(schema)) {
    case 'object':
      return Object.fromEntries(
        Object.entries(schema.properties ?? {}).map(([key, sub]) => [key, build(sub, root, opts, depth + 1)]),
      );
    case 'array': {
      const count = Math.min(Math.max(1, schema.minItems ?? 1), schema.maxItems ?? Infinity);
      const items = Array.isArray(schema.prefixItems) ? schema.prefixItems : [];
      return Array.from({ length: count }, (_, i) => build(items[i] ?? schema.items, root, opts, depth + 1));
    }
    case 'integer':
      return clamp(schema, 7, true);
    case 'number':
      return clamp(schema, 42, false);
    case 'boolean':
      return true;
    case 'null':
      return null;
    default:
      return stringFor(schema, opts.text);
  }
}

/** @param {any} schema @returns {string} */
function typeOf(schema) {
  const types = (Array.isArray(schema.type) ? schema.type : [schema.type])
    .filter((/** @type {unknown} */ t) => typeof t === 'string')
    .map((/** @type {string} */ t) => t.toLowerCase());
  const type = types.find((/** @type {string} */ t) => t !== 'null') ?? types[0];
  if (type) return type;
  if (schema.properties) return 'object';
  if (schema.items || schema.prefixItems) return 'array';
  return 'string';
}

/** @param {any} root @param {string} ref */
function resolveRef(root, ref) {
  if (!ref.startsWith('#')) return undefined;
  return ref
    .slice(1)
    .split('/')
    .filter(Boolean)
    .reduce((node, part) => node?.[part.replace(/~1/g, '/').replace(/~0/g, '~')], root);
}

/** @param {any} schema @param {number} fallback @param {boolean} integer */
function clamp(schema, fallback, integer) {
  const step = integer ? 1 : 0.5;
  const min = typeof schema.exclusiveMinimum === 'number' ? schema.exclusiveMinimum + step : schema.minimum;
  const max = typeof schema.exclusiveMaximum === 'number' ? schema.exclusiveMaximum - step : schema.maximum;
  let value = fallback;
  if (typeof min === 'number' && value < min) value = min;
  if (typeof max === 'number' && value > max) value = max;
  return integer ? Math.round(value) : value;
}

/** @param {any} schema @param {string} text */
function stringFor(schema, text) {
  switch (schema.format) {
    case 'date-time':
      return '2026-01-01T00:00:00Z';
    case 'date':
      return '2026-01-01';
    case 'time':
      return '12:00:00';
    case 'email':
      return 'user@example.com';
    case 'uri':
    case 'url':
      return 'https://example.com/';
    case 'uuid':
      return '00000000-0000-4000-8000-000000000000';
  }
  let value = text || 'example';
  if (typeof schema.maxLength === 'number') value = value.slice(0, schema.maxLength);
  if (typeof schema.minLength === 'number') value = value.padEnd(schema.minLength, '.');
  return value;
}

module.exports = { schemaInstance };
