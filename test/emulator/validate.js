// @ts-check
'use strict';

const { invalidRequest } = require('./errors');
const { isObject } = require('./content');
const { validateRequestOptions } = require('./requestOptions');

/** Subtrees whose keys belong to the user (schemas, maps), not to the API. */
const FREE_FORM = new Set([
  'schema', 'parameters', 'arguments', 'result', 'labels', 'env', 'headers',
  'user_metadata', 'metadata_filter', 'custom_metadata', 'data', 'text', 'summary',
]);

/** @param {string} key */
const snake = (key) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/**
 * Finds the first camelCase key outside user-defined subtrees, so that
 * requests written for generateContent (systemInstruction, mimeType, …) fail
 * loudly as they do against the real service.
 * @param {unknown} node
 * @param {string} [path]
 * @returns {{ key: string, path: string } | undefined}
 */
function findCamelCaseKey(node, path = '') {
  if (Array.isArray(node)) {
    for (const item of node) {
      const hit = findCamelCaseKey(item, path);
      if (hit) return hit;
    }
    return undefined;
  }
  if (!isObject(node)) return undefined;
  const obj = /** @type {Record<string, unknown>} */ (node);
  if (path.endsWith('agent_config') && obj.type === 'dynamic') return undefined;
  for (const [key, value] of Object.entries(obj)) {
    if (/^[a-z][a-z0-9]*[A-Z]/.test(key)) return { key, path };
    if (FREE_FORM.has(key)) continue;
    const hit = findCamelCaseKey(value, path ? `${path}.${key}` : key);
    if (hit) return hit;
  }
  return undefined;
}

/** @param {unknown} body */
function rejectCamelCase(body) {
  const hit = findCamelCaseKey(body);
  if (!hit) return;
  const where = hit.path ? ` at '${hit.path}'` : '';
  throw invalidRequest(
    `Invalid JSON payload received. Unknown name "${hit.key}"${where}: Cannot find field. Field names are snake_case (did you mean "${snake(hit.key)}"?).`,
  );
}

/** @param {any} body */
function checkTools(body) {
  if (body.tools === undefined) return;
  if (!Array.isArray(body.tools)) throw invalidRequest('tools must be an array.');
  for (const tool of body.tools) {
    if (!isObject(tool) || typeof tool.type !== 'string') throw invalidRequest('Each tool needs a "type".');
    if (tool.type === 'function' && (typeof tool.name !== 'string' || !tool.name)) {
      throw invalidRequest('Function tools need a "name".');
    }
    if (tool.type === 'function' && Array.isArray(tool.parameters?.required) && !tool.parameters.required.length) {
      throw invalidRequest(`tools[].parameters.required of function "${tool.name}" must not be an empty list.`);
    }
  }
}

/**
 * Structural checks of an interactions.create body that need no stored state.
 * @param {unknown} raw
 * @param {import('./content').MediaScan | undefined} media
 */
function validateCreate(raw, media) {
  if (!isObject(raw)) throw invalidRequest('Request body must be a JSON object.');
  const body = /** @type {any} */ (raw);
  rejectCamelCase(body);
  if (!!body.model === !!body.agent) throw invalidRequest('Exactly one of "model" or "agent" must be set.');
  if (body.model !== undefined && typeof body.model !== 'string') throw invalidRequest('model must be a string.');
  if (body.agent !== undefined && typeof body.agent !== 'string') throw invalidRequest('agent must be a string.');
  if (body.system_instruction !== undefined && typeof body.system_instruction !== 'string') {
    throw invalidRequest('system_instruction must be a string.');
  }
  if (body.input === undefined && !body.previous_interaction_id) {
    throw invalidRequest('input is required unless previous_interaction_id is set.');
  }
  if (body.store === false && body.background) throw invalidRequest('background requires store to be true.');
  if (body.store === false && body.previous_interaction_id) {
    throw invalidRequest('previous_interaction_id cannot be used with store set to false.');
  }
  if (body.agent && body.generation_config !== undefined) {
    throw invalidRequest('generation_config is not supported for agent interactions; use agent_config.');
  }
  if (body.model && body.agent_config !== undefined) throw invalidRequest('agent_config is only supported for agent interactions.');
  const max = body.generation_config?.max_output_tokens;
  if (max !== undefined && !(Number.isInteger(max) && max > 0)) {
    throw invalidRequest('generation_config.max_output_tokens must be a positive integer.');
  }
  const formats = body.response_format === undefined ? [] : [body.response_format].flat();
  if (formats.some((f) => !isObject(f) || typeof f.type !== 'string')) throw invalidRequest('Each response_format needs a "type".');
  checkTools(body);
  validateRequestOptions(body, formats);
  if (media?.invalid.length) throw invalidRequest(`Invalid base64 in input: ${media.invalid[0]}.`);
}

module.exports = { validateCreate, rejectCamelCase };
