// @ts-check
'use strict';

const { sleep } = require('./http');

/**
 * The ordered, append-only event list of one interaction. Stored per
 * interaction so that `last_event_id` resumes exactly; readers wait on it
 * while a background interaction is still running.
 */
class Timeline {
  constructor() {
    /** @type {any[]} */
    this.events = [];
    this.done = false;
    /** @type {Set<() => void>} */
    this.waiters = new Set();
  }

  /** @param {Record<string, unknown>} event must carry event_type */
  append(event) {
    this.events.push({ ...event, event_id: `evt_${this.events.length + 1}` });
    this.wake();
  }

  finish() {
    this.done = true;
    this.wake();
  }

  wake() {
    for (const waiter of [...this.waiters]) waiter();
  }
}

/** Text deltas carry a few words each; concatenated they give the text back. @param {string} text */
function textChunks(text) {
  const words = text.match(/\s*\S+\s*/g) ?? [text];
  const chunks = [];
  for (let i = 0; i < words.length; i += 3) chunks.push(words.slice(i, i + 3).join(''));
  return chunks;
}

/** @param {string} json */
function jsonFragments(json) {
  const size = Math.max(1, Math.ceil(json.length / 3));
  const out = [];
  for (let i = 0; i < json.length; i += size) out.push(json.slice(i, i + size));
  return out.length ? out : [json];
}

const STATIC_FIELDS = ['id', 'call_id', 'name', 'server_name'];

/**
 * step.start → step.delta* → step.stop for one output step (§8.2/§8.3).
 * @param {any} step
 * @param {number} index
 * @returns {Record<string, unknown>[]}
 */
function stepEvents(step, index) {
  /** @type {any[]} */
  const deltas = [];
  /** @type {Record<string, unknown>} */
  let start = { type: step.type };
  if (step.type === 'thought') {
    for (const block of step.summary ?? []) deltas.push({ type: 'thought_summary', content: block });
    if (step.signature) deltas.push({ type: 'thought_signature', signature: step.signature });
  } else if (step.type === 'model_output') {
    for (const block of step.content ?? []) {
      if (block.type === 'text') {
        for (const text of textChunks(block.text)) deltas.push({ type: 'text', text });
        if (block.annotations) deltas.push({ type: 'text_annotation_delta', annotations: block.annotations });
      } else deltas.push(block);
    }
  } else if (step.type === 'function_call') {
    start = { type: step.type, id: step.id, signature: '', name: step.name, arguments: {} };
    for (const fragment of jsonFragments(JSON.stringify(step.arguments ?? {}))) {
      deltas.push({ type: 'arguments_delta', arguments: fragment });
    }
  } else {
    const fixed = Object.fromEntries(STATIC_FIELDS.filter((k) => k in step).map((k) => [k, step[k]]));
    const rest = Object.fromEntries(Object.entries(step).filter(([k]) => k !== 'type' && !STATIC_FIELDS.includes(k)));
    start = { type: step.type, ...fixed, signature: '' };
    deltas.push({ type: step.type, ...rest });
  }
  return [
    { event_type: 'step.start', index, step: start },
    ...deltas.map((delta) => ({ event_type: 'step.delta', index, delta })),
    { event_type: 'step.stop', index },
  ];
}

/** @param {any} event */
const frame = (event) => `event: ${event.event_type}\nid: ${event.event_id}\ndata: ${JSON.stringify(event)}\n\n`;

/**
 * Writes a timeline as SSE from position `after`, following it until it is
 * finished, then `data: [DONE]`. Applies the SSE faults of the request.
 * @param {import('./http').Ctx} ctx
 * @param {Timeline} timeline
 * @param {{ after: number, chunkDelayMs: number, keepaliveMs: number }} opts
 */
async function streamTimeline(ctx, timeline, opts) {
  const { res, fault } = ctx;
  ctx.entry.stream = true;
  ctx.entry.status = 200;
  res.writeHead(200, {
    'content-type': ctx.contentTypeOverride ?? 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
  });
  const sseError = fault?.sseError ? (fault.sseError === true ? {} : fault.sseError) : undefined;
  const closed = () => res.destroyed || res.writableEnded;
  let cursor = opts.after;
  let written = 0;
  while (!closed()) {
    if (cursor < timeline.events.length) {
      if (written > 0 && opts.chunkDelayMs > 0) await sleep(opts.chunkDelayMs);
      if (closed()) return;
      if (fault?.dropAfterEvents !== undefined && written >= fault.dropAfterEvents) {
        res.destroy();
        return;
      }
      if (sseError && written >= (sseError.afterEvents ?? 2)) {
        const error = { code: sseError.code ?? 'unavailable', message: sseError.message ?? 'Simulated stream error' };
        res.end(`event: error\ndata: ${JSON.stringify({ event_type: 'error', error })}\n\n`);
        return;
      }
      res.write(frame(timeline.events[cursor++]));
      written += 1;
    } else if (timeline.done) {
      res.end('data: [DONE]\n\n');
    } else if (!(await waitForChange(timeline, res, opts.keepaliveMs)) && !closed()) {
      res.write(': keepalive\n\n');
    }
  }
}

/**
 * @param {Timeline} timeline
 * @param {import('node:http').ServerResponse} res
 * @param {number} ms
 * @returns {Promise<boolean>} false when it timed out
 */
function waitForChange(timeline, res, ms) {
  return new Promise((resolve) => {
    const done = (/** @type {boolean} */ changed) => {
      clearTimeout(timer);
      res.off('close', onChange);
      timeline.waiters.delete(onChange);
      resolve(changed);
    };
    const onChange = () => done(true);
    const timer = setTimeout(() => done(false), ms);
    res.once('close', onChange);
    timeline.waiters.add(onChange);
  });
}

module.exports = { Timeline, stepEvents, streamTimeline };
