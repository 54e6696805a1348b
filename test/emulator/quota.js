// @ts-check
'use strict';

const { sendJson, sleep } = require('./http');

/**
 * Quota and capacity modes: a per-window request quota (plus an optional per-day one), and a
 * server that admits N requests at a time.
 *
 * The quota refusal is shaped as the Gemini API sends it: HTTP 429 with the classic error body
 * `{"error":{"code":429,"message","status":"RESOURCE_EXHAUSTED","details":[…]}}` whose `details`
 * hold a `google.rpc.QuotaFailure` (`violations[].quotaMetric/quotaId/quotaDimensions/quotaValue`),
 * a `google.rpc.Help` link and a `google.rpc.RetryInfo` (`retryDelay`, a proto3 Duration string),
 * and no Retry-After header. Sources: the message types in googleapis/googleapis
 * google/rpc/error_details.proto (JSON mapping: lowerCamelCase fields, Duration as "1.500s"), the
 * rate-limit page https://ai.google.dev/gemini-api/docs/rate-limits, and real bodies quoted in
 * google-gemini/gemini-cli#8437 and RooCodeInc/Roo-Code#3883. A full server (capacity mode) answers
 * the bare `{"error":{"code":429,"message":"Resource has been exhausted (e.g. check quota).",
 * "status":"RESOURCE_EXHAUSTED"}}` without details, as seen in python-genai#2065.
 *
 * @typedef {import('./index').QuotaMode} QuotaMode
 */

const QUOTA_MESSAGE =
  'You exceeded your current quota, please check your plan and billing details. For more information on this error, head to: https://ai.google.dev/gemini-api/docs/rate-limits.';
const FULL_MESSAGE = 'Resource has been exhausted (e.g. check quota).';

/** Milliseconds as a proto3 Duration in JSON: "12s", "1.500s". Rounded up, so waiting exactly that long is enough. */
function protoDuration(/** @type {number} */ ms) {
  const whole = Math.ceil(ms);
  return whole % 1000 === 0 ? `${whole / 1000}s` : `${(whole / 1000).toFixed(3)}s`;
}

/** Time until the next midnight UTC: the emulator's "quota day". */
function untilMidnight(/** @type {number} */ now) {
  const next = new Date(now);
  next.setUTCHours(24, 0, 0, 0);
  return next.getTime() - now;
}

/**
 * @param {{ quotaId: string, quotaValue: number, model: string, retryDelayMs: number }} violation
 */
function quotaBody({ quotaId, quotaValue, model, retryDelayMs }) {
  return {
    error: {
      code: 429,
      message: QUOTA_MESSAGE,
      status: 'RESOURCE_EXHAUSTED',
      details: [
        {
          '@type': 'type.googleapis.com/google.rpc.QuotaFailure',
          violations: [
            {
              quotaMetric: 'generativelanguage.googleapis.com/generate_content_free_tier_requests',
              quotaId,
              quotaDimensions: { location: 'global', model },
              quotaValue: String(quotaValue),
            },
          ],
        },
        {
          '@type': 'type.googleapis.com/google.rpc.Help',
          links: [{ description: 'Learn more about Gemini API quotas', url: 'https://ai.google.dev/gemini-api/docs/rate-limits' }],
        },
        { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: protoDuration(retryDelayMs) },
      ],
    },
  };
}

function createQuota() {
  /** @type {QuotaMode | undefined} */
  let mode;
  /** @type {number | undefined} */
  let windowStart;
  let usedInWindow = 0;
  let usedToday = 0;
  let inFlight = 0;
  let admitted = 0;
  let refused = 0;

  /** @param {QuotaMode | null | undefined} next */
  function set(next) {
    mode = next ?? undefined;
    windowStart = undefined;
    usedInWindow = 0;
    usedToday = 0;
    admitted = 0;
    refused = 0;
  }

  /** @param {import('./http').Ctx} ctx */
  function applies(ctx) {
    const match = mode?.match ?? {};
    if (match.method && match.method.toUpperCase() !== ctx.req.method) return false;
    return !match.path || ctx.entry.url.includes(match.path);
  }

  /**
   * Admits the request (after the answer delay), or answers it with a 429.
   * @param {import('./http').Ctx} ctx
   * @returns {Promise<boolean>} false when the request was refused (and answered)
   */
  async function admit(ctx) {
    if (!mode || !applies(ctx)) return true;
    const now = Date.now();
    const model = typeof ctx.body?.model === 'string' ? ctx.body.model : 'gemini-3.5-flash';
    const refuse = (/** @type {unknown} */ body) => {
      refused++;
      sendJson(ctx, 429, body);
      return false;
    };
    if (mode.maxConcurrent !== undefined && inFlight >= mode.maxConcurrent) {
      return refuse({ error: { code: 429, message: FULL_MESSAGE, status: 'RESOURCE_EXHAUSTED' } });
    }
    if (mode.requestsPerDay !== undefined && usedToday >= mode.requestsPerDay) {
      return refuse(
        quotaBody({
          quotaId: mode.dailyQuotaId ?? 'GenerateRequestsPerDayPerProjectPerModel-FreeTier',
          quotaValue: mode.requestsPerDay,
          model,
          retryDelayMs: mode.dailyRetryDelayMs ?? untilMidnight(now),
        }),
      );
    }
    if (mode.requestsPerWindow !== undefined) {
      const windowMs = mode.windowMs ?? 60_000;
      if (windowStart === undefined || now >= windowStart + windowMs) {
        windowStart = now;
        usedInWindow = 0;
      }
      if (usedInWindow >= mode.requestsPerWindow) {
        return refuse(
          quotaBody({
            quotaId: mode.quotaId ?? 'GenerateRequestsPerMinutePerProjectPerModel-FreeTier',
            quotaValue: mode.requestsPerWindow,
            model,
            retryDelayMs: windowStart + windowMs - now,
          }),
        );
      }
      usedInWindow++;
    }
    usedToday++;
    admitted++;
    inFlight++;
    try {
      if (mode.answerDelayMs) await sleep(mode.answerDelayMs);
    } finally {
      // Free the place before answering: a client that sends its next request on the answer finds it free.
      inFlight--;
    }
    return true;
  }

  return { set, admit, stats: () => ({ admitted, refused, inFlight }) };
}

module.exports = { createQuota, protoDuration };
