// @ts-check
'use strict';

const { redactHeaders } = require('./http');

const SECRET_FIELDS = new Set(['assertion', 'client_secret', 'refresh_token', 'key', 'subject_token']);

/** @param {Record<string, any>} obj */
function redactFields(obj) {
  return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, SECRET_FIELDS.has(k) ? '<redacted>' : v]));
}

/**
 * The request log tests assert on. Counts concurrent API requests (the token
 * endpoint is not counted) to expose the client's concurrency.
 */
function createRequestLog() {
  /** @type {import('./index').RequestLogEntry[]} */
  const entries = [];
  let seq = 0;
  let inFlight = 0;
  let maxInFlight = 0;

  /**
   * @param {import('node:http').IncomingMessage} req
   * @param {URL} url
   * @param {{ body: unknown, bytes: number, counted: boolean }} info
   */
  function start(req, url, info) {
    if (info.counted) {
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
    }
    const query = redactFields(Object.fromEntries(url.searchParams));
    const body = info.body && typeof info.body === 'object' && !Array.isArray(info.body) ? redactFields(info.body) : info.body ?? null;
    /** @type {import('./index').RequestLogEntry} */
    const entry = {
      seq: ++seq,
      method: req.method ?? 'GET',
      path: url.pathname,
      query,
      url: (req.url ?? '/').replace(/([?&]key=)[^&#]*/g, '$1<redacted>'),
      headers: redactHeaders(req.headers),
      auth: { scheme: 'none', valid: false },
      family: 'unknown',
      body,
      bodyBytes: info.bytes,
      media: [],
      status: null,
      stream: false,
      startedAt: Date.now(),
      endedAt: null,
      inFlightAtStart: info.counted ? inFlight : 0,
    };
    entries.push(entry);
    let ended = false;
    const end = () => {
      if (ended) return;
      ended = true;
      entry.endedAt = Date.now();
      if (info.counted) inFlight -= 1;
    };
    return { entry, end };
  }

  return {
    entries,
    start,
    get maxInFlight() {
      return maxInFlight;
    },
    clear() {
      entries.length = 0;
      maxInFlight = inFlight;
    },
  };
}

module.exports = { createRequestLog };
