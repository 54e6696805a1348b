// @ts-check
'use strict';

const { ApiError } = require('./errors');

/** Opaque page tokens: base64url of the next offset. @param {number} offset */
const makePageToken = (offset) => Buffer.from(`offset:${offset}`).toString('base64url');

/**
 * @param {string | null | undefined} token
 * @param {import('./errors').ErrorStyle} style
 * @returns {number} the offset encoded in the token (0 when absent)
 */
function readPageToken(token, style) {
  if (!token) return 0;
  const match = /^offset:(\d+)$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
  if (!match) throw new ApiError(400, 'Invalid page token.', { style });
  return Number(match[1]);
}

module.exports = { makePageToken, readPageToken };
