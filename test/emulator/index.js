// @ts-check
'use strict';

const http = require('node:http');
const { createAgentStore } = require('./agents');
const { createAuth } = require('./auth');
const { createFaults } = require('./faults');
const { createInteractionStore } = require('./interactions');
const { createIdentity } = require('./identity');
const { createOAuth } = require('./oauth');
const { createQuota } = require('./quota');
const { createRequestLog } = require('./requestLog');
const { createRequestHandler } = require('./server');
const { createWebhookService } = require('./webhooks');
const { createUploadSessions } = require('./uploadSessions');
const { createEnvironmentStore, DAY_MS } = require('./environments');
const { createFileStore } = require('./filesApi');

/** @type {Required<import('./index').EmulatorOptions>} */
const DEFAULTS = {
  port: 0,
  apiKeys: ['test-api-key'],
  accessTokens: ['static-token'],
  backgroundDurationMs: 1500,
  tokenTtlSeconds: 3599,
  streamChunkDelayMs: 5,
  sseKeepaliveMs: 1000,
  latencyMs: 0,
  quiet: true,
  webhookRetryDelayMs: 200,
  webhookMaxAttempts: 5,
  environmentIdleMs: 7 * DAY_MS,
  fileProcessingMs: 300,
  metadataProject: 'emulator-project',
  metadataServiceAccount: 'emulator-runtime@emulator-project.iam.gserviceaccount.com',
  subjectTokenTtlSeconds: 3600,
};

/**
 * Starts the Gemini Interactions/Agents API emulator on 127.0.0.1.
 * @param {import('./index').EmulatorOptions} [options]
 * @returns {Promise<import('./index').Emulator>}
 */
async function startEmulator(options = {}) {
  const opts = { ...DEFAULTS, ...options };
  let url = '';
  const auth = createAuth(opts);
  const identity = createIdentity({ ...opts, mint: auth.mint, principalOf: auth.principalOf, url: () => url });
  const oauth = createOAuth({ mint: auth.mint, tokenUrl: () => `${url}/token`, refreshGrant: identity.refreshGrant });
  const agents = createAgentStore();
  const webhooks = createWebhookService(opts);
  const uploads = createUploadSessions();
  const environments = createEnvironmentStore(opts, uploads);
  const files = createFileStore(opts, uploads);
  const interactions = createInteractionStore(opts, agents, { environments, files }, { onSettled: webhooks.onInteractionSettled });
  const faults = createFaults();
  const quota = createQuota();
  const log = createRequestLog();

  /** @type {import('./index').Emulator} */
  const emulator = {
    get url() {
      return url;
    },
    get tokenUrl() {
      return `${url}/token`;
    },
    get requests() {
      return log.entries;
    },
    get maxInFlight() {
      return log.maxInFlight;
    },
    get jwksUrl() {
      return `${url}/.well-known/jwks.json`;
    },
    get webhookDeliveries() {
      return webhooks.deliveries;
    },
    duplicateWebhookDeliveries: (count) => webhooks.duplicateNext(count),
    webhooksIdle: () => webhooks.idle(),
    signWebhookJwt: (claims) => webhooks.signJwt(claims),
    clearRequests: () => log.clear(),
    createServiceAccountKey: (o) => oauth.createServiceAccountKey(o),
    registerServiceAccount: (email, pem) => oauth.registerServiceAccount(email, pem),
    revokeTokens: () => auth.revokeTokens(),
    createAuthorizedUser: (o) => identity.createAuthorizedUser(o),
    createExternalAccount: (o) => identity.createExternalAccount(o),
    addImpersonationTarget: (email) => identity.addImpersonationTarget(email),
    addFault: (fault) => faults.add(fault),
    clearFaults: () => faults.clear(),
    setQuota: (mode) => quota.set(mode),
    get quotaStats() {
      return quota.stats();
    },
    environments: {
      expire: (id) => environments.expire(id),
      advanceClock: (ms) => environments.advanceClock(ms),
      putFile: (id, path, file) => environments.putFile(id, path, file),
    },
    close: () =>
      new Promise((resolve) => {
        interactions.close();
        webhooks.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };

  const server = http.createServer(
    createRequestHandler({ opts, log, faults, quota, auth, oauth, identity, interactions, agents, webhooks, environments, files, emulator: () => emulator }),
  );
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, '127.0.0.1', () => resolve(undefined));
  });
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  url = `http://127.0.0.1:${address.port}`;
  return emulator;
}

module.exports = { startEmulator };
