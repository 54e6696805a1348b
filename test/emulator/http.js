// @ts-check
'use strict';

/**
 * Per-request state shared by the router and the handlers.
 * @typedef {object} Ctx
 * @property {import('node:http').IncomingMessage} req
 * @property {import('node:http').ServerResponse} res
 * @property {import('./index').RequestLogEntry} entry
 * @property {URL} url
 * @property {any} body parsed JSON (or the token form as an object); undefined when empty
 * @property {Buffer} rawBody
 * @property {string} [contentTypeOverride] set by a `contentType` fault
 * @property {import('./faults').Fault} [fault] the fault applied to this request, if any
 * @property {import('./content').MediaScan} [media]
 */

const SECRET_HEADERS = new Set(['x-goog-api-key', 'authorization', 'proxy-authorization']);

/** @param {number} ms */
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** @param {import('node:http').IncomingMessage} req */
async function readBody(req) {
  /** @type {Buffer[]} */
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/** @param {import('node:http').IncomingHttpHeaders} headers */
function redactHeaders(headers) {
  /** @type {Record<string, string | string[] | undefined>} */
  const out = {};
  for (const [name, value] of Object.entries(headers)) {
    out[name.toLowerCase()] = SECRET_HEADERS.has(name.toLowerCase()) ? '<redacted>' : value;
  }
  return out;
}

/**
 * @param {Ctx} ctx
 * @param {number} status
 * @param {unknown} body JSON value, or a string sent verbatim
 * @param {Record<string, string>} [headers]
 */
function sendJson(ctx, status, body, headers = {}) {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  ctx.entry.status = status;
  ctx.res.writeHead(status, {
    'content-type': ctx.contentTypeOverride ?? 'application/json; charset=UTF-8',
    'content-length': String(Buffer.byteLength(text)),
    ...headers,
  });
  ctx.res.end(text);
}

module.exports = { sleep, readBody, redactHeaders, sendJson };
