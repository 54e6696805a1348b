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

/**
 * What an interaction needs to know about the agent it runs.
 * @typedef {import('./replies').Actor & { configType: string, needsBackground: boolean }} AgentActor
 */

/** Custom agents, kept per scope (Gemini API / express / each project+location). */
function createAgentStore() {
  /** @type {Map<string, Map<string, any>>} */
  const scopes = new Map();
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
    const agent = { ...body, create_time: nowIso() };
    agents.set(body.id, agent);
    sendJson(ctx, 200, agent);
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
   * @param {{ scope: string, id?: string }} route
   */
  function handle(ctx, { scope, id }) {
    const method = ctx.req.method;
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
