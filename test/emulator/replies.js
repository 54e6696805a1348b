// @ts-check
'use strict';

const crypto = require('node:crypto');
const { userTexts, mediaMentions } = require('./content');
const { readFunctionResults, planFunctionCalls, currentResults } = require('./functions');
const { countWords } = require('./ids');
const { imageBlock, audioBlock } = require('./media');
const { schemaInstance } = require('./schemaInstance');
const { runBuiltInTools } = require('./tools');
const { safetyBlock, TTS_MODELS } = require('./requestOptions');

/**
 * @typedef {{ kind: 'model' | 'deep-research' | 'antigravity', name: string, systemInstruction?: string, tools: any[] }} Actor
 * @typedef {object} TurnRequest
 * @property {any} body the create request
 * @property {Actor} actor
 * @property {any[]} inputSteps this turn's input as steps
 * @property {string[]} history user texts of the earlier turns of the chain
 * @property {any[]} pendingCalls function_call steps of the previous interaction
 * @property {string} [environmentId]
 * @property {import('./content').MediaRecord[]} media
 * @typedef {object} TurnPlan
 * @property {string} status final status
 * @property {any[]} steps output steps
 * @property {Record<string, any>} usage
 * @property {{ code: string, message: string }[]} [errors]
 * @property {string[]} userTexts history including this turn (for the next turn)
 * @property {number} progressSteps leading steps a background run reveals while running
 */

const MAGIC_STATUS = /#status:(failed|incomplete|budget_exceeded|cancelled)\b/;
const SIMULATED_FAILURE = { code: 'internal', message: 'The agent failed: simulated failure' };

/** @param {string} text @param {number} n */
const firstWords = (text, n) => text.split(/\s+/).filter(Boolean).slice(0, n).join(' ');
/** Cuts after the n-th word, keeping the original whitespace. @param {string} text @param {number} n */
function truncateWords(text, n) {
  const match = [...text.matchAll(/\S+/g)][n - 1];
  return match?.index === undefined ? text : text.slice(0, match.index + match[0].length);
}
const signature = () => crypto.randomBytes(24).toString('base64');

/**
 * Composes the deterministic answer of one turn.
 * @param {TurnRequest} req
 * @returns {TurnPlan}
 */
function planTurn(req) {
  const { body, actor } = req;
  const own = userTexts(req.inputSteps);
  const texts = [...req.history, ...own];
  const latest = texts.at(-1) ?? '';
  const ownText = own.join(' ');
  const results = currentResults(req.inputSteps, readFunctionResults(req.inputSteps, req.pendingCalls));
  const tools = [...actor.tools, ...(body.tools ?? [])];
  const base = { userTexts: texts, progressSteps: 0 };
  const usageOf = (/** @type {any[]} */ steps) => computeUsage(req, texts, results, steps);

  const [callable, choice] = callableTools(tools, body.generation_config?.tool_choice);
  const calls = planFunctionCalls(callable, results, latest, choice);
  if (calls.length) {
    const steps = [{ type: 'thought', signature: signature() }, ...calls];
    return { ...base, status: 'requires_action', steps, usage: usageOf(steps) };
  }

  const thoughts = thoughtSteps(req, latest);
  const magic = MAGIC_STATUS.exec(ownText)?.[1];
  if (magic === 'failed' || magic === 'cancelled') {
    return {
      ...base,
      status: magic,
      steps: thoughts,
      usage: usageOf(thoughts),
      progressSteps: thoughts.length,
      ...(magic === 'failed' ? { errors: [SIMULATED_FAILURE] } : {}),
    };
  }

  const blocked = safetyBlock(body, ownText);
  if (blocked) {
    return { ...base, status: 'failed', steps: thoughts, usage: usageOf(thoughts), errors: [blocked] };
  }

  const toolOutcomes = runBuiltInTools(tools, latest);
  let text = answerText(req, latest, texts.slice(0, -1), results, toolOutcomes.map((o) => o.sentence));
  let status = 'completed';
  const json = wantsJson(body);
  if (json) text = latest.includes('#invalid-json') ? "Sorry, I can't answer in JSON." : jsonAnswer(json, latest, text);
  const limit = body.generation_config?.max_output_tokens;
  if (magic) {
    text = truncateWords(text, Math.max(1, Math.floor(countWords(text) / 2)));
    status = magic;
  } else if (limit && countWords(text) > limit) {
    text = truncateWords(text, limit);
    status = 'incomplete';
  }

  const textBlock = /** @type {any} */ ({ type: 'text', text });
  const citation = toolOutcomes.find((o) => o.citation);
  const at = citation ? text.indexOf(citation.sentence) : -1;
  if (citation?.citation && at >= 0 && !json) {
    const start = Buffer.byteLength(text.slice(0, at));
    textBlock.annotations = [{ type: 'url_citation', ...citation.citation, start_index: start, end_index: start + Buffer.byteLength(citation.sentence) }];
  }
  const output = { type: 'model_output', content: outputContent(body, textBlock) };
  const steps = [
    ...thoughts,
    ...toolOutcomes.filter((o) => !o.afterAnswer).flatMap((o) => o.steps),
    output,
    ...toolOutcomes.filter((o) => o.afterAnswer).flatMap((o) => o.steps),
  ];
  /** @type {Record<string, any>} */
  const usage = usageOf(steps);
  const grounding = toolOutcomes.filter((o) => o.grounding).map((o) => ({ type: o.grounding, count: 1 }));
  if (grounding.length) usage.grounding_tool_count = grounding;
  return { ...base, status, steps, usage, progressSteps: actor.kind === 'model' ? 0 : thoughts.length };
}

/**
 * The functions `tool_choice` lets the model call, and whether it must call one:
 * `none` → none; `any`/`validated` → it must; `allowed_tools.tools` → only those.
 * @param {any[]} tools @param {any} choice
 * @returns {[any[], { force: boolean }]}
 */
function callableTools(tools, choice) {
  const mode = typeof choice === 'string' ? choice : choice?.allowed_tools?.mode ?? 'auto';
  if (mode === 'none') return [[], { force: false }];
  const allowed = typeof choice === 'object' ? choice?.allowed_tools?.tools : undefined;
  const callable = Array.isArray(allowed) ? tools.filter((t) => t.type !== 'function' || allowed.includes(t.name)) : tools;
  return [callable, { force: mode === 'any' || mode === 'validated' }];
}

/**
 * @param {TurnRequest} req @param {string} latest @param {string[]} earlier
 * @param {{ name: string, result: string }[]} results @param {string[]} toolSentences
 */
function answerText(req, latest, earlier, results, toolSentences) {
  const system = req.body.system_instruction ?? req.actor.systemInstruction;
  const core = [
    system ? `[system: ${system}]` : '',
    ...results.map((r) => `${r.name} returned ${r.result}.`),
    latest ? `You said: "${latest}".` : '',
    earlier.length ? `Earlier in this conversation you said: ${earlier.map((t) => `"${t}"`).join(', ')}.` : '',
    ...mediaMentions(req.inputSteps),
    ...toolSentences,
  ]
    .filter(Boolean)
    .join(' ');
  if (req.actor.kind === 'deep-research') {
    const topic = firstWords(latest, 8) || 'your question';
    const slug = encodeURIComponent(topic.toLowerCase().replace(/\s+/g, '-'));
    return (
      `# Research report: ${topic}\n\n${core}\n\n` +
      `## Key findings\n1. The first finding about ${topic}.\n2. The second finding about ${topic}.\n\n` +
      `## Sources\n1. https://example.com/research/${slug}`
    );
  }
  if (req.actor.kind === 'antigravity') {
    return `Agent ${req.actor.name} completed the task in environment ${req.environmentId ?? 'none'}. ${core}`.trim();
  }
  return core || 'Hello! How can I help you today?';
}

/** @param {any} body @returns {{ schema?: any } | undefined} */
function wantsJson(body) {
  const formats = body.response_format === undefined ? [] : [body.response_format].flat();
  const json = formats.find((f) => f.mime_type === 'application/json' || f.schema);
  if (json) return json;
  return body.response_mime_type === 'application/json' ? {} : undefined;
}

/** @param {{ schema?: any }} format @param {string} latest @param {string} text */
function jsonAnswer(format, latest, text) {
  if (!format.schema) return JSON.stringify({ answer: text });
  return JSON.stringify(schemaInstance(format.schema, { text: firstWords(latest, 8) }));
}

/** @param {any} body @param {any} textBlock */
function outputContent(body, textBlock) {
  const formats = (body.response_format === undefined ? [] : [body.response_format].flat()).map((f) => f.type);
  const modalities = Array.isArray(body.response_modalities) ? body.response_modalities : [];
  /** @param {string} m */
  const wants = (m) => formats.includes(m) || modalities.includes(m);
  const textWanted = !TTS_MODELS.has(body.model) && ((!formats.length && !modalities.length) || wants('text'));
  return [
    ...(textWanted ? [textBlock] : []),
    ...(wants('image') ? [imageBlock()] : []),
    ...(wants('audio') ? [audioBlock()] : []),
  ];
}

/** @param {TurnRequest} req @param {string} latest */
function thoughtSteps(req, latest) {
  const topic = firstWords(latest, 8) || 'the request';
  if (req.actor.kind === 'model') {
    if (req.body.generation_config?.thinking_summaries !== 'auto') return [{ type: 'thought', signature: signature() }];
    const summary = `**Considering the request**\n\nThe user wrote "${topic}"; composing a direct answer.`;
    return [{ type: 'thought', signature: signature(), summary: [{ type: 'text', text: summary }] }];
  }
  if (req.body.agent_config?.thinking_summaries !== 'auto') return [{ type: 'thought', signature: signature() }];
  return [
    `**Planning**\n\nBreaking "${topic}" into research questions.`,
    `**Gathering sources**\n\nReading sources about ${topic}.`,
    `**Writing**\n\nSynthesizing the findings into a report.`,
  ].map((text) => ({ type: 'thought', signature: signature(), summary: [{ type: 'text', text }] }));
}

const MEDIA_TOKENS = /** @type {Record<string, number>} */ ({ image: 258, audio: 100, video: 300, document: 250 });

/**
 * Token usage from word counts (field names as the service reports them).
 * @param {TurnRequest} req @param {string[]} texts
 * @param {{ name: string, result: string }[]} results @param {any[]} steps
 */
function computeUsage(req, texts, results, steps) {
  const system = req.body.system_instruction ?? req.actor.systemInstruction ?? '';
  const textIn = countWords([system, ...texts, ...results.map((r) => r.result)].join(' '));
  const byModality = new Map([['text', textIn]]);
  for (const m of req.media) byModality.set(m.type, (byModality.get(m.type) ?? 0) + (MEDIA_TOKENS[m.type] ?? 100));
  const input = [...byModality.values()].reduce((a, b) => a + b, 0);
  let output = 0;
  let thought = 0;
  let toolUse = 0;
  for (const step of steps) {
    if (step.type === 'thought') thought += 16 + countWords((step.summary ?? []).map((/** @type {any} */ s) => s.text).join(' '));
    else if (step.type === 'model_output') {
      for (const block of step.content) output += block.type === 'text' ? countWords(block.text) : 1290;
    } else if (step.type === 'function_call') output += countWords(JSON.stringify(step.arguments)) + 2;
    else toolUse += 12;
  }
  return {
    total_input_tokens: input,
    input_tokens_by_modality: [...byModality].map(([modality, tokens]) => ({ modality, tokens })),
    total_cached_tokens: 0,
    total_output_tokens: output,
    total_tool_use_tokens: toolUse,
    total_thought_tokens: thought,
    total_tokens: input + output + thought + toolUse,
  };
}

module.exports = { planTurn };
