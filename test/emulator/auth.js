// @ts-check
'use strict';

const crypto = require('node:crypto');
const { ApiError } = require('./errors');

const MISSING_KEY =
  "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.";
const INVALID_KEY = 'API key not valid. Please pass a valid API key.';
const MISSING_TOKEN =
  'Request is missing required authentication credential. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.';
const INVALID_TOKEN =
  'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.';
const KEY_ON_ENTERPRISE =
  'API keys are not supported by this API. Expected OAuth2 access token or other authentication credentials that assert a principal. See https://cloud.google.com/docs/authentication';

/** @typedef {import('./index').AuthInfo} AuthInfo */

/**
 * API keys, static bearer tokens, and the tokens minted by the token endpoint.
 * @param {{ apiKeys: string[], accessTokens: string[], tokenTtlSeconds: number }} opts
 */
function createAuth(opts) {
  const apiKeys = new Set(opts.apiKeys);
  const staticTokens = new Set(opts.accessTokens);
  /** @type {Map<string, { principal: string, expiresAt: number }>} */
  const minted = new Map();

  /** @param {string} principal */
  function mint(principal) {
    const token = 'ya29.emu-' + crypto.randomBytes(30).toString('base64url');
    minted.set(token, { principal, expiresAt: Date.now() + opts.tokenTtlSeconds * 1000 });
    return { access_token: token, expires_in: opts.tokenTtlSeconds, token_type: 'Bearer' };
  }

  /**
   * @param {string} token
   * @returns {AuthInfo}
   */
  function checkBearer(token) {
    if (staticTokens.has(token)) return { scheme: 'bearer', valid: true };
    const grant = minted.get(token);
    if (!grant) return { scheme: 'bearer', valid: false };
    return { scheme: 'bearer', valid: grant.expiresAt > Date.now(), principal: grant.principal };
  }

  /**
   * Works out who is calling; records it on the log entry and throws the
   * Google-shaped 401/403 when the family's credential is missing or wrong.
   * @param {'gemini' | 'express' | 'enterprise'} family
   * @param {import('./http').Ctx} ctx
   */
  function authenticate(family, ctx) {
    const key = headerValue(ctx.req.headers['x-goog-api-key']);
    const bearer = /^bearer\s+(.+)$/i.exec(headerValue(ctx.req.headers.authorization) ?? '')?.[1]?.trim();
    const queryKey = ctx.url.searchParams.get('key');
    /** @type {AuthInfo} */
    let auth = { scheme: 'none', valid: false };
    if (family === 'enterprise') {
      if (bearer) auth = checkBearer(bearer);
    } else if (key) auth = { scheme: 'api-key', valid: apiKeys.has(key) };
    else if (queryKey) auth = { scheme: 'query-key', valid: apiKeys.has(queryKey) };
    else if (bearer) auth = checkBearer(bearer);
    ctx.entry.auth = auth;
    if (auth.valid) return auth;
    if (family === 'enterprise') {
      const message = bearer ? INVALID_TOKEN : key || queryKey ? KEY_ON_ENTERPRISE : MISSING_TOKEN;
      throw new ApiError(401, message, { style: 'classic' });
    }
    if (auth.scheme === 'none') throw new ApiError(403, MISSING_KEY, { style: 'classic' });
    throw new ApiError(401, auth.scheme === 'bearer' ? INVALID_TOKEN : INVALID_KEY, { style: 'classic' });
  }

  /** Who a minted token belongs to, while it is valid. @param {string} token */
  function principalOf(token) {
    const grant = minted.get(token);
    return grant && grant.expiresAt > Date.now() ? grant.principal : undefined;
  }

  return {
    mint,
    principalOf,
    authenticate,
    revokeTokens: () => minted.clear(),
  };
}

/** @param {string | string[] | undefined} value */
function headerValue(value) {
  return Array.isArray(value) ? value[0] : value;
}

module.exports = { createAuth };
