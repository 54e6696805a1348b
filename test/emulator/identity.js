// @ts-check
'use strict';

// Google's identity endpoints that the enterprise sign-in methods talk to, next to the JWT-bearer
// token endpoint in oauth.js. Wire shapes learned from (read, not copied):
// - OAuth refresh grant: google-auth-library src/auth/oauth2client.ts (refreshTokenNoCache) and
//   refreshclient.ts; RFC 6749 §6 and §5.2 for the `{error, error_description}` refusal.
// - Metadata server: gcp-metadata src/index.ts (`Metadata-Flavor: Google`, /computeMetadata/v1,
//   GCE_METADATA_HOST) and google-auth-library src/auth/computeclient.ts;
//   https://cloud.google.com/compute/docs/metadata/querying-metadata (403 without the header).
// - STS: google-auth-library src/auth/stscredentials.ts and identitypoolclient.ts /
//   urlsubjecttokensupplier.ts; https://cloud.google.com/iam/docs/reference/sts/rest/v1/TopLevel/token
//   (RFC 8693 form; OAuth-style errors).
// - IAM generateAccessToken: google-auth-library src/auth/impersonated.ts;
//   https://cloud.google.com/iam/docs/reference/credentials/rest/v1/projects.serviceAccounts/generateAccessToken
//   (`{scope, lifetime}` → `{accessToken, expireTime}`; classic `{error:{code,message,status}}`).

const crypto = require('node:crypto');
const { ApiError } = require('./errors');
const { sendJson } = require('./http');

const CLOUD_PLATFORM = 'https://www.googleapis.com/auth/cloud-platform';
const TOKEN_EXCHANGE = 'urn:ietf:params:oauth:grant-type:token-exchange';
const ACCESS_TOKEN_TYPE = 'urn:ietf:params:oauth:token-type:access_token';
const SUBJECT_TOKEN_TYPES = ['urn:ietf:params:oauth:token-type:jwt', 'urn:ietf:params:oauth:token-type:id_token'];
const DENIED = "Permission 'iam.serviceAccounts.getAccessToken' denied on resource (or it may not exist).";
/** Google's answer to a bearer token it does not accept (same words as auth.js). */
const INVALID_TOKEN =
  'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.';

/** The paths served here; everything else falls through to the API and /token routes. */
const IDENTITY_PATH =
  /^(?:\/computeMetadata\/v1\/(?<metadata>.+)|\/v1\/token|\/external-idp\/token|\/v1\/projects\/-\/serviceAccounts\/(?<target>[^/:]+):generateAccessToken)$/;

/**
 * @typedef {{ kind: 'metadata', path: string } | { kind: 'sts' } | { kind: 'idp' } | { kind: 'iam', target: string }} IdentityRoute
 * @param {string} pathname
 * @returns {IdentityRoute | undefined}
 */
function parseIdentityRoute(pathname) {
  const m = IDENTITY_PATH.exec(pathname);
  if (!m) return undefined;
  if (m.groups?.metadata !== undefined) return { kind: 'metadata', path: m.groups.metadata };
  if (m.groups?.target !== undefined) return { kind: 'iam', target: decodeURIComponent(m.groups.target) };
  return pathname === '/v1/token' ? { kind: 'sts' } : { kind: 'idp' };
}

/** @param {string} error @param {string} description @param {number} [status] */
const oauthError = (error, description, status = 400) => new ApiError(status, description, { style: 'oauth', code: error });
/** @param {number} status @param {string} message */
const classic = (status, message) => new ApiError(status, message, { style: 'classic' });

/** @param {number} bytes */
const random = (bytes) => crypto.randomBytes(bytes).toString('base64url');

/**
 * @param {{
 *   mint: (principal: string) => { access_token: string, expires_in: number, token_type: string },
 *   principalOf: (token: string) => string | undefined,
 *   url: () => string,
 *   metadataProject: string,
 *   metadataServiceAccount: string,
 *   subjectTokenTtlSeconds: number,
 * }} deps
 */
function createIdentity(deps) {
  /** @type {Map<string, { clientId: string, clientSecret: string, principal: string }>} refresh token → user */
  const users = new Map();
  /** @type {Map<string, { subject: string, expiresAt: number }>} subject tokens the fake IdP issued */
  const subjectTokens = new Map();
  /** Service accounts that generateAccessToken may be called for. */
  const impersonationTargets = new Set([`impersonated@${deps.metadataProject}.iam.gserviceaccount.com`]);
  let userCount = 0;
  let providerCount = 0;

  /** @param {{ quotaProjectId?: string }} [opts] */
  function createAuthorizedUser(opts = {}) {
    userCount += 1;
    const user = {
      clientId: `${100000 + userCount}-emulator.apps.googleusercontent.com`,
      clientSecret: `GOCSPX-${random(18)}`,
      principal: `user${userCount}@example.com`,
    };
    const refreshToken = `1//emu-${random(40)}`;
    users.set(refreshToken, user);
    return {
      account: '',
      client_id: user.clientId,
      client_secret: user.clientSecret,
      ...(opts.quotaProjectId ? { quota_project_id: opts.quotaProjectId } : {}),
      refresh_token: refreshToken,
      // gcloud writes no token_uri (Google's is implied); the sign-in honours one, so tests point it here.
      token_uri: `${deps.url()}/token`,
      type: /** @type {const} */ ('authorized_user'),
      universe_domain: 'googleapis.com',
    };
  }

  /**
   * An `external_account` configuration whose subject token comes from this emulator's fake IdP.
   * @param {{ format?: 'text' | 'json', impersonate?: string, quotaProjectId?: string }} [opts]
   */
  function createExternalAccount(opts = {}) {
    const format = opts.format ?? 'json';
    providerCount += 1;
    const audience = `//iam.googleapis.com/projects/123456789/locations/global/workloadIdentityPools/emu-pool/providers/emu-provider-${providerCount}`;
    return {
      type: /** @type {const} */ ('external_account'),
      audience,
      subject_token_type: 'urn:ietf:params:oauth:token-type:jwt',
      token_url: `${deps.url()}/v1/token`,
      credential_source: {
        url: `${deps.url()}/external-idp/token?format=${format}`,
        headers: { Metadata: 'True' },
        format: format === 'json' ? { type: 'json', subject_token_field_name: 'access_token' } : { type: 'text' },
      },
      ...(opts.impersonate
        ? { service_account_impersonation_url: `${deps.url()}/v1/projects/-/serviceAccounts/${opts.impersonate}:generateAccessToken` }
        : {}),
      ...(opts.quotaProjectId ? { quota_project_id: opts.quotaProjectId } : {}),
      universe_domain: 'googleapis.com',
    };
  }

  /** The refresh-token grant of POST /token. @param {import('./http').Ctx} ctx @param {Record<string, string>} form */
  function refreshGrant(ctx, form) {
    const missing = ['client_id', 'client_secret', 'refresh_token'].find((field) => !form[field]);
    if (missing) throw oauthError('invalid_request', `Missing required parameter: ${missing}`);
    const user = users.get(form.refresh_token);
    if (!user || user.clientId !== form.client_id) throw oauthError('invalid_grant', 'Bad Request');
    if (user.clientSecret !== form.client_secret) throw oauthError('invalid_client', 'Unauthorized', 401);
    ctx.entry.auth = { scheme: 'none', valid: true, principal: user.principal };
    sendJson(ctx, 200, { ...deps.mint(user.principal), scope: CLOUD_PLATFORM });
  }

  /** @param {import('./http').Ctx} ctx @param {string} path */
  function metadata(ctx, path) {
    // The real server answers 403 with a plain-text page when the header is missing.
    if (ctx.req.headers['metadata-flavor'] !== 'Google') {
      ctx.entry.status = 403;
      ctx.res.writeHead(403, { 'content-type': 'text/html; charset=UTF-8' });
      ctx.res.end('Missing required header: Metadata-Flavor');
      return;
    }
    ctx.entry.auth = { scheme: 'none', valid: true, principal: deps.metadataServiceAccount };
    const text = (/** @type {string} */ body) => {
      ctx.entry.status = 200;
      ctx.res.writeHead(200, { 'content-type': 'application/text', 'metadata-flavor': 'Google' });
      ctx.res.end(body);
    };
    switch (path) {
      case 'instance/service-accounts/default/token':
        return sendJson(ctx, 200, deps.mint(deps.metadataServiceAccount), { 'metadata-flavor': 'Google' });
      case 'instance/service-accounts/default/email':
        return text(deps.metadataServiceAccount);
      case 'project/project-id':
        return text(deps.metadataProject);
      case 'project/numeric-project-id':
        return text('123456789');
      default:
        ctx.entry.status = 404;
        ctx.res.writeHead(404, { 'content-type': 'text/html; charset=UTF-8' });
        ctx.res.end('Not Found');
    }
  }

  /** A fake identity provider serving subject tokens, like Azure's IMDS or an OIDC endpoint. @param {import('./http').Ctx} ctx */
  function issueSubjectToken(ctx) {
    if (ctx.req.headers.metadata !== 'True') throw classic(400, 'Required metadata header not specified');
    const token = `emu-oidc.${random(24)}`;
    const subject = `workload-${subjectTokens.size + 1}`;
    subjectTokens.set(token, { subject, expiresAt: Date.now() + deps.subjectTokenTtlSeconds * 1000 });
    ctx.entry.auth = { scheme: 'none', valid: true, principal: subject };
    if (ctx.url.searchParams.get('format') === 'text') {
      ctx.entry.status = 200;
      ctx.res.writeHead(200, { 'content-type': 'text/plain' });
      ctx.res.end(token);
      return;
    }
    sendJson(ctx, 200, { access_token: token, expires_in: String(deps.subjectTokenTtlSeconds), token_type: 'Bearer' });
  }

  /** RFC 8693 token exchange at STS. @param {import('./http').Ctx} ctx */
  function exchange(ctx) {
    ctx.entry.family = 'sts';
    const form = ctx.body && typeof ctx.body === 'object' ? ctx.body : {};
    if (form.grant_type !== TOKEN_EXCHANGE) throw oauthError('unsupported_grant_type', `Unsupported grant_type: ${form.grant_type ?? ''}`);
    if (form.requested_token_type !== ACCESS_TOKEN_TYPE) {
      throw oauthError('invalid_request', 'Invalid value for "requested_token_type".');
    }
    if (!SUBJECT_TOKEN_TYPES.includes(form.subject_token_type)) {
      throw oauthError('invalid_request', 'Invalid value for "subject_token_type".');
    }
    if (typeof form.audience !== 'string' || !form.audience.startsWith('//iam.googleapis.com/')) {
      throw oauthError('invalid_target', 'The target service indicated by the "audience" parameters is invalid.');
    }
    if (!String(form.scope ?? '').split(/\s+/).includes(CLOUD_PLATFORM)) {
      throw oauthError('invalid_scope', 'Invalid value for "scope".');
    }
    const issued = subjectTokens.get(String(form.subject_token ?? ''));
    if (!issued || issued.expiresAt <= Date.now()) {
      throw oauthError('invalid_grant', 'The given subject token is invalid or has expired.');
    }
    const principal = `principal://iam.googleapis.com/${form.audience.slice('//iam.googleapis.com/'.length)}/subject/${issued.subject}`;
    ctx.entry.auth = { scheme: 'none', valid: true, principal };
    const { access_token, expires_in, token_type } = deps.mint(principal);
    sendJson(ctx, 200, { access_token, issued_token_type: ACCESS_TOKEN_TYPE, token_type, expires_in });
  }

  /** @param {import('./http').Ctx} ctx @param {string} target */
  function generateAccessToken(ctx, target) {
    ctx.entry.family = 'iam';
    const bearer = /^bearer\s+(.+)$/i.exec(String(ctx.req.headers.authorization ?? ''))?.[1]?.trim();
    const caller = bearer ? deps.principalOf(bearer) : undefined;
    ctx.entry.auth = { scheme: bearer ? 'bearer' : 'none', valid: Boolean(caller), ...(caller ? { principal: caller } : {}) };
    if (!caller) throw classic(401, INVALID_TOKEN);
    if (!impersonationTargets.has(target)) throw classic(403, DENIED);
    const body = ctx.body && typeof ctx.body === 'object' ? ctx.body : {};
    if (!Array.isArray(body.scope) || body.scope.length === 0) throw classic(400, 'Scope is required.');
    const lifetime = /^(\d+)s$/.exec(String(body.lifetime ?? '3600s'));
    if (!lifetime || Number(lifetime[1]) > 3600) {
      throw classic(400, 'Lifetime must be less than or equal to 3600 seconds (1 hour).');
    }
    const minted = deps.mint(target);
    sendJson(ctx, 200, {
      accessToken: minted.access_token,
      expireTime: new Date(Date.now() + Math.min(minted.expires_in, Number(lifetime[1])) * 1000).toISOString().replace(/\.\d+Z$/, 'Z'),
    });
  }

  /** @param {import('./http').Ctx} ctx @param {IdentityRoute} route */
  function handle(ctx, route) {
    ctx.entry.family = route.kind === 'idp' ? 'idp' : route.kind;
    if (route.kind === 'metadata') {
      if (ctx.req.method !== 'GET') throw classic(405, 'Method not allowed');
      return metadata(ctx, route.path);
    }
    if (route.kind === 'idp') return issueSubjectToken(ctx);
    if (ctx.req.method !== 'POST') throw classic(405, 'Method not allowed');
    return route.kind === 'sts' ? exchange(ctx) : generateAccessToken(ctx, route.target);
  }

  return {
    createAuthorizedUser,
    createExternalAccount,
    addImpersonationTarget: (/** @type {string} */ email) => impersonationTargets.add(email),
    refreshGrant,
    handle,
  };
}

module.exports = { createIdentity, parseIdentityRoute };
