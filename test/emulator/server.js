// @ts-check
'use strict';

const { ApiError, invalidRequest } = require('./errors');
const { readBody, sendJson, sleep } = require('./http');
const { scanMedia } = require('./content');
const { applyFault } = require('./faults');
const { handleModels } = require('./models');
const { parseApiRoute, isTokenPath } = require('./routes');
const { parseIdentityRoute } = require('./identity');
const { handleControl } = require('./control');
const { parseWebhookRoute, isJwksPath } = require('./webhooks');
const { parseFileRoute } = require('./fileRoutes');

/**
 * @typedef {object} ServerDeps
 * @property {{ latencyMs: number, quiet: boolean }} opts
 * @property {ReturnType<import('./requestLog').createRequestLog>} log
 * @property {ReturnType<import('./faults').createFaults>} faults
 * @property {ReturnType<import('./quota').createQuota>} quota
 * @property {ReturnType<import('./auth').createAuth>} auth
 * @property {ReturnType<import('./oauth').createOAuth>} oauth
 * @property {ReturnType<import('./identity').createIdentity>} identity
 * @property {ReturnType<import('./interactions').createInteractionStore>} interactions
 * @property {ReturnType<import('./agents').createAgentStore>} agents
 * @property {ReturnType<import('./webhooks').createWebhookService>} webhooks
 * @property {ReturnType<import('./environments').createEnvironmentStore>} environments
 * @property {ReturnType<import('./filesApi').createFileStore>} files
 * @property {() => import('./index').Emulator} emulator
 */

/**
 * JSON bodies, or the token endpoint's form; `invalid` when JSON does not parse.
 * @param {Buffer} raw @param {string | undefined} contentType
 */
function parseBody(raw, contentType) {
  if (!raw.length) return { body: undefined, invalid: false };
  const text = raw.toString('utf8');
  if (contentType?.includes('application/x-www-form-urlencoded')) {
    return { body: Object.fromEntries(new URLSearchParams(text)), invalid: false };
  }
  try {
    return { body: JSON.parse(text), invalid: false };
  } catch {
    return { body: undefined, invalid: true };
  }
}

/** @param {ServerDeps} deps */
function createRequestHandler(deps) {
  const { opts, log } = deps;

  /**
   * @param {import('./http').Ctx} ctx
   * @param {import('./routes').ApiRoute | import('./fileRoutes').FileRoute | undefined} route
   * @param {boolean} isToken
   * @param {boolean} invalidJson
   * @param {import('./identity').IdentityRoute} [identityRoute]
   */
  async function dispatch(ctx, route, isToken, invalidJson, identityRoute) {
    if (opts.latencyMs) await sleep(opts.latencyMs);
    if (identityRoute) ctx.entry.family = identityRoute.kind;
    const fault = deps.faults.take(ctx);
    // Tokens running out while a batch is in flight: every token minted so far stops working now.
    if (fault?.revokeTokens) deps.auth.revokeTokens();
    const faultStyle = isToken || identityRoute?.kind === 'sts' ? 'oauth' : identityRoute ? 'classic' : 'interactions';
    if (fault && (await applyFault(ctx, fault, faultStyle))) return;
    if (identityRoute) return deps.identity.handle(ctx, identityRoute);
    if (isToken) return deps.oauth.handleToken(ctx);
    if (!route && isJwksPath(ctx.url.pathname) && ctx.req.method === 'GET') return deps.webhooks.handleJwks(ctx);
    const webhookRoute = route ? undefined : parseWebhookRoute(ctx.url.pathname);
    if (webhookRoute) {
      Object.assign(ctx.entry, { family: 'gemini', apiVersion: webhookRoute.apiVersion });
      deps.auth.authenticate('gemini', ctx);
      if (invalidJson) throw invalidRequest('Invalid JSON payload received.');
      return deps.webhooks.handle(ctx, webhookRoute);
    }
    if (!route) throw new ApiError(404, `No route for ${ctx.req.method} ${ctx.url.pathname}.`, { style: 'classic' });
    const { family, apiVersion, project, location } = route;
    Object.assign(ctx.entry, { family, apiVersion }, project ? { project, location } : {});
    deps.auth.authenticate(family, ctx);
    if (invalidJson) throw invalidRequest('Invalid JSON payload received.');
    if (!(await deps.quota.admit(ctx))) return;
    switch (route.resource) {
      case 'interactions':
        return deps.interactions.handle(ctx, route);
      case 'agents':
        return deps.agents.handle(ctx, route);
      case 'environments':
        return deps.environments.handle(ctx, /** @type {import('./fileRoutes').FileRoute} */ (route));
      case 'files':
        return deps.files.handle(ctx, /** @type {import('./fileRoutes').FileRoute} */ (route));
      default:
        return handleModels(ctx, { vertex: route.resource === 'publisherModels', id: route.id });
    }
  }

  /** @param {import('./http').Ctx} ctx @param {unknown} err */
  function fail(ctx, err) {
    if (ctx.res.headersSent) {
      ctx.res.destroy();
      return;
    }
    if (err instanceof ApiError) {
      sendJson(ctx, err.status, err.toBody());
      return;
    }
    if (!opts.quiet) console.error('[emulator] internal error:', err);
    sendJson(ctx, 500, { error: { message: 'Internal emulator error.', code: 'internal' } });
  }

  /**
   * @param {import('node:http').IncomingMessage} req
   * @param {import('node:http').ServerResponse} res
   */
  async function handleRequest(req, res) {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname.startsWith('/__emulator/')) return handleControl(req, res, url.pathname, deps.emulator());
    const rawBody = await readBody(req);
    const identityRoute = parseIdentityRoute(url.pathname);
    const route = identityRoute ? undefined : (parseApiRoute(url.pathname) ?? parseFileRoute(url.pathname));
    // The chunks of a resumable upload are file bytes, not JSON.
    const isUploadChunk = url.searchParams.has('upload_id') && route !== undefined && 'upload' in route && route.upload;
    const { body, invalid } = isUploadChunk ? { body: undefined, invalid: false } : parseBody(rawBody, req.headers['content-type']);
    const media = body && typeof body === 'object' && 'input' in body ? scanMedia(body.input) : undefined;
    const isToken = !route && !identityRoute && isTokenPath(url.pathname);
    const { entry, end } = log.start(req, url, { body, bytes: rawBody.length, counted: !isToken && !identityRoute });
    entry.media = media?.media ?? [];
    res.on('close', () => {
      end();
      if (!opts.quiet) console.log(`[emulator] ${entry.method} ${entry.url} -> ${entry.status} (${Date.now() - entry.startedAt} ms)`);
    });
    /** @type {import('./http').Ctx} */
    const ctx = { req, res, entry, url, body, rawBody, media };
    try {
      await dispatch(ctx, route, isToken, invalid, identityRoute);
    } catch (err) {
      fail(ctx, err);
    }
  }

  // node:http ignores the handler's promise; a client aborting mid-body must not
  // become an unhandled rejection in the process hosting the emulator.
  return (/** @type {import('node:http').IncomingMessage} */ req, /** @type {import('node:http').ServerResponse} */ res) => {
    handleRequest(req, res).catch((err) => {
      if (!opts.quiet) console.error('[emulator] request failed:', err);
      res.destroy();
    });
  };
}

module.exports = { createRequestHandler };
