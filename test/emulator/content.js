// @ts-check
'use strict';

const crypto = require('node:crypto');
const { invalidRequest } = require('./errors');

const MEDIA_TYPES = new Set(['image', 'audio', 'document', 'video']);
const CONTENT_TYPES = new Set(['text', ...MEDIA_TYPES]);
const STEP_TYPES = new Set(['user_input', 'model_output', 'thought', 'function_call', 'function_result']);
const BASE64 = /^[A-Za-z0-9+/_-]*={0,2}$/;

/**
 * @typedef {{ type: string, mime_type: string | null, bytes: number, sha256: string }} MediaRecord
 * @typedef {{ media: MediaRecord[], invalid: string[] }} MediaScan
 */

/** @param {unknown} value */
const isObject = (value) => !!value && typeof value === 'object' && !Array.isArray(value);

/** @param {any} item */
const isStep = (item) => STEP_TYPES.has(item?.type) || /_(call|result)$/.test(item?.type ?? '');

/** @param {string} data @returns {Buffer | undefined} */
function decodeBase64(data) {
  const clean = data.replace(/\s+/g, '');
  if (!BASE64.test(clean) || clean.length % 4 === 1 || (clean.includes('=') && clean.length % 4 !== 0)) return undefined;
  return Buffer.from(clean.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
}

/**
 * Finds every media block with inline `data` anywhere in a request's input.
 * @param {unknown} input
 * @returns {MediaScan}
 */
function scanMedia(input) {
  /** @type {MediaScan} */
  const scan = { media: [], invalid: [] };
  /** @param {unknown} node */
  const walk = (node) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!isObject(node)) return;
    const block = /** @type {any} */ (node);
    if (MEDIA_TYPES.has(block.type) && typeof block.data === 'string') {
      const bytes = decodeBase64(block.data);
      if (!bytes) scan.invalid.push(`${block.type} block has invalid base64 data`);
      else {
        scan.media.push({
          type: block.type,
          mime_type: block.mime_type ?? null,
          bytes: bytes.length,
          sha256: crypto.createHash('sha256').update(bytes).digest('hex'),
        });
      }
    }
    Object.values(block).forEach(walk);
  };
  walk(input);
  return scan;
}

/** @param {any} block @param {string} where */
function checkContent(block, where) {
  if (!isObject(block) || typeof block.type !== 'string') throw invalidRequest(`${where}: each content block needs a "type".`);
  if (!CONTENT_TYPES.has(block.type)) throw invalidRequest(`${where}: unknown content type "${block.type}".`);
  if (block.type === 'text' && typeof block.text !== 'string') throw invalidRequest(`${where}: text content needs a string "text".`);
  if (MEDIA_TYPES.has(block.type) && typeof block.data !== 'string' && typeof block.uri !== 'string') {
    throw invalidRequest(`${where}: ${block.type} content needs "data" (base64) or "uri".`);
  }
}

/** @param {any} step */
function checkStep(step) {
  if (step.type === 'user_input' || step.type === 'model_output') {
    if (step.content !== undefined && !Array.isArray(step.content)) throw invalidRequest(`${step.type}.content must be an array.`);
    (step.content ?? []).forEach((/** @type {any} */ b) => checkContent(b, step.type));
  }
  if (step.type === 'function_result' && typeof step.call_id !== 'string') {
    throw invalidRequest('function_result steps need a "call_id".');
  }
}

/**
 * Normalises every accepted `input` shape to a list of steps.
 * @param {unknown} input
 * @returns {any[]}
 */
function inputToSteps(input) {
  if (input === undefined || input === null) return [];
  if (typeof input === 'string') return [{ type: 'user_input', content: [{ type: 'text', text: input }] }];
  const items = Array.isArray(input) ? input : [input];
  if (!items.length) throw invalidRequest('input must not be empty.');
  if (items.every(isStep)) {
    items.forEach(checkStep);
    return items;
  }
  if (items.some(isStep)) throw invalidRequest('input must be either a list of content blocks or a list of steps, not both.');
  items.forEach((b) => checkContent(b, 'input'));
  return [{ type: 'user_input', content: items }];
}

/**
 * The text of each user turn, in order.
 * @param {any[]} steps
 * @returns {string[]}
 */
function userTexts(steps) {
  return steps
    .filter((s) => s.type === 'user_input')
    .map((s) => (s.content ?? []).filter((/** @type {any} */ b) => b.type === 'text').map((/** @type {any} */ b) => b.text).join(' ').trim())
    .filter(Boolean);
}

/**
 * "Received image/png (1234 bytes)." for each media block of the user turns.
 * @param {any[]} steps
 */
function mediaMentions(steps) {
  return steps
    .filter((s) => s.type === 'user_input')
    .flatMap((s) => s.content ?? [])
    .filter((/** @type {any} */ b) => MEDIA_TYPES.has(b.type))
    .map((/** @type {any} */ b) => {
      const mime = b.mime_type ?? b.type;
      if (typeof b.data === 'string') return `Received ${mime} (${decodeBase64(b.data)?.length ?? 0} bytes).`;
      return `Received ${mime} from ${b.uri}.`;
    });
}

module.exports = { scanMedia, inputToSteps, userTexts, mediaMentions, isObject };
