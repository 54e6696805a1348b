// @ts-check
'use strict';

// Magic `#continuation:<n>` in the user text: the answer arrives in n hops, as when Google hits
// its per-request decode limit. Each hop but the last ends `requires_continuation` with a
// `continuation_token`; the client sends `{model, continuation_token, previous_interaction_id}`
// (or, with store:false, the original request plus the token) to get the next part.

const { invalidRequest } = require('./errors');
const { newId } = require('./ids');

const MAGIC = /#continuation:(\d+)/;

/** @typedef {import('./replies').TurnPlan & { continuationToken?: string }} HopPlan */

function createContinuations() {
  /** @type {Map<string, { parts: string[], plan: import('./replies').TurnPlan }>} */
  const pending = new Map();

  /** @param {string[]} parts @param {import('./replies').TurnPlan} plan @param {any[]} leadingSteps @returns {HopPlan} */
  function hop(parts, plan, leadingSteps) {
    const [text, ...rest] = parts;
    /** @type {HopPlan} */
    const next = { ...plan, steps: [...leadingSteps, { type: 'model_output', content: [{ type: 'text', text }] }] };
    if (rest.length === 0) return { ...next, status: 'completed' };
    const token = newId('ct_', 16);
    pending.set(token, { parts: rest, plan });
    return { ...next, status: 'requires_continuation', continuationToken: token };
  }

  return {
    /** The first hop of a plan whose user text asks for continuation; other plans pass through. @param {import('./replies').TurnPlan} plan @param {string} ownText @returns {HopPlan} */
    split(plan, ownText) {
      const hops = Number(MAGIC.exec(ownText)?.[1] ?? 1);
      const answerAt = plan.steps.findIndex((step) => step.type === 'model_output');
      if (hops < 2 || plan.status !== 'completed' || answerAt < 0) return plan;
      const words = plan.steps[answerAt].content.map((/** @type {any} */ block) => block.text ?? '').join('').split(/(?<=\s)/);
      const size = Math.ceil(words.length / hops);
      const parts = Array.from({ length: hops }, (_, i) => words.slice(i * size, (i + 1) * size).join('')).filter(Boolean);
      return hop(parts, plan, plan.steps.slice(0, answerAt));
    },
    /** The next hop for a token; each token is good once. @param {string} token @returns {HopPlan} */
    resume(token) {
      const entry = pending.get(token);
      if (!entry) throw invalidRequest('continuation_token is unknown or was already used.');
      pending.delete(token);
      return hop(entry.parts, entry.plan, []);
    },
  };
}

module.exports = { createContinuations };
