// @ts-check
'use strict';

const { ApiError, invalidRequest, notFound } = require('./errors');
const { sendJson } = require('./http');
const { isObject } = require('./content');
const { nowIso } = require('./ids');
const { makePageToken, readPageToken } = require('./paging');
const { rejectCamelCase } = require('./validate');

/** @type {Record<string, 'deep-research' | 'antigravity'>} */
const BUILT_IN_AGENTS = {
  'deep-research-preview-04-2026': 'deep-research',
  'deep-research-max-preview-04-2026': 'deep-research',
  'deep-research-pro-preview-12-2025': 'deep-research',
  'antigravity-preview-05-2026': 'antigravity',
  'antigravity-preview-09-2026': 'antigravity',
};
const AGENT_ID = /^[a-z][a-z0-9-]{0,62}$/;
/** Fields `PATCH agents/{id}` may change (the Agent resource of the wire reference §10.1). */
const UPDATABLE = ['description', 'system_instruction', 'tools', 'base_environment', 'agent_config'];

/**
 * What an interaction needs to know about the agent it runs.
 * @typedef {import('./replies').Actor & { configType: string, needsBackground: boolean }} AgentActor
 */

/** Custom agents, kept per scope (Gemini API / express / each project+location). */
function createAgentStore() {
  /** @type {Map<string, Map<string, any>>} */
  const scopes = new Map();
  /** Every state of each agent, oldest first, keyed by scope + id. @type {Map<string, any[]>} */
  const history = new Map();
  /** @param {string} scope @param {any} agent */
  function recordVersion(scope, agent) {
    const key = `${scope}\u0000${agent.id}`;
    const versions = history.get(key) ?? history.set(key, []).get(key) ?? [];
    versions.push({ ...agent, version: String(versions.length + 1), create_time: nowIso() });
  }
  /** @param {string} scope */
  const agentsOf = (scope) => scopes.get(scope) ?? scopes.set(scope, new Map()).get(scope) ?? new Map();

  /**
   * @param {string} scope @param {string} id
   * @returns {AgentActor}
   */
  function resolve(scope, id) {
    const builtIn = BUILT_IN_AGENTS[id];
    if (builtIn) return { kind: builtIn, name: id, tools: [], configType: builtIn, needsBackground: builtIn === 'deep-research' };
    const custom = agentsOf(scope).get(id);
    if (!custom) throw notFound(`Agent ${id} not found`);
    return {
      kind: 'antigravity',
      name: id,
      systemInstruction: custom.system_instruction,
      tools: Array.isArray(custom.tools) ? custom.tools : [],
      configType: 'antigravity',
      needsBackground: false,
    };
  }

  /** @param {import('./http').Ctx} ctx @param {string} scope @param {any} body */
  function create(ctx, scope, body) {
    if (!isObject(body)) throw invalidRequest('Request body must be a JSON object.');
    rejectCamelCase(body);
    if (typeof body.id !== 'string' || !AGENT_ID.test(body.id)) {
      throw invalidRequest('Agent id is required and must match ^[a-z][a-z0-9-]{0,62}$.');
    }
    if (BUILT_IN_AGENTS[body.base_agent] !== 'antigravity') {
      throw invalidRequest(
        `base_agent must be one of ${Object.keys(BUILT_IN_AGENTS).filter((k) => BUILT_IN_AGENTS[k] === 'antigravity').join(', ')}.`,
      );
    }
    const agents = agentsOf(scope);
    if (agents.has(body.id) || BUILT_IN_AGENTS[body.id]) throw new ApiError(409, `Agent ${body.id} already exists`);
    history.delete(`${scope}\u0000${body.id}`);
    const agent = { ...body, create_time: nowIso() };
    agents.set(body.id, agent);
    recordVersion(scope, agent);
    sendJson(ctx, 200, agent);
  }

  /**
   * PATCH agents/{id}?update_mask=a,b (Gemini Enterprise agents.patch: the body is an Agent, the
   * mask names the fields to change, no mask changes every field in the body; answers the agent).
   * @param {import('./http').Ctx} ctx @param {string} scope @param {string} id
   */
  function update(ctx, scope, id) {
    const agent = agentsOf(scope).get(id);
    if (!agent) throw notFound(`Agent ${id} not found`);
    const body = ctx.body;
    if (!isObject(body)) throw invalidRequest('Request body must be a JSON object.');
    rejectCamelCase(body);
    if (body.id !== undefined && body.id !== id) throw invalidRequest(`The agent id cannot be changed (${id} → ${body.id}).`);
    const q = ctx.url.searchParams;
    const rawMask = q.get('update_mask') ?? q.get('updateMask');
    const mask = rawMask === null ? Object.keys(body).filter((key) => key !== 'id') : rawMask.split(',').map((f) => f.trim()).filter(Boolean);
    const wrong = mask.find((field) => !UPDATABLE.includes(field));
    if (wrong !== undefined) throw invalidRequest(`update_mask field "${wrong}" cannot be updated; use ${UPDATABLE.join(', ')}.`);
    if (!mask.length) throw invalidRequest('Nothing to update: the body and update_mask name no field.');
    const updated = { ...agent, update_time: nowIso() };
    for (const field of mask) {
      if (body[field] === undefined) delete updated[field];
      else updated[field] = body[field];
    }
    agentsOf(scope).set(id, updated);
    recordVersion(scope, updated);
    sendJson(ctx, 200, updated);
  }

  /**
   * GET agents/{id}/versions: newest first, paged like the agent list. The shape of a version is
   * not in the SDK 3.1.0 types; here it is the agent as it was, plus `version` and `create_time`.
   * @param {import('./http').Ctx} ctx @param {string} scope @param {string} id
   */
  function versions(ctx, scope, id) {
    if (!agentsOf(scope).has(id)) throw notFound(`Agent ${id} not found`);
    const all = [...(history.get(`${scope}\u0000${id}`) ?? [])].reverse();
    const raw = ctx.url.searchParams.get('page_size');
    const pageSize = raw === null ? 10 : Number(raw);
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 100) throw invalidRequest('page_size must be between 1 and 100.');
    const start = readPageToken(ctx.url.searchParams.get('page_token'), 'interactions');
    const next = start + pageSize < all.length ? makePageToken(start + pageSize) : undefined;
    sendJson(ctx, 200, { versions: all.slice(start, start + pageSize), ...(next ? { next_page_token: next } : {}) });
  }

  /** @param {import('./http').Ctx} ctx @param {string} scope */
  function list(ctx, scope) {
    const raw = ctx.url.searchParams.get('page_size');
    const pageSize = raw === null ? 10 : Number(raw);
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 100) throw invalidRequest('page_size must be between 1 and 100.');
    const all = [...agentsOf(scope).values()];
    const start = readPageToken(ctx.url.searchParams.get('page_token'), 'interactions');
    const next = start + pageSize < all.length ? makePageToken(start + pageSize) : undefined;
    sendJson(ctx, 200, { agents: all.slice(start, start + pageSize), ...(next ? { next_page_token: next } : {}) });
  }

  /**
   * /{v}/agents[/{id}]
   * @param {import('./http').Ctx} ctx
   * @param {{ scope: string, id?: string, action?: string }} route
   */
  function handle(ctx, { scope, id, action }) {
    const method = ctx.req.method;
    if (id && action === 'versions' && method === 'GET') return versions(ctx, scope, id);
    if (action) throw new ApiError(405, `Method ${method} is not allowed on ${ctx.url.pathname}.`);
    if (id && method === 'PATCH') return update(ctx, scope, id);
    if (!id && method === 'POST') return create(ctx, scope, ctx.body);
    if (!id && method === 'GET') return list(ctx, scope);
    if (id && (method === 'GET' || method === 'DELETE')) {
      const agent = agentsOf(scope).get(id);
      if (!agent) throw notFound(`Agent ${id} not found`);
      if (method === 'DELETE') agentsOf(scope).delete(id);
      return sendJson(ctx, 200, method === 'GET' ? agent : {});
    }
    throw new ApiError(405, `Method ${method} is not allowed on ${ctx.url.pathname}.`);
  }

  return { resolve, handle };
}

module.exports = { createAgentStore, BUILT_IN_AGENTS };
