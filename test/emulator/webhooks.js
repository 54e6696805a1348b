// @ts-check
'use strict';

// Google's webhooks, emulated.
//
// Shapes followed (read, not copied):
// - Webhooks API reference, https://ai.google.dev/api/webhooks (CreateWebhook `{name?, uri, subscribed_events}`;
//   the Webhook resource `{id, name, uri, subscribed_events, state, signing_secrets:[{truncated_secret,
//   expire_time}], new_signing_secret (create only), create_time, update_time}`; ListWebhooks
//   `{webhooks, next_page_token}`), and the @google/genai 3.1.0 client (`GeminiNextGenWebhooks`: paths
//   `/{api_version}/webhooks[/{id}]`, `/{id}:ping` → `{}`, `/{id}:rotateSigningSecret
//   {revocation_behavior}` → `{secret}`; `WebhookConfig {uris, user_metadata}` on a create request).
// - Deliveries of project webhooks: Standard Webhooks 1.0
//   (https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md): headers
//   `webhook-id`, `webhook-timestamp`, `webhook-signature: v1,<base64 HMAC-SHA256 of "id.timestamp.body">`
//   keyed with the base64-decoded secret after `whsec_`, one `v1,` entry per active secret.
// - Deliveries of per-request webhooks (`webhook_config.uris`): the Gemini API webhooks guide
//   (https://ai.google.dev/gemini-api/docs/webhooks) says they are signed with an RS256 JWT in
//   `webhook-signature`, verified with the keys at
//   https://generativelanguage.googleapis.com/.well-known/jwks.json.
// Not documented by Google, chosen here (see README): the JWT's claims (iss, aud = the URI called, iat,
// exp = iat + 5 min, jti = webhook-id), the event body `{type, version, timestamp, data:{id, status,
// user_metadata?}}`, the ping event's type (`webhook.ping`), the id format, and the events of
// `incomplete`/`budget_exceeded` runs (sent as `interaction.failed`).

const crypto = require('node:crypto');
const { ApiError, invalidRequest, notFound } = require('./errors');
const { sendJson, sleep } = require('./http');
const { newId, nowIso } = require('./ids');
const { makePageToken, readPageToken } = require('./paging');

const EVENTS = new Set([
  'batch.succeeded',
  'batch.cancelled',
  'batch.expired',
  'batch.failed',
  'interaction.requires_action',
  'interaction.completed',
  'interaction.failed',
  'interaction.cancelled',
  'video.generated',
]);

/** The event Google sends when an interaction reaches this status. */
const EVENT_OF_STATUS = /** @type {Record<string, string>} */ ({
  completed: 'interaction.completed',
  failed: 'interaction.failed',
  incomplete: 'interaction.failed',
  budget_exceeded: 'interaction.failed',
  cancelled: 'interaction.cancelled',
  requires_action: 'interaction.requires_action',
});

const WEBHOOK_PATH = /^.*?\/(v1|v1beta)\/webhooks(?:\/([^/:]+)(?::(ping|rotateSigningSecret))?)?\/?$/;

/** @param {string} pathname */
function parseWebhookRoute(pathname) {
  const m = WEBHOOK_PATH.exec(pathname);
  if (!m) return undefined;
  const [, apiVersion, id, action] = m;
  return { apiVersion: /** @type {'v1' | 'v1beta'} */ (apiVersion), id: id && decodeURIComponent(id), action };
}

const isJwksPath = (/** @type {string} */ pathname) => pathname.endsWith('/.well-known/jwks.json');

/** The key that signs per-request deliveries, published as a JWKS. */
function createJwtSigner() {
  const { privateKey, publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = newId('emu-', 8);
  const jwk = { ...publicKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' };
  /** @param {object} claims */
  function sign(claims) {
    const b64 = (/** @type {object} */ v) => Buffer.from(JSON.stringify(v)).toString('base64url');
    const input = `${b64({ alg: 'RS256', typ: 'JWT', kid })}.${b64(claims)}`;
    return `${input}.${crypto.sign('RSA-SHA256', Buffer.from(input), privateKey).toString('base64url')}`;
  }
  return { kid, jwks: () => ({ keys: [jwk] }), sign };
}

const newSecret = () => `whsec_${crypto.randomBytes(32).toString('base64')}`;

/**
 * @param {string} secret `whsec_…`
 * @param {string} id @param {number} timestamp @param {string} body
 */
function hmacSignature(secret, id, timestamp, body) {
  const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
  return `v1,${crypto.createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
}

/**
 * @typedef {object} StoredWebhook
 * @property {string} id
 * @property {string} scope
 * @property {any} resource the public fields
 * @property {{ secret: string, expires?: number }[]} secrets active signing secrets, newest first
 */

/**
 * @param {{ webhookRetryDelayMs: number, webhookMaxAttempts: number }} opts
 */
function createWebhookService(opts) {
  const signer = createJwtSigner();
  /** @type {Map<string, StoredWebhook>} */
  const hooks = new Map();
  /** @type {import('./index').WebhookDelivery[]} */
  const deliveries = [];
  /** @type {Set<Promise<void>>} */
  const pending = new Set();
  let duplicatesLeft = 0;
  let closed = false;

  /** @param {StoredWebhook} hook */
  function activeSecrets(hook) {
    const now = Date.now();
    hook.secrets = hook.secrets.filter((s) => s.expires === undefined || s.expires > now);
    return hook.secrets;
  }

  /** @param {StoredWebhook} hook */
  function render(hook) {
    const signing_secrets = activeSecrets(hook).map((s) => ({
      truncated_secret: `${s.secret.slice(0, 10)}…`,
      ...(s.expires ? { expire_time: new Date(s.expires).toISOString().replace(/\.\d{3}Z$/, 'Z') } : {}),
    }));
    return { ...hook.resource, signing_secrets };
  }

  /** @param {string} scope @param {string} id */
  function lookup(scope, id) {
    const hook = hooks.get(id);
    if (!hook || hook.scope !== scope) throw notFound(`Webhook ${id} not found`);
    return hook;
  }

  /** @param {any} body */
  function validateInput(body, partial = false) {
    if (!body || typeof body !== 'object') throw invalidRequest('The request body must be a Webhook.');
    if (!partial || body.uri !== undefined) {
      if (typeof body.uri !== 'string' || !/^https?:\/\//.test(body.uri)) throw invalidRequest('uri must be an http(s) URL.');
    }
    if (!partial || body.subscribed_events !== undefined) {
      const events = body.subscribed_events;
      if (!Array.isArray(events) || events.length === 0) throw invalidRequest('subscribed_events must list at least one event.');
      const unknown = events.find((e) => !EVENTS.has(e));
      if (unknown !== undefined) throw invalidRequest(`Unknown event "${unknown}" in subscribed_events.`);
    }
    if (body.name !== undefined && typeof body.name !== 'string') throw invalidRequest('name must be a string.');
  }

  /**
   * One delivery attempt loop: retries non-2xx answers and network errors with exponential backoff.
   * @param {{ uri: string, mode: 'jwt' | 'hmac', type: string, webhookId: string, body: string,
   *   headers: (timestamp: number) => Record<string, string>, interactionId?: string, hookId?: string }} job
   */
  async function deliver(job) {
    for (let attempt = 1; attempt <= opts.webhookMaxAttempts && !closed; attempt += 1) {
      const timestamp = Math.floor(Date.now() / 1000);
      /** @type {import('./index').WebhookDelivery} */
      const record = {
        webhookId: job.webhookId,
        uri: job.uri,
        mode: job.mode,
        type: job.type,
        interactionId: job.interactionId,
        hookId: job.hookId,
        attempt,
        status: null,
        body: JSON.parse(job.body),
        sentAt: Date.now(),
      };
      deliveries.push(record);
      try {
        const res = await fetch(job.uri, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'user-agent': 'Gemini-Webhooks-Emulator', ...job.headers(timestamp) },
          body: job.body,
          signal: AbortSignal.timeout(15000),
        });
        record.status = res.status;
        record.answeredMs = Date.now() - record.sentAt;
        record.response = (await res.text()).slice(0, 500);
        if (res.ok) return;
      } catch (err) {
        record.status = 0;
        record.response = /** @type {Error} */ (err).message;
      }
      await sleep(opts.webhookRetryDelayMs * 2 ** (attempt - 1));
    }
  }

  /** @param {Parameters<typeof deliver>[0]} job */
  function schedule(job) {
    const copies = duplicatesLeft > 0 ? 2 : 1;
    if (copies === 2) duplicatesLeft -= 1;
    for (let i = 0; i < copies; i += 1) {
      const p = deliver(job).finally(() => pending.delete(p));
      pending.add(p);
    }
  }

  /** @param {string} type @param {object} data */
  const eventBody = (type, data) => JSON.stringify({ type, version: 'v1', timestamp: nowIso(), data });

  /**
   * Called when a background interaction reaches a final (or requires_action) status.
   * @param {{ scope: string, interaction: { id: string, status: string }, webhookConfig?: any }} settled
   */
  function onInteractionSettled({ scope, interaction, webhookConfig }) {
    const type = EVENT_OF_STATUS[interaction.status];
    if (!type || !interaction.id) return;
    const data = {
      id: interaction.id,
      status: interaction.status,
      ...(webhookConfig?.user_metadata ? { user_metadata: webhookConfig.user_metadata } : {}),
    };
    const uris = webhookConfig?.uris;
    if (Array.isArray(uris) && uris.length > 0) {
      for (const uri of uris) {
        const webhookId = newId('msg_', 12);
        const body = eventBody(type, data);
        schedule({
          uri,
          mode: 'jwt',
          type,
          webhookId,
          body,
          interactionId: interaction.id,
          headers: (timestamp) => ({
            'webhook-id': webhookId,
            'webhook-timestamp': String(timestamp),
            'webhook-signature': signer.sign({
              iss: 'https://generativelanguage.googleapis.com',
              aud: uri,
              iat: timestamp,
              exp: timestamp + 300,
              jti: webhookId,
            }),
          }),
        });
      }
      return;
    }
    for (const hook of hooks.values()) {
      if (hook.scope !== scope || hook.resource.state !== 'enabled' || !hook.resource.subscribed_events.includes(type)) continue;
      sendSigned(hook, type, data);
    }
  }

  /** @param {StoredWebhook} hook @param {string} type @param {object} data */
  function sendSigned(hook, type, data) {
    const webhookId = newId('msg_', 12);
    const body = eventBody(type, data);
    schedule({
      uri: hook.resource.uri,
      mode: 'hmac',
      type,
      webhookId,
      body,
      hookId: hook.id,
      interactionId: /** @type {any} */ (data).id,
      headers: (timestamp) => ({
        'webhook-id': webhookId,
        'webhook-timestamp': String(timestamp),
        'webhook-signature': activeSecrets(hook)
          .map((s) => hmacSignature(s.secret, webhookId, timestamp, body))
          .join(' '),
      }),
    });
  }

  /**
   * /{v}/webhooks[/{id}[:ping|:rotateSigningSecret]]
   * @param {import('./http').Ctx} ctx
   * @param {{ id?: string, action?: string }} route
   */
  function handle(ctx, { id, action }) {
    const scope = 'gemini';
    const method = ctx.req.method;
    if (!id && method === 'POST') {
      validateInput(ctx.body);
      const hookId = newId('', 9).toLowerCase().replace(/[^a-z0-9]/g, 'x');
      const secret = newSecret();
      const now = nowIso();
      /** @type {StoredWebhook} */
      const hook = {
        id: hookId,
        scope,
        secrets: [{ secret }],
        resource: {
          id: hookId,
          ...(ctx.body.name !== undefined ? { name: ctx.body.name } : {}),
          uri: ctx.body.uri,
          subscribed_events: ctx.body.subscribed_events,
          state: 'enabled',
          create_time: now,
          update_time: now,
        },
      };
      hooks.set(hookId, hook);
      return sendJson(ctx, 200, { ...render(hook), new_signing_secret: secret });
    }
    if (!id && method === 'GET') {
      const all = [...hooks.values()].filter((h) => h.scope === scope);
      const size = Math.min(Number(ctx.url.searchParams.get('page_size') ?? 50) || 50, 100);
      const offset = readPageToken(ctx.url.searchParams.get('page_token'), 'interactions');
      const page = all.slice(offset, offset + size).map(render);
      return sendJson(ctx, 200, {
        webhooks: page,
        ...(offset + size < all.length ? { next_page_token: makePageToken(offset + size) } : {}),
      });
    }
    if (!id) throw new ApiError(405, `Method ${method} is not allowed on ${ctx.url.pathname}.`);
    const hook = lookup(scope, id);
    if (!action && method === 'GET') return sendJson(ctx, 200, render(hook));
    if (!action && method === 'PATCH') {
      validateInput(ctx.body, true);
      for (const field of ['name', 'uri', 'subscribed_events', 'state']) {
        if (ctx.body[field] !== undefined) hook.resource[field] = ctx.body[field];
      }
      hook.resource.update_time = nowIso();
      return sendJson(ctx, 200, render(hook));
    }
    if (!action && method === 'DELETE') {
      hooks.delete(id);
      return sendJson(ctx, 200, {});
    }
    if (action === 'ping' && method === 'POST') {
      sendSigned(hook, 'webhook.ping', { id: hook.id });
      return sendJson(ctx, 200, {});
    }
    if (action === 'rotateSigningSecret' && method === 'POST') {
      const behavior = ctx.body?.revocation_behavior ?? 'revoke_previous_secrets_after_h24';
      if (!['revoke_previous_secrets_after_h24', 'revoke_previous_secrets_immediately'].includes(behavior)) {
        throw invalidRequest(`Unknown revocation_behavior "${behavior}".`);
      }
      const secret = newSecret();
      const previous = behavior === 'revoke_previous_secrets_immediately' ? [] : activeSecrets(hook);
      const expires = Date.now() + 24 * 3600 * 1000;
      hook.secrets = [{ secret }, ...previous.map((s) => ({ secret: s.secret, expires: s.expires ?? expires }))];
      hook.resource.update_time = nowIso();
      return sendJson(ctx, 200, { secret });
    }
    throw new ApiError(405, `Method ${method} is not allowed on ${ctx.url.pathname}.`);
  }

  /** @param {import('./http').Ctx} ctx */
  const handleJwks = (ctx) => sendJson(ctx, 200, signer.jwks());

  return {
    handle,
    handleJwks,
    onInteractionSettled,
    deliveries,
    kid: signer.kid,
    signJwt: signer.sign,
    duplicateNext: (/** @type {number} */ count = 1) => void (duplicatesLeft += count),
    idle: async () => {
      while (pending.size) await Promise.all([...pending]);
    },
    close: () => void (closed = true),
  };
}

module.exports = { createWebhookService, parseWebhookRoute, isJwksPath, hmacSignature };
