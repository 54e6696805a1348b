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

module.exports = { readFunctionResults, planFunctionCalls };
