// @ts-check
'use strict';

const { ApiError } = require('./errors');
const { sendJson } = require('./http');
const { readPageToken, makePageToken } = require('./paging');

/**
 * @typedef {object} ModelInfo
 * @property {string} id
 * @property {string} displayName
 * @property {string} description
 * @property {boolean} chat usable with the Interactions API
 * @property {string[]} methods
 * @property {string} [launchStage]
 */

/** @type {ModelInfo[]} */
const CATALOG = [
  chat('gemini-3.5-flash', 'Gemini 3.5 Flash', 'Fast, versatile multimodal model.', 'GA'),
  chat('gemini-3.5-pro', 'Gemini 3.5 Pro', 'Most capable model for complex reasoning.', 'GA'),
  chat('gemini-3-flash-preview', 'Gemini 3 Flash Preview', 'Preview of Gemini 3 Flash.', 'PUBLIC_PREVIEW'),
  chat('gemini-3.1-flash-lite', 'Gemini 3.1 Flash-Lite', 'Cost-efficient, low-latency model.', 'GA'),
  chat('gemini-3.1-flash-tts-preview', 'Gemini 3.1 Flash TTS Preview', 'Speech generation: answers with audio only.', 'PUBLIC_PREVIEW'),
  chat('gemini-2.5-flash', 'Gemini 2.5 Flash', 'Deprecated: migrate to Gemini 3.5 Flash.', 'DEPRECATED'),
  { id: 'text-embedding-004', displayName: 'Text Embedding 004', description: 'Text embeddings.', chat: false, methods: ['embedContent'] },
  { id: 'imagen-4.0-generate', displayName: 'Imagen 4', description: 'Image generation.', chat: false, methods: ['predict'] },
];

/** @param {string} id @param {string} displayName @param {string} description @param {string} launchStage */
function chat(id, displayName, description, launchStage) {
  return { id, displayName, description, chat: true, methods: ['generateContent', 'countTokens'], launchStage };
}

/** @param {ModelInfo} m */
function geminiModel(m) {
  return {
    name: `models/${m.id}`,
    version: '001',
    displayName: m.displayName,
    description: m.description,
    inputTokenLimit: m.chat ? 1048576 : 2048,
    outputTokenLimit: m.chat ? 65536 : 1,
    supportedGenerationMethods: m.methods,
    ...(m.chat ? { temperature: 1, topP: 0.95, topK: 64, maxTemperature: 2, thinking: true } : {}),
  };
}

/** @param {ModelInfo} m */
function vertexModel(m) {
  return {
    name: `publishers/google/models/${m.id}`,
    versionId: '001',
    openSourceCategory: 'PROPRIETARY',
    launchStage: m.launchStage ?? 'GA',
    versionState: m.launchStage === 'DEPRECATED' ? 'VERSION_STATE_DEPRECATED' : 'VERSION_STATE_STABLE',
    publisherModelTemplate: `projects/{project}/locations/{location}/publishers/google/models/${m.id}`,
  };
}

/**
 * Checks that a model id (bare, `models/…` or `publishers/google/models/…`)
 * can serve interactions; returns the bare id.
 * @param {string} model
 */
function resolveInteractionModel(model) {
  const id = model.replace(/^(publishers\/google\/)?models\//, '');
  if (!CATALOG.some((m) => m.id === id && m.chat)) {
    throw new ApiError(404, `Model models/${id} is not found or is not supported for the Interactions API.`);
  }
  return id;
}

/**
 * GET /{v}/models[/{id}] (Gemini API, camelCase like the real service) and
 * GET /v1beta1/publishers/google/models (Vertex).
 * @param {import('./http').Ctx} ctx
 * @param {{ vertex: boolean, id?: string }} opts
 */
function handleModels(ctx, { vertex, id }) {
  if (ctx.req.method !== 'GET') throw new ApiError(405, 'Method not allowed.', { style: 'classic' });
  /** @type {(m: ModelInfo) => object} */
  const render = vertex ? vertexModel : geminiModel;
  if (id) {
    const model = CATALOG.find((m) => m.id === id.replace(/^models\//, ''));
    if (!model) throw new ApiError(404, `models/${id} is not found.`, { style: 'classic' });
    sendJson(ctx, 200, render(model));
    return;
  }
  const q = ctx.url.searchParams;
  const pageSize = Math.min(Number(q.get('pageSize') ?? q.get('page_size')) || 50, 1000);
  const start = readPageToken(q.get('pageToken') ?? q.get('page_token'), 'classic');
  const page = CATALOG.slice(start, start + pageSize).map(render);
  const next = start + pageSize < CATALOG.length ? makePageToken(start + pageSize) : undefined;
  sendJson(ctx, 200, { [vertex ? 'publisherModels' : 'models']: page, ...(next ? { nextPageToken: next } : {}) });
}

module.exports = { CATALOG, resolveInteractionModel, handleModels };
