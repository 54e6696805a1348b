// @ts-check
'use strict';

const { errorBody } = require('./errors');
const { sleep, sendJson } = require('./http');

/**
 * @typedef {import('./index').Fault} Fault
 * @typedef {Fault & { remaining: number, pathPattern?: RegExp | string }} ActiveFault
 */

const DEFAULT_MESSAGES = /** @type {Record<number, string>} */ ({
  429: 'Resource has been exhausted (e.g. check quota).',
  500: 'An internal error has occurred.',
  503: 'The service is currently unavailable.',
  504: 'The request timed out.',
});

/** Faults queued by tests; each applies to the next `times` matching requests. */
function createFaults() {
  /** @type {ActiveFault[]} */
  let faults = [];

  /** @param {Fault} fault */
  function add(fault) {
    const match = fault.match ?? {};
    const pathPattern = match.pathRegex ? new RegExp(match.pathRegex) : match.path;
    faults.push({ ...fault, remaining: fault.times ?? 1, pathPattern });
  }

  /**
   * Returns (and uses up one application of) the first fault matching the request.
   * @param {import('./http').Ctx} ctx
   */
  function take(ctx) {
    const fault = faults.find((f) => matches(f, ctx));
    if (!fault) return undefined;
    fault.remaining -= 1;
    if (fault.remaining <= 0) faults = faults.filter((f) => f !== fault);
    return fault;
  }

  return { add, take, clear: () => void (faults = []) };
}

/** @param {ActiveFault} fault @param {import('./http').Ctx} ctx */
function matches(fault, ctx) {
  const match = fault.match ?? {};
  if (match.method && match.method.toUpperCase() !== ctx.req.method) return false;
  const pattern = fault.pathPattern;
  if (typeof pattern === 'string' && !ctx.entry.url.includes(pattern)) return false;
  if (pattern instanceof RegExp && !pattern.test(ctx.entry.url)) return false;
  return !match.bodyIncludes || ctx.rawBody.toString('utf8').includes(match.bodyIncludes);
}

/**
 * Applies the parts of a fault that replace or delay the normal answer.
 * SSE faults (dropAfterEvents, sseError) stay on ctx.fault for the stream writer.
 * @param {import('./http').Ctx} ctx
 * @param {Fault} fault
 * @param {import('./errors').ErrorStyle} style
 * @returns {Promise<boolean>} true when the fault answered the request
 */
async function applyFault(ctx, fault, style) {
  ctx.fault = fault;
  if (fault.delayMs) await sleep(fault.delayMs);
  if (fault.resetConnection) {
    ctx.entry.status = 0;
    ctx.req.socket.destroy();
    return true;
  }
  if (fault.contentType) ctx.contentTypeOverride = fault.contentType;
  if (fault.malformed) {
    sendJson(ctx, 200, '{"id":"v1_malformed","object":"interaction","status":"compl');
    return true;
  }
  if (fault.status !== undefined) {
    /** @type {Record<string, string>} */
    const headers = {};
    if (fault.retryAfter !== undefined) headers['retry-after'] = String(fault.retryAfter);
    if (fault.retryAfterMs !== undefined) headers['retry-after-ms'] = String(fault.retryAfterMs);
    const message = DEFAULT_MESSAGES[fault.status] ?? `Simulated error ${fault.status}.`;
    sendJson(ctx, fault.status, fault.body ?? errorBody(fault.status, message, style), headers);
    return true;
  }
  if (fault.body !== undefined) {
    sendJson(ctx, 200, fault.body);
    return true;
  }
  return false;
}

module.exports = { createFaults, applyFault };
