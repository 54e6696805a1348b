// @ts-check
'use strict';

const { invalidRequest } = require('./errors');
const { newId } = require('./ids');
const { schemaInstance } = require('./schemaInstance');

/** @param {unknown} result */
const resultText = (result) => (typeof result === 'string' ? result : JSON.stringify(result));

/**
 * Checks this turn's function_result steps against the calls they answer:
 * the previous interaction's function_call steps, or (stateless history)
 * function_call steps earlier in the same input.
 * @param {any[]} inputSteps
 * @param {any[]} pendingCalls
 * @returns {{ name: string, result: string }[]}
 */
function readFunctionResults(inputSteps, pendingCalls) {
  const calls = [...pendingCalls, ...inputSteps.filter((s) => s.type === 'function_call')];
  return inputSteps
    .filter((s) => s.type === 'function_result')
    .map((step) => {
      const call = calls.find((c) => c.id === step.call_id);
      if (!call) throw invalidRequest(`function_result call_id "${step.call_id}" does not match a pending function call.`);
      return { name: step.name ?? call.name, result: resultText(step.result) };
    });
}

/**
 * Decides whether the model calls functions this turn and builds the calls:
 * one per declared function named in the user text, else the first declared.
 * `#loop` keeps calling after results until a result contains "stop".
 * @param {any[]} tools
 * @param {{ name: string, result: string }[]} results
 * @param {string} latestText
 * @param {{ force?: boolean }} [choice] force: tool_choice "any" — a call every turn
 * @returns {any[]} function_call steps (empty: answer instead)
 */
function planFunctionCalls(tools, results, latestText, choice = {}) {
  const declared = tools.filter((t) => t.type === 'function');
  if (!declared.length) return [];
  const looping = latestText.includes('#loop') && !results.some((r) => r.result.includes('stop'));
  if (results.length && !looping && !choice.force) return [];
  const named = declared.filter((t) => new RegExp(`\\b${escapeRegExp(t.name)}\\b`).test(latestText));
  return (named.length ? named : [declared[0]]).map((fn) => ({
    type: 'function_call',
    id: newId('call_'),
    name: fn.name,
    arguments: fn.parameters ? schemaInstance(fn.parameters, { text: latestText }) : {},
  }));
}

/** @param {string} text */
const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * In a stateless history (the model's earlier turns replayed in \`input\`), a function call the
 * emulator issued must come after the thought step that carried its signature, unchanged: Gemini
 * rejects replayed function calls whose thought signature is missing
 * (https://ai.google.dev/gemini-api/docs/thought-signatures: "missing thought_signature … 400").
 * Calls the emulator did not issue are not checked.
 * @param {any[]} inputSteps
 * @param {Map<string, string>} issued call id → signature of the thought before it
 * @returns {number} how many replayed calls carried their signature
 */
function checkThoughtSignatures(inputSteps, issued) {
  let echoed = 0;
  inputSteps.forEach((step, index) => {
    if (step.type !== 'function_call' || !issued.has(step.id)) return;
    let thought;
    for (let i = index - 1; i >= 0; i--) {
      const earlier = inputSteps[i];
      if (earlier.type === 'thought') { thought = earlier; break; }
      if (earlier.type !== 'function_call') break;
    }
    if (thought?.signature !== issued.get(step.id)) {
      throw invalidRequest(
        `Function call "${step.name}" (id ${step.id}) is missing its thought_signature: replay the model's thought step with its signature, as received, before the function call. See https://ai.google.dev/gemini-api/docs/thought-signatures.`,
      );
    }
    echoed++;
  });
  return echoed;
}

/**
 * This turn's results: in a stateless history only those after the last user turn (earlier ones
 * were answered already).
 * @param {any[]} inputSteps
 * @param {{ name: string, result: string }[]} results results of every function_result step, in order
 */
function currentResults(inputSteps, results) {
  const lastUser = inputSteps.map((s) => s.type).lastIndexOf('user_input');
  let seen = 0;
  return inputSteps.flatMap((step, index) => {
    if (step.type !== 'function_result') return [];
    const result = results[seen++];
    return index > lastUser ? [result] : [];
  });
}

module.exports = { readFunctionResults, planFunctionCalls, checkThoughtSignatures, currentResults };
