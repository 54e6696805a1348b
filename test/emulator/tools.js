// @ts-check
'use strict';

const { newId } = require('./ids');

/**
 * What one built-in tool contributes to a model turn.
 * @typedef {object} ToolOutcome
 * @property {any[]} steps call + result steps
 * @property {string} sentence added to the answer text
 * @property {boolean} [afterAnswer] steps follow the model_output (as measured for Google Search)
 * @property {{ url: string, title: string }} [citation] url_citation over `sentence`
 * @property {string} [grounding] usage.grounding_tool_count type
 */

/** @param {string} text */
const urlsIn = (text) => (text.match(/https?:\/\/[^\s"'<>)]+/g) ?? []).map((u) => u.replace(/[.,;:!?]+$/, ''));

/** @param {string} text */
const slug = (text) => text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40) || 'query';

/** @type {Record<string, (tool: any, text: string) => ToolOutcome | undefined>} */
const BUILT_INS = {
  google_search(tool, text) {
    const id = newId('srch_');
    const url = `https://example.com/search/${slug(text)}`;
    return {
      steps: [
        { type: 'google_search_call', id, arguments: { queries: [text] }, search_type: tool.search_types?.[0] ?? 'web_search' },
        {
          type: 'google_search_result',
          call_id: id,
          result: [{ search_suggestions: `<div class="emulator-search-suggestions"><a href="${url}">${escapeHtml(text)}</a></div>` }],
        },
      ],
      sentence: 'According to Example Search, this topic is well documented.',
      afterAnswer: true,
      citation: { url, title: 'Example Search result' },
      grounding: 'google_search',
    };
  },
  code_execution() {
    const id = newId('code_');
    return {
      steps: [
        { type: 'code_execution_call', id, arguments: { code: 'print(2 + 2)', language: 'python' } },
        { type: 'code_execution_result', call_id: id, result: '4' },
      ],
      sentence: 'Running the code printed 4.',
    };
  },
  url_context(_tool, text) {
    const urls = urlsIn(text);
    if (!urls.length) return undefined;
    const id = newId('url_');
    return {
      steps: [
        { type: 'url_context_call', id, arguments: { urls } },
        { type: 'url_context_result', call_id: id, result: urls.map((url) => ({ url, status: 'success' })) },
      ],
      sentence: `Read ${urls.join(', ')}.`,
    };
  },
  file_search(tool, text) {
    const id = newId('file_');
    const store = tool.file_search_store_names?.[0] ?? 'fileSearchStores/emulator-store';
    return {
      steps: [
        { type: 'file_search_call', id },
        { type: 'file_search_result', call_id: id, result: [{ file_search_store: store, file_name: 'emulator-notes.txt', text: `Notes about ${text}` }] },
      ],
      sentence: `Found 1 matching document in ${store}.`,
    };
  },
  mcp_server(tool, text) {
    const id = newId('mcp_');
    const name = tool.allowed_tools?.find((/** @type {any} */ a) => a?.tools?.length)?.tools[0] ?? 'search';
    const serverName = tool.name ?? 'mcp';
    return {
      steps: [
        { type: 'mcp_server_tool_call', id, name, server_name: serverName, arguments: { query: text } },
        { type: 'mcp_server_tool_result', call_id: id, name, server_name: serverName, result: `${name} found 1 result for "${text}"` },
      ],
      sentence: `The MCP tool ${serverName}.${name} answered.`,
    };
  },
  google_maps(tool, text) {
    const id = newId('maps_');
    const place = {
      name: 'Emulator Café',
      place_id: 'ChIJemulator000001',
      url: 'https://maps.google.com/?cid=1234567890',
      review_snippets: [{ title: 'Great coffee', url: 'https://maps.google.com/?cid=1234567890&review=1', review_id: 'rev_1' }],
    };
    return {
      steps: [
        { type: 'google_maps_call', id, arguments: { queries: [text] } },
        { type: 'google_maps_result', call_id: id, result: [{ places: [place], widget_context_token: tool.enable_widget ? 'widgetcontent/emulator' : undefined }] },
      ],
      sentence: `${place.name} matches your request.`,
      grounding: 'google_maps',
    };
  },
};

/**
 * Runs every built-in tool of the request against the user's text.
 * @param {any[]} tools
 * @param {string} text
 * @returns {ToolOutcome[]}
 */
function runBuiltInTools(tools, text) {
  return tools.flatMap((tool) => BUILT_INS[tool.type]?.(tool, text) ?? []);
}

/** @param {string} text */
function escapeHtml(text) {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);
}

module.exports = { runBuiltInTools };
