// @ts-check
'use strict';

const { ApiError, invalidRequest, notFound } = require('./errors');
const { sendJson } = require('./http');
const { inputToSteps, userTexts } = require('./content');
const { newId, newInteractionId, nowIso } = require('./ids');
const { resolveInteractionModel } = require('./models');
const { planTurn } = require('./replies');
const { Timeline, stepEvents, streamTimeline } = require('./sse');
const { validateCreate } = require('./validate');
const { createContinuations } = require('./continuation');
const { checkThoughtSignatures } = require('./functions');

/** @param {any[]} steps */
const outputTextOf = (steps) =>
  steps
    .filter((s) => s.type === 'model_output')
    .flatMap((s) => s.content ?? [])
    .filter((c) => c.type === 'text')
    .map((c) => c.text)
    .join('\n');

const RUNNING = new Set(['in_progress', 'queued']);
const CANCELLABLE = new Set([...RUNNING, 'requires_action']);

/**
 * @typedef {object} StoredInteraction
 * @property {string} id
 * @property {string} scope
 * @property {boolean} stored false for store:false (no id on the wire)
 * @property {any} resource the Interaction fields other than steps
 * @property {any} input the `input` as sent
 * @property {any[]} inputSteps
 * @property {any[]} outputSteps output steps revealed so far
 * @property {import('./replies').TurnPlan} plan the final outcome, decided at creation
 * @property {Timeline} timeline
 * @property {NodeJS.Timeout[]} timers
 * @property {boolean} background
 * @property {any} [webhookConfig]
 */

/**
 * @param {{ backgroundDurationMs: number, streamChunkDelayMs: number, sseKeepaliveMs: number }} opts
 * @param {ReturnType<import('./agents').createAgentStore>} agents
 * @param {{ environments?: ReturnType<import('./environments').createEnvironmentStore>, files?: ReturnType<import('./filesApi').createFileStore> }} [workspace]
 *   agent sandboxes (agents write their files there) and the Files API (input URIs must be ACTIVE)
 * @param {{ onSettled?: (settled: { scope: string, interaction: any, webhookConfig?: any }) => void }} [hooks]
 *   told when a background interaction ends or waits for action (webhook deliveries)
 */
function createInteractionStore(opts, agents, workspace = {}, hooks = {}) {
  /** @type {Map<string, StoredInteraction>} */
  const records = new Map();
  const continuations = createContinuations();
  /** Signature of the thought before each function call the emulator issued (checked when replayed). @type {Map<string, string>} */
  const issuedSignatures = new Map();

  /** @param {StoredInteraction} record */
  const wireId = (record) => (record.stored ? record.id : '');

  /** @param {string} scope @param {string} id */
  function lookup(scope, id) {
    const record = records.get(id);
    if (!record || record.scope !== scope) throw notFound(`Interaction ${id} not found`);
    return record;
  }

  /** @param {StoredInteraction} record @param {{ full?: boolean, includeInput?: boolean }} [how] */
  function render(record, how = {}) {
    const out = { ...record.resource, steps: [...(how.full ? record.inputSteps : []), ...record.outputSteps] };
    if (!record.stored) delete out.id;
    if (how.includeInput) out.input = record.input;
    return out;
  }

  /** @param {StoredInteraction} record @param {number} index */
  function reveal(record, index) {
    const step = record.plan.steps[index];
    record.outputSteps.push(step);
    record.resource.updated = nowIso();
    stepEvents(step, index).forEach((e) => record.timeline.append(e));
  }

  /**
   * @param {StoredInteraction} record @param {string} status
   * @param {{ code: string, message: string }[]} [errorList]
   */
  function finish(record, status, errorList) {
    record.timers.forEach(clearTimeout);
    const { resource, plan } = record;
    const continuation = /** @type {any} */ (plan).continuationToken;
    Object.assign(
      resource,
      { status, updated: nowIso(), usage: plan.usage },
      errorList ? { errors: errorList } : {},
      continuation ? { continuation_token: continuation } : {},
    );
    const { object, model, agent, created, updated, service_tier, environment_id, errors, continuation_token } = resource;
    const summary = { id: wireId(record), status, usage: plan.usage, created, updated, service_tier, object, model, agent, environment_id, errors, continuation_token };
    record.timeline.append({ event_type: 'interaction.completed', interaction: summary });
    record.timeline.finish();
    if (record.background) hooks.onSettled?.({ scope: record.scope, interaction: summary, webhookConfig: record.webhookConfig });
  }

  /** @param {StoredInteraction} record */
  function complete(record) {
    for (let i = record.outputSteps.length; i < record.plan.steps.length; i += 1) reveal(record, i);
    const { agent, environment_id: envId } = record.resource;
    if (agent && envId && record.plan.status === 'completed') {
      workspace.environments?.agentFinished(record.scope, envId, { agent, text: outputTextOf(record.plan.steps) });
    }
    finish(record, record.plan.status, record.plan.errors);
  }

  /** @param {StoredInteraction} record @param {string} ownText */
  function runInBackground(record, ownText) {
    const magic = /#duration:(\d+)/.exec(ownText);
    const duration = magic ? Number(magic[1]) : opts.backgroundDurationMs;
    const progress = record.plan.progressSteps;
    /** @param {() => void} fn @param {number} ms */
    const at = (fn, ms) => record.timers.push(setTimeout(fn, ms).unref());
    for (let i = 0; i < progress; i += 1) at(() => reveal(record, i), (duration * (i + 1)) / (progress + 1));
    at(() => complete(record), duration);
  }

  /** @param {any} environment */
  function environmentId(environment) {
    if (environment === undefined) return undefined;
    if (environment === 'remote') return newId('env_', 9);
    if (typeof environment === 'string') return environment;
    return environment?.environment_id ?? newId('env_', 9);
  }

  /** @param {any} body @param {string} scope */
  function resolveActor(body, scope) {
    if (body.model) return { kind: /** @type {const} */ ('model'), name: resolveInteractionModel(body.model), tools: [] };
    const actor = agents.resolve(scope, body.agent);
    if (actor.needsBackground && body.background !== true) throw invalidRequest(`Agent ${body.agent} requires background=true.`);
    const type = body.agent_config?.type;
    if (type !== undefined && type !== actor.configType && type !== 'dynamic') {
      throw invalidRequest(`agent_config.type "${type}" does not match agent ${body.agent} (expected "${actor.configType}").`);
    }
    return actor;
  }

  /** @param {import('./http').Ctx} ctx @param {string} scope */
  function create(ctx, scope) {
    validateCreate(ctx.body, ctx.media);
    const body = ctx.body;
    workspace.files?.assertUsable(body.input);
    const actor = resolveActor(body, scope);
    const previous = body.previous_interaction_id ? lookup(scope, body.previous_interaction_id) : undefined;
    if (previous && RUNNING.has(previous.resource.status)) {
      throw invalidRequest(`Interaction ${previous.id} is still ${previous.resource.status}.`);
    }
    const inputSteps = inputToSteps(body.input);
    checkThoughtSignatures(inputSteps, issuedSignatures);
    const envId = environmentId(body.environment);
    if (envId) workspace.environments?.ensure(scope, envId);
    const plan = body.continuation_token
      ? continuations.resume(body.continuation_token)
      : continuations.split(
          planTurn({
            body,
            actor,
            inputSteps,
            history: previous?.plan.userTexts ?? [],
            pendingCalls: previous?.outputSteps.filter((s) => s.type === 'function_call') ?? [],
            environmentId: envId,
            media: ctx.media?.media ?? [],
          }),
          userTexts(inputSteps).join(' '),
        );
    let signature;
    for (const step of plan.steps) {
      if (step.type === 'thought') signature = step.signature;
      else if (step.type === 'function_call' && signature) issuedSignatures.set(step.id, signature);
    }
    const now = nowIso();
    /** @type {StoredInteraction} */
    const record = {
      id: newInteractionId(),
      scope,
      stored: body.store !== false,
      resource: {},
      input: body.input,
      inputSteps,
      outputSteps: [],
      plan,
      timeline: new Timeline(),
      timers: [],
      background: body.background === true,
      webhookConfig: body.webhook_config,
    };
    record.resource = {
      id: record.id,
      object: 'interaction',
      status: 'in_progress',
      ...(body.model ? { model: body.model } : { agent: body.agent }),
      created: now,
      updated: now,
      service_tier: body.service_tier ?? 'standard',
      ...(body.previous_interaction_id ? { previous_interaction_id: body.previous_interaction_id } : {}),
      ...(envId ? { environment_id: envId } : {}),
    };
    const { id, status, object, model, agent, created } = record.resource;
    record.timeline.append({ event_type: 'interaction.created', interaction: { id: wireId(record), status, object, model, agent, created } });
    record.timeline.append({ event_type: 'interaction.status_update', interaction_id: wireId(record), status });
    if (record.stored) records.set(id, record);
    if (body.background) runInBackground(record, userTexts(inputSteps).join(' '));
    else complete(record);
    if (body.stream === true) return stream(ctx, record, 0);
    sendJson(ctx, 200, render(record));
  }

  /** @param {import('./http').Ctx} ctx @param {StoredInteraction} record @param {number} after */
  function stream(ctx, record, after) {
    return streamTimeline(ctx, record.timeline, {
      after,
      chunkDelayMs: opts.streamChunkDelayMs,
      keepaliveMs: opts.sseKeepaliveMs,
    });
  }

  /** @param {import('./http').Ctx} ctx @param {StoredInteraction} record */
  function get(ctx, record) {
    const q = ctx.url.searchParams;
    if (q.get('stream') !== 'true') {
      return sendJson(ctx, 200, render(record, { full: true, includeInput: q.get('include_input') === 'true' }));
    }
    const lastEventId = q.get('last_event_id');
    const after = lastEventId === null ? 0 : Number(/^evt_(\d+)$/.exec(lastEventId)?.[1] ?? NaN);
    if (!(after <= record.timeline.events.length)) throw invalidRequest(`last_event_id ${lastEventId} is not an event of interaction ${record.id}.`);
    return stream(ctx, record, after);
  }

  /** @param {import('./http').Ctx} ctx @param {StoredInteraction} record */
  function cancel(ctx, record) {
    if (!CANCELLABLE.has(record.resource.status)) {
      throw invalidRequest(`Interaction ${record.id} cannot be cancelled because its status is ${record.resource.status}.`);
    }
    finish(record, 'cancelled');
    sendJson(ctx, 200, render(record));
  }

  /**
   * /{v}/interactions[/{id}[/cancel]]
   * @param {import('./http').Ctx} ctx
   * @param {{ scope: string, id?: string, action?: string }} route
   */
  function handle(ctx, { scope, id, action }) {
    const method = ctx.req.method;
    if (!id && method === 'POST') return create(ctx, scope);
    if (id && !action && method === 'GET') return get(ctx, lookup(scope, id));
    if (id && action === 'cancel' && method === 'POST') return cancel(ctx, lookup(scope, id));
    if (id && !action && method === 'DELETE') {
      const record = lookup(scope, id);
      record.timers.forEach(clearTimeout);
      record.timeline.finish();
      records.delete(id);
      return sendJson(ctx, 200, {});
    }
    throw new ApiError(405, `Method ${method} is not allowed on ${ctx.url.pathname}.`);
  }

  function close() {
    for (const record of records.values()) {
      record.timers.forEach(clearTimeout);
      record.timeline.finish();
    }
    records.clear();
  }

  return { handle, close };
}

module.exports = { createInteractionStore };
