// @ts-check
'use strict';

const { ApiError } = require('./errors');
const { sendJson } = require('./http');
const { newId, nowIso } = require('./ids');
const { makePageToken, readPageToken } = require('./paging');

/**
 * The Gemini Files API (Gemini API only; classic Google error shape, camelCase fields).
 *
 * Shapes from `@google/genai` 3.1.0: `File` (dist/genai.d.ts: name `files/…`, displayName, mimeType,
 * sizeBytes (string), createTime, updateTime, expirationTime, sha256Hash (base64), uri, state
 * PROCESSING | ACTIVE | FAILED, source, error); `ApiClient.uploadFile` starts with
 * `POST upload/{v}/files` and the JSON body `{file: {mimeType, sizeBytes, displayName?, name?}}`;
 * `uploadBlob` reads `{file}` from the final chunk's answer; `Files.listInternal` sends `pageSize`,
 * `pageToken` and reads `{files, nextPageToken}`; `Files.delete` answers `{}`.
 * Files expire 48 hours after upload (Google's Files API documentation).
 *
 * Processing: a new file is PROCESSING for `fileProcessingMs`, then ACTIVE. A display name containing
 * `#processing:<ms>` sets that time for the file, `#failed` makes it end FAILED.
 */

const EXPIRY_MS = 48 * 60 * 60 * 1000;
const DEFAULT_PAGE_SIZE = 10;
const MAX_PAGE_SIZE = 100;

/** @param {number} status @param {string} message */
const classic = (status, message) => new ApiError(status, message, { style: 'classic' });

/**
 * @param {{ fileProcessingMs: number, quiet: boolean }} opts
 * @param {ReturnType<import('./uploadSessions').createUploadSessions>} uploads
 */
function createFileStore(opts, uploads) {
  /** @type {Map<string, { file: any, readyAt: number, fails: boolean }>} */
  const records = new Map();

  /** @param {{ file: any, readyAt: number, fails: boolean }} record */
  function current(record) {
    if (record.file.state === 'PROCESSING' && Date.now() >= record.readyAt) {
      record.file.state = record.fails ? 'FAILED' : 'ACTIVE';
      record.file.updateTime = nowIso();
      if (record.fails) record.file.error = { code: 3, message: 'The file could not be processed (simulated by #failed).' };
    }
    return record.file;
  }

  /** @param {string} id */
  function lookup(id) {
    const record = records.get(id.replace(/^files\//, ''));
    // Google answers an unknown or foreign file with 403 PERMISSION_DENIED, not 404 (as recorded in
    // third-party Gemini clients' tests: "You do not have permission to access the File … or it may not exist.").
    if (!record) throw classic(403, `You do not have permission to access the File ${id} or it may not exist.`);
    return record;
  }

  /** @param {import('./http').Ctx} ctx */
  function start(ctx) {
    const meta = ctx.body?.file ?? {};
    const id = meta.name ? String(meta.name).replace(/^files\//, '') : newId('', 9).toLowerCase().replace(/[^a-z0-9]/g, 'x');
    if (!/^[a-z0-9]([a-z0-9-]{0,38}[a-z0-9])?$/.test(id)) throw classic(400, `Invalid file name "${meta.name}".`);
    if (records.has(id)) throw classic(409, `File files/${id} already exists.`);
    const { headers } = uploads.start(ctx, { keepBytes: false, target: { id, displayName: meta.displayName }, style: 'classic' });
    return sendJson(ctx, 200, '', headers);
  }

  /** @param {import('./http').Ctx} ctx */
  function chunk(ctx) {
    const { session, final, headers } = uploads.receive(ctx, 'classic');
    if (!final) return sendJson(ctx, 200, '', headers);
    const { id, displayName } = session.target;
    const digest = session.hash.digest();
    const host = `http://${ctx.req.headers.host ?? '127.0.0.1'}`;
    const created = Date.now();
    const magic = /#processing:(\d+)/.exec(displayName ?? '');
    const file = {
      name: `files/${id}`,
      ...(displayName ? { displayName } : {}),
      mimeType: session.mimeType,
      sizeBytes: String(session.received),
      createTime: nowIso(),
      updateTime: nowIso(),
      expirationTime: new Date(created + EXPIRY_MS).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      sha256Hash: digest.toString('base64'),
      uri: `${host}/v1beta/files/${id}`,
      state: 'PROCESSING',
      source: 'UPLOADED',
    };
    records.set(id, { file, readyAt: created + (magic ? Number(magic[1]) : opts.fileProcessingMs), fails: /#failed/.test(displayName ?? '') });
    ctx.entry.upload = { target: file.name, bytes: session.received, sha256: digest.toString('hex') };
    if (!opts.quiet) console.log(`[emulator] upload ${file.name}: ${session.received} bytes, sha256 ${digest.toString('hex')}`);
    return sendJson(ctx, 200, { file: { ...file } }, headers);
  }

  /** @param {import('./http').Ctx} ctx @param {import('./fileRoutes').FileRoute} route */
  function handle(ctx, route) {
    const method = ctx.req.method;
    if (route.family !== 'gemini') throw classic(404, 'The Files API is only available on the Gemini API.');
    if (route.upload) {
      if (method !== 'POST' || route.id) throw classic(405, `Method ${method} is not allowed on ${ctx.url.pathname}.`);
      return ctx.url.searchParams.has('upload_id') ? chunk(ctx) : start(ctx);
    }
    if (!route.id && method === 'GET') {
      const q = ctx.url.searchParams;
      const pageSize = Math.min(Number(q.get('pageSize')) || DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
      const offset = readPageToken(q.get('pageToken'), 'classic');
      const all = [...records.values()].map(current);
      const end = offset + pageSize;
      return sendJson(ctx, 200, { files: all.slice(offset, end), ...(end < all.length ? { nextPageToken: makePageToken(end) } : {}) });
    }
    if (route.id && method === 'GET') return sendJson(ctx, 200, current(lookup(route.id)));
    if (route.id && method === 'DELETE') {
      lookup(route.id);
      records.delete(route.id);
      return sendJson(ctx, 200, {});
    }
    throw classic(405, `Method ${method} is not allowed on ${ctx.url.pathname}.`);
  }

  /**
   * Files API URIs in an interaction's input must name an ACTIVE file (Google: "The File … is not in
   * an ACTIVE state and usage is not allowed."). Returns nothing; throws a 400 otherwise.
   * @param {unknown} input
   */
  function assertUsable(input) {
    const uris = [];
    /** @param {unknown} node */
    const walk = (node) => {
      if (Array.isArray(node)) return node.forEach(walk);
      if (!node || typeof node !== 'object') return;
      const uri = /** @type {any} */ (node).uri;
      if (typeof uri === 'string' && /\/v1beta\/files\/[^/]+$/.test(uri)) uris.push(uri);
      Object.values(node).forEach(walk);
    };
    walk(input);
    for (const uri of uris) {
      const id = uri.split('/').pop() ?? '';
      const record = records.get(id);
      if (!record) throw classic(403, `You do not have permission to access the File ${id} or it may not exist.`);
      const state = current(record).state;
      if (state !== 'ACTIVE') throw classic(400, `The File ${id} is not in an ACTIVE state and usage is not allowed.`);
    }
  }

  return { handle, assertUsable };
}

module.exports = { createFileStore };
