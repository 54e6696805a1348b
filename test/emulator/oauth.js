// @ts-check
'use strict';

const crypto = require('node:crypto');
const { ApiError } = require('./errors');
const { sendJson } = require('./http');

const CLOUD_PLATFORM = 'https://www.googleapis.com/auth/cloud-platform';
const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
const CLOCK_SKEW_S = 60;
const BAD_SIGNATURE = 'Invalid JWT Signature.';
const BAD_TIMEFRAME =
  'Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values in the JWT claim.';

/** @param {string} error @param {string} description */
const oauthError = (error, description) => new ApiError(400, description, { style: 'oauth', code: error });

/**
 * The OAuth side of the emulator: registered service accounts and the
 * `POST /token` JWT-bearer grant.
 * @param {{ mint: (principal: string) => object, tokenUrl: () => string, refreshGrant: (ctx: import('./http').Ctx, form: Record<string, string>) => void }} deps
 */
function createOAuth(deps) {
  /** @type {Map<string, crypto.KeyObject>} */
  const publicKeys = new Map();
  let accountCount = 0;

  /** @param {string} clientEmail @param {string} publicKeyPem */
  function registerServiceAccount(clientEmail, publicKeyPem) {
    publicKeys.set(clientEmail, crypto.createPublicKey(publicKeyPem));
  }

  /** @param {{ projectId?: string, clientEmail?: string }} [opts] */
  function createServiceAccountKey(opts = {}) {
    const projectId = opts.projectId ?? 'emulator-project';
    accountCount += 1;
    const clientEmail = opts.clientEmail ?? `emulator-sa-${accountCount}@${projectId}.iam.gserviceaccount.com`;
    const { privateKey, publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
    registerServiceAccount(clientEmail, publicKey.export({ type: 'spki', format: 'pem' }).toString());
    return {
      type: /** @type {const} */ ('service_account'),
      project_id: projectId,
      private_key_id: crypto.randomBytes(20).toString('hex'),
      private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      client_email: clientEmail,
      client_id: String(100000000000000000000n + BigInt(crypto.randomInt(1, 2 ** 47))),
      auth_uri: 'https://accounts.google.com/o/oauth2/auth',
      token_uri: deps.tokenUrl(),
      auth_provider_x509_cert_url: 'https://www.googleapis.com/oauth2/v1/certs',
      client_x509_cert_url: `https://www.googleapis.com/robot/v1/metadata/x509/${encodeURIComponent(clientEmail)}`,
      universe_domain: 'googleapis.com',
    };
  }

  /**
   * @param {string} assertion
   * @param {string[]} audiences token URLs that count as this endpoint
   * @returns {string} the verified client_email
   */
  function verifyAssertion(assertion, audiences) {
    const parts = assertion.split('.');
    const [header, payload] = parts.slice(0, 2).map(decodeSegment);
    if (parts.length !== 3 || !header || !payload) throw oauthError('invalid_grant', 'Invalid JWT: malformed assertion.');
    if (header.alg !== 'RS256') throw oauthError('invalid_grant', BAD_SIGNATURE);
    const key = typeof payload.iss === 'string' ? publicKeys.get(payload.iss) : undefined;
    if (!key) throw oauthError('invalid_grant', 'Invalid grant: account not found');
    const signed = Buffer.from(`${parts[0]}.${parts[1]}`);
    if (!crypto.verify('RSA-SHA256', signed, key, Buffer.from(parts[2], 'base64url'))) {
      throw oauthError('invalid_grant', BAD_SIGNATURE);
    }
    if (!audiences.includes(payload.aud)) {
      throw oauthError('invalid_grant', `Invalid JWT: Failed audience check. The expected audience is ${audiences[0]}.`);
    }
    const now = Date.now() / 1000;
    const { iat, exp } = payload;
    const timely =
      typeof iat === 'number' && typeof exp === 'number' &&
      iat <= now + CLOCK_SKEW_S && exp > now - CLOCK_SKEW_S && exp - iat <= 3600 && exp > iat;
    if (!timely) throw oauthError('invalid_grant', BAD_TIMEFRAME);
    const scopes = typeof payload.scope === 'string' ? payload.scope.split(/\s+/) : [];
    if (!scopes.includes(CLOUD_PLATFORM)) {
      throw oauthError('invalid_scope', 'Invalid OAuth scope or ID token audience provided.');
    }
    return payload.iss;
  }

  /** @param {import('./http').Ctx} ctx */
  function handleToken(ctx) {
    ctx.entry.family = 'oauth';
    if (ctx.req.method !== 'POST') throw new ApiError(405, 'Method not allowed', { style: 'oauth', code: 'invalid_request' });
    const form = ctx.body && typeof ctx.body === 'object' ? ctx.body : {};
    if (form.grant_type === 'refresh_token') return deps.refreshGrant(ctx, form);
    if (form.grant_type !== JWT_BEARER) {
      throw oauthError('unsupported_grant_type', `Invalid grant_type: ${form.grant_type ?? ''}`);
    }
    if (typeof form.assertion !== 'string' || !form.assertion) {
      throw oauthError('invalid_request', 'Missing required parameter: assertion');
    }
    const here = `http://${ctx.req.headers.host}${ctx.url.pathname}`;
    const principal = verifyAssertion(form.assertion, [deps.tokenUrl(), here]);
    ctx.entry.auth = { scheme: 'none', valid: true, principal };
    sendJson(ctx, 200, deps.mint(principal));
  }

  return { registerServiceAccount, createServiceAccountKey, handleToken };
}

/** @param {string | undefined} segment */
function decodeSegment(segment) {
  try {
    const value = JSON.parse(Buffer.from(segment ?? '', 'base64url').toString('utf8'));
    return value && typeof value === 'object' ? value : undefined;
  } catch {
    return undefined;
  }
}

module.exports = { createOAuth };
