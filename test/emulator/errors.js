// @ts-check
'use strict';

/** Google's canonical status names, used by the classic error shape. */
const STATUS_NAMES = /** @type {Record<number, string>} */ ({
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  408: 'DEADLINE_EXCEEDED',
  409: 'ALREADY_EXISTS',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  501: 'UNIMPLEMENTED',
  502: 'UNAVAILABLE',
  503: 'UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
});

/** String codes of the Interactions service's error shape. */
const INTERACTION_CODES = /** @type {Record<number, string>} */ ({
  400: 'invalid_request',
  401: 'unauthenticated',
  403: 'permission_denied',
  404: 'not_found',
  405: 'method_not_allowed',
  408: 'deadline_exceeded',
  409: 'already_exists',
  429: 'resource_exhausted',
  500: 'internal',
  501: 'unimplemented',
  502: 'unavailable',
  503: 'unavailable',
  504: 'deadline_exceeded',
});

/**
 * @typedef {'interactions' | 'classic' | 'oauth'} ErrorStyle
 *  interactions: {"error":{"message","code":"invalid_request"}}
 *  classic:      {"error":{"code":400,"message","status":"INVALID_ARGUMENT"}}
 *  oauth:        {"error":"invalid_grant","error_description":"…"}
 */

/** An error that is answered to the client as a JSON error body. */
class ApiError extends Error {
  /**
   * @param {number} status
   * @param {string} message
   * @param {{ code?: string, style?: ErrorStyle }} [opts]
   */
  constructor(status, message, opts = {}) {
    super(message);
    this.status = status;
    this.code = opts.code;
    this.style = opts.style ?? 'interactions';
  }

  toBody() {
    return errorBody(this.status, this.message, this.style, this.code);
  }
}

/**
 * @param {number} status
 * @param {string} message
 * @param {ErrorStyle} [style]
 * @param {string} [code]
 */
function errorBody(status, message, style = 'interactions', code) {
  if (style === 'oauth') return { error: code ?? 'invalid_request', error_description: message };
  if (style === 'classic') {
    return { error: { code: status, message, status: code ?? STATUS_NAMES[status] ?? 'UNKNOWN' } };
  }
  return { error: { message, code: code ?? INTERACTION_CODES[status] ?? 'unknown' } };
}

/** @param {string} message */
const invalidRequest = (message) => new ApiError(400, message);
/** @param {string} message */
const notFound = (message) => new ApiError(404, message);

module.exports = { ApiError, errorBody, invalidRequest, notFound };
