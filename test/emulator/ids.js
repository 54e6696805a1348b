// @ts-check
'use strict';

const crypto = require('node:crypto');

/** @param {string} prefix @param {number} [bytes] */
const newId = (prefix, bytes = 6) => prefix + crypto.randomBytes(bytes).toString('base64url');

/** Interaction ids look like the real `v1_ChdU…`. */
const newInteractionId = () => newId('v1_', 18);

/** ISO-8601 with second precision, like the service. */
const nowIso = () => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');

/** @param {string} text */
const countWords = (text) => text.split(/\s+/).filter(Boolean).length;

module.exports = { newId, newInteractionId, nowIso, countWords };
