// @ts-check
'use strict';

const { readBody } = require('./http');

/**
 * The out-of-process control API under /__emulator/ (not logged).
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {string} pathname
 * @param {import('./index').Emulator} emu
 */
async function handleControl(req, res, pathname, emu) {
  const raw = (await readBody(req)).toString('utf8');
  /** @param {number} status @param {unknown} body */
  const reply = (status, body) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8' });
    res.end(JSON.stringify(body));
  };
  let body;
  try {
    body = raw ? JSON.parse(raw) : {};
  } catch {
    return reply(400, { error: 'invalid JSON' });
  }
  const route = `${req.method} ${pathname.replace(/\/$/, '')}`;
  switch (route) {
    case 'GET /__emulator/health':
      return reply(200, { ok: true, url: emu.url, requests: emu.requests.length, maxInFlight: emu.maxInFlight });
    case 'GET /__emulator/requests':
      return reply(200, emu.requests);
    case 'DELETE /__emulator/requests':
      emu.clearRequests();
      return reply(200, {});
    case 'POST /__emulator/faults':
      try {
        emu.addFault(body);
      } catch (err) {
        return reply(400, { error: `bad fault: ${/** @type {Error} */ (err).message}` });
      }
      return reply(200, {});
    case 'DELETE /__emulator/faults':
      emu.clearFaults();
      return reply(200, {});
    case 'POST /__emulator/quota':
      emu.setQuota(body);
      return reply(200, {});
    case 'DELETE /__emulator/quota':
      emu.setQuota(null);
      return reply(200, {});
    case 'GET /__emulator/quota':
      return reply(200, emu.quotaStats);
    case 'POST /__emulator/revoke-tokens':
      emu.revokeTokens();
      return reply(200, {});
    case 'GET /__emulator/webhook-deliveries':
      return reply(200, emu.webhookDeliveries);
    case 'POST /__emulator/webhook-duplicates':
      emu.duplicateWebhookDeliveries(Number(body.count ?? 1));
      return reply(200, {});
    case 'POST /__emulator/environments/expire':
      emu.environments.expire(String(body.id));
      return reply(200, {});
    case 'POST /__emulator/environments/advance-clock':
      emu.environments.advanceClock(Number(body.ms) || 0);
      return reply(200, {});
    case 'POST /__emulator/environments/files':
      return reply(200, emu.environments.putFile(String(body.environmentId), String(body.path), body));
    case 'POST /__emulator/service-accounts':
      return reply(200, emu.createServiceAccountKey(body));
    case 'POST /__emulator/authorized-users':
      return reply(200, emu.createAuthorizedUser(body));
    case 'POST /__emulator/external-accounts':
      return reply(200, emu.createExternalAccount(body));
    default:
      return reply(404, { error: `unknown control route ${route}` });
  }
}

module.exports = { handleControl };
