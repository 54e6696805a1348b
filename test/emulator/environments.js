// @ts-check
'use strict';

const { ApiError, invalidRequest, notFound } = require('./errors');
const { sendJson } = require('./http');
const { newId, nowIso } = require('./ids');
const { makePageToken, readPageToken } = require('./paging');
const { chunksOf, pdfReport, sizeOf, tarChunks } = require('./fileContent');

/**
 * Agent sandboxes and their files.
 *
 * Shapes from `@google/genai` 3.1.0 (dist/genai.d.ts): `Environment` {id, created, updated,
 * last_accessed, status: 'active' | 'expired', file_count, size_bytes (int64 as strings), network,
 * sources}; `EnvironmentFile` {name, path (relative to the root, e.g. "workspace/src/main.py"), type:
 * 'file' | 'directory', size_bytes, mime_type (empty for directories), created, modified};
 * `GetEnvironmentFilesResponse` {files, next_page_token} — a directory lists its contents, a file
 * a single entry; query `recursive`, `page_size`, `page_token`. `ListEnvironmentsResponse`
 * {environments, next_page_token}. Errors use the Interactions service's shape (same generated client).
 *
 * Choices where the SDK says nothing (the emulator's own, documented in README.md):
 * - Google keeps an idle environment 7 days (the Antigravity docs); after that GET shows `status:
 *   "expired"` and its files answer 404 "Environment … has expired". `environmentIdleMs` and
 *   `advanceClock` control this.
 * - `?alt=media` on a directory answers a POSIX tar of it (`application/x-tar`).
 * - An Antigravity or custom agent run that completes writes `workspace/out/report.pdf` (a PDF of its
 *   answer) and `workspace/out/summary.md` into its environment.
 */

const DAY_MS = 24 * 60 * 60 * 1000;
const DEFAULT_PAGE_SIZE = 100;
const MAX_PAGE_SIZE = 1000;

const MIME_BY_EXTENSION = /** @type {Record<string, string>} */ ({
  pdf: 'application/pdf',
  md: 'text/markdown',
  txt: 'text/plain',
  csv: 'text/csv',
  json: 'application/json',
  png: 'image/png',
  jpg: 'image/jpeg',
  py: 'text/x-python',
  html: 'text/html',
  tar: 'application/x-tar',
  zip: 'application/zip',
});

/** @param {string} path */
const mimeFor = (path) => MIME_BY_EXTENSION[path.split('.').pop()?.toLowerCase() ?? ''] ?? 'application/octet-stream';

/** `/workspace//out/` → `workspace/out`; '' is the root. @param {string} path */
const normalize = (path) =>
  path
    .split('/')
    .filter((part) => part !== '' && part !== '.')
    .join('/');

/**
 * @typedef {object} StoredFile
 * @property {import('./fileContent').FileContent} content
 * @property {string} mimeType
 * @property {string} created
 * @property {string} modified
 *
 * @typedef {object} StoredEnvironment
 * @property {string} id
 * @property {string} scope
 * @property {string} created
 * @property {string} updated
 * @property {number} lastAccessedMs on the emulator's clock
 * @property {boolean} forcedExpired
 * @property {Map<string, StoredFile>} files by normalized path
 * @property {any} [config] sources / network of a created environment
 */

/**
 * @param {{ environmentIdleMs: number }} opts
 * @param {ReturnType<import('./uploadSessions').createUploadSessions>} uploads
 */
function createEnvironmentStore(opts, uploads) {
  /** @type {Map<string, StoredEnvironment>} */
  const records = new Map();
  let clockOffsetMs = 0;
  const now = () => Date.now() + clockOffsetMs;
  const iso = (/** @type {number} */ ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

  /** @param {StoredEnvironment} env */
  const expired = (env) => env.forcedExpired || now() - env.lastAccessedMs > opts.environmentIdleMs;

  /** @param {string} scope @param {string} id */
  function create(scope, id, config) {
    const stamp = iso(now());
    /** @type {StoredEnvironment} */
    const env = { id, scope, created: stamp, updated: stamp, lastAccessedMs: now(), forcedExpired: false, files: new Map(), config };
    records.set(id, env);
    return env;
  }

  /** The environment an interaction runs in: created on first use, its idle clock reset. @param {string} scope @param {string} id */
  function ensure(scope, id) {
    const env = records.get(id);
    if (!env) return create(scope, id);
    if (!expired(env)) env.lastAccessedMs = now();
    return env;
  }

  /** @param {string} scope @param {string} id @param {{ forFiles?: boolean }} [how] */
  function lookup(scope, id, how = {}) {
    const env = records.get(id);
    if (!env || env.scope !== scope) throw notFound(`Environment ${id} not found`);
    if (how.forFiles && expired(env)) {
      throw notFound(`Environment ${id} has expired: environments are deleted after ${Math.round(opts.environmentIdleMs / DAY_MS)} days without use`);
    }
    if (!expired(env)) env.lastAccessedMs = now();
    return env;
  }

  /** @param {StoredEnvironment} env @param {string} path @param {import('./fileContent').FileContent} content @param {string} [mimeType] */
  function writeFile(env, path, content, mimeType) {
    const stamp = iso(now());
    const existing = env.files.get(path);
    env.files.set(path, { content, mimeType: mimeType || mimeFor(path), created: existing?.created ?? stamp, modified: stamp });
    env.updated = stamp;
  }

  /** @param {StoredEnvironment} env */
  function render(env) {
    let size = 0;
    for (const file of env.files.values()) size += sizeOf(file.content);
    return {
      id: env.id,
      created: env.created,
      updated: env.updated,
      last_accessed: iso(env.lastAccessedMs),
      status: expired(env) ? 'expired' : 'active',
      file_count: String(env.files.size),
      size_bytes: String(size),
      ...(env.config?.sources ? { sources: env.config.sources } : {}),
      ...(env.config?.network ? { network: env.config.network } : {}),
    };
  }

  /** @param {string} path @param {StoredFile} file */
  const fileEntry = (path, file) => ({
    name: path.split('/').pop(),
    path,
    type: 'file',
    size_bytes: String(sizeOf(file.content)),
    mime_type: file.mimeType,
    created: file.created,
    modified: file.modified,
  });

  /** Files under a directory ('' = all), sorted by path. @param {StoredEnvironment} env @param {string} dir */
  function filesUnder(env, dir) {
    const prefix = dir === '' ? '' : `${dir}/`;
    return [...env.files.entries()].filter(([path]) => path.startsWith(prefix)).sort(([a], [b]) => a.localeCompare(b));
  }

  /** Immediate children of a directory: its files and subdirectories. @param {StoredEnvironment} env @param {string} dir */
  function children(env, dir) {
    const prefix = dir === '' ? '' : `${dir}/`;
    /** @type {Map<string, any>} */
    const entries = new Map();
    for (const [path, file] of filesUnder(env, dir)) {
      const rest = path.slice(prefix.length);
      const slash = rest.indexOf('/');
      if (slash === -1) {
        entries.set(path, fileEntry(path, file));
        continue;
      }
      const sub = prefix + rest.slice(0, slash);
      const entry = entries.get(sub) ?? { name: rest.slice(0, slash), path: sub, type: 'directory', size_bytes: '0', mime_type: '', created: file.created, modified: file.modified };
      entry.size_bytes = String(Number(entry.size_bytes) + sizeOf(file.content));
      if (file.modified > entry.modified) entry.modified = file.modified;
      entries.set(sub, entry);
    }
    return [...entries.values()].sort((a, b) => a.path.localeCompare(b.path));
  }

  /** @param {import('./http').Ctx} ctx @param {string} mimeType @param {Iterable<Buffer>} chunks @param {number} [length] */
  function sendBytes(ctx, mimeType, chunks, length) {
    ctx.entry.status = 200;
    ctx.res.writeHead(200, { 'content-type': mimeType, ...(length === undefined ? {} : { 'content-length': String(length) }) });
    const iterator = chunks[Symbol.iterator]();
    // Write with backpressure, so a 100 MB file never sits in the socket buffer whole.
    const pump = () => {
      for (;;) {
        const next = iterator.next();
        if (next.done) return void ctx.res.end();
        if (!ctx.res.write(next.value)) return void ctx.res.once('drain', pump);
      }
    };
    ctx.res.on('error', () => undefined);
    pump();
  }

  /** @param {import('./http').Ctx} ctx @param {StoredEnvironment} env @param {string} path */
  function getFiles(ctx, env, path) {
    const q = ctx.url.searchParams;
    const file = env.files.get(path);
    const isDir = !file && (path === '' || filesUnder(env, path).length > 0);
    if (!file && !isDir) throw notFound(`File or directory "${path}" not found in environment ${env.id}`);
    if (q.get('alt') === 'media') {
      if (file) return sendBytes(ctx, file.mimeType, chunksOf(file.content), sizeOf(file.content));
      const base = path === '' ? '' : `${path}/`;
      const entries = filesUnder(env, path).map(([p, f]) => ({ name: p.slice(base.length), content: f.content, mtime: new Date(f.modified) }));
      return sendBytes(ctx, 'application/x-tar', tarChunks(entries));
    }
    if (file) return sendJson(ctx, 200, { files: [fileEntry(path, file)] });
    const pageSize = q.has('page_size') ? Number(q.get('page_size')) : DEFAULT_PAGE_SIZE;
    if (!Number.isInteger(pageSize) || pageSize < 1) throw invalidRequest('page_size must be a positive integer.');
    const all =
      q.get('recursive') === 'true' ? filesUnder(env, path).map(([p, f]) => fileEntry(p, f)) : children(env, path);
    const offset = readPageToken(q.get('page_token'), 'interactions');
    const end = offset + Math.min(pageSize, MAX_PAGE_SIZE);
    return sendJson(ctx, 200, { files: all.slice(offset, end), ...(end < all.length ? { next_page_token: makePageToken(end) } : {}) });
  }

  /** PUT /upload/{v}/environments/{env}/files/{path} and the session's chunk POSTs. @param {import('./http').Ctx} ctx @param {import('./fileRoutes').FileRoute} route */
  function handleUpload(ctx, route) {
    const method = ctx.req.method;
    if (method === 'POST' && ctx.url.searchParams.has('upload_id')) {
      const { session, final, headers } = uploads.receive(ctx, 'interactions');
      if (!final) return sendJson(ctx, 200, '', headers);
      const { env, path } = session.target;
      const bytes = uploads.bytesOf(session);
      writeFile(env, path, { bytes }, session.mimeType);
      ctx.entry.upload = { target: `${env.id}/${path}`, bytes: session.received, sha256: session.hash.digest('hex') };
      return sendJson(ctx, 200, { files: [fileEntry(path, /** @type {StoredFile} */ (env.files.get(path)))] }, headers);
    }
    if (method !== 'PUT') throw new ApiError(405, `Method ${method} is not allowed on ${ctx.url.pathname}.`);
    const env = lookup(route.scope, /** @type {string} */ (route.id), { forFiles: true });
    const path = normalize(route.filePath ?? '');
    if (path === '') throw invalidRequest('The upload needs a file path inside the environment.');
    if (filesUnder(env, path).length > 0) throw invalidRequest(`"${path}" is a directory in environment ${env.id}.`);
    if (env.files.has(path) && ctx.url.searchParams.get('overwrite') !== 'true') {
      throw new ApiError(409, `File "${path}" already exists in environment ${env.id}; set overwrite=true to replace it.`);
    }
    const { headers } = uploads.start(ctx, { keepBytes: true, target: { env, path }, style: 'interactions' });
    return sendJson(ctx, 200, '', headers);
  }

  /** /{v}/environments[/{id}[/files[/{path}]]] @param {import('./http').Ctx} ctx @param {import('./fileRoutes').FileRoute} route */
  function handle(ctx, route) {
    if (route.upload) return handleUpload(ctx, route);
    const method = ctx.req.method;
    const { scope, id } = route;
    if (!id && method === 'GET') {
      const all = [...records.values()].filter((env) => env.scope === scope).map(render);
      const pageSize = Math.min(Number(ctx.url.searchParams.get('page_size')) || DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
      const offset = readPageToken(ctx.url.searchParams.get('page_token'), 'interactions');
      const end = offset + pageSize;
      return sendJson(ctx, 200, { environments: all.slice(offset, end), ...(end < all.length ? { next_page_token: makePageToken(end) } : {}) });
    }
    if (!id && method === 'POST') return sendJson(ctx, 200, render(create(scope, newId('env_', 9), ctx.body ?? {})));
    if (id && route.filePath !== undefined && method === 'GET') {
      return getFiles(ctx, lookup(scope, id, { forFiles: true }), normalize(route.filePath));
    }
    if (id && route.filePath === undefined && method === 'GET') return sendJson(ctx, 200, render(lookup(scope, id)));
    if (id && route.filePath === undefined && method === 'DELETE') {
      lookup(scope, id);
      records.delete(id);
      return sendJson(ctx, 200, {});
    }
    throw new ApiError(405, `Method ${method} is not allowed on ${ctx.url.pathname}.`);
  }

  /**
   * What an Antigravity or custom agent leaves in its sandbox when it completes.
   * @param {string} scope @param {string} id @param {{ agent: string, text: string }} run
   */
  function agentFinished(scope, id, run) {
    const env = ensure(scope, id);
    const lines = run.text.split('\n');
    writeFile(env, 'workspace/out/report.pdf', { bytes: pdfReport(`Report by ${run.agent}`, lines) });
    writeFile(env, 'workspace/out/summary.md', { bytes: Buffer.from(`# Summary\n\n${run.text}\n`) });
  }

  return {
    handle,
    ensure,
    agentFinished,
    /** Test control: an environment that has been idle too long. @param {string} id */
    expire(id) {
      const env = records.get(id);
      if (!env) throw notFound(`Environment ${id} not found`);
      env.forcedExpired = true;
    },
    /** Test control: moves the environments' clock forward (idle expiry). @param {number} ms */
    advanceClock(ms) {
      clockOffsetMs += ms;
    },
    /**
     * Test control: puts a file into an environment (creating it in the Gemini API scope when needed).
     * @param {string} id @param {string} path @param {{ text?: string, base64?: string, size?: number, seed?: string, mimeType?: string, scope?: string }} file
     */
    putFile(id, path, file) {
      const env = records.get(id) ?? create(file.scope ?? 'gemini', id);
      /** @type {import('./fileContent').FileContent} */
      const content =
        file.size !== undefined
          ? { size: file.size, seed: file.seed ?? `${id}/${path}` }
          : { bytes: file.base64 !== undefined ? Buffer.from(file.base64, 'base64') : Buffer.from(file.text ?? '') };
      writeFile(env, normalize(path), content, file.mimeType);
      return fileEntry(normalize(path), /** @type {StoredFile} */ (env.files.get(normalize(path))));
    },
  };
}

module.exports = { createEnvironmentStore, DAY_MS };
