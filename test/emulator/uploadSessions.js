// @ts-check
'use strict';

const crypto = require('node:crypto');
const { ApiError } = require('./errors');
const { newId } = require('./ids');

/**
 * Google's resumable upload protocol, shared by the Files API and environment uploads.
 *
 * Shapes from `@google/genai` 3.1.0 (node_modules/@google/genai/dist/node/index.mjs):
 * - start: `ApiClient.fetchUploadUrl` (Files API, POST) and `environmentsInternalStartUpload` (PUT) send
 *   `X-Goog-Upload-Protocol: resumable`, `X-Goog-Upload-Command: start`,
 *   `X-Goog-Upload-Header-Content-Length`, `X-Goog-Upload-Header-Content-Type`; the answer's
 *   `x-goog-upload-url` header is where the bytes go.
 * - bytes: `uploadBlobInternal` POSTs 8 MiB chunks with `X-Goog-Upload-Command: upload` (the last one
 *   `upload, finalize`) and `X-Goog-Upload-Offset`; it expects `x-goog-upload-status: active` after
 *   each chunk and `final` (with the resource as JSON) after the last.
 * `query` (how many bytes arrived) and a bare `finalize` are part of the same protocol
 * (Google's resumable upload documentation); a wrong offset is answered 400.
 *
 * Each session hashes what it receives (sha256) and keeps the bytes only when asked to.
 */

/**
 * @typedef {object} UploadSession
 * @property {string} id
 * @property {number} declaredBytes from X-Goog-Upload-Header-Content-Length
 * @property {string} mimeType from X-Goog-Upload-Header-Content-Type
 * @property {number} received
 * @property {crypto.Hash} hash
 * @property {Buffer[] | undefined} chunks the bytes, when the session keeps them
 * @property {any} target what the finished upload becomes (owner-defined)
 */

function createUploadSessions() {
  /** @type {Map<string, UploadSession>} */
  const sessions = new Map();

  /**
   * Opens a session for a `start` request; returns the headers of the answer.
   * @param {import('./http').Ctx} ctx
   * @param {{ keepBytes: boolean, target: any, style: import('./errors').ErrorStyle }} how
   */
  function start(ctx, how) {
    const h = ctx.req.headers;
    if (String(h['x-goog-upload-protocol'] ?? '').toLowerCase() !== 'resumable') {
      throw new ApiError(400, 'Only X-Goog-Upload-Protocol: resumable is supported on this endpoint.', { style: how.style });
    }
    if (String(h['x-goog-upload-command'] ?? '').toLowerCase() !== 'start') {
      throw new ApiError(400, 'The first request of a resumable upload must have X-Goog-Upload-Command: start.', { style: how.style });
    }
    const declared = Number(h['x-goog-upload-header-content-length']);
    if (!Number.isInteger(declared) || declared < 0) {
      throw new ApiError(400, 'X-Goog-Upload-Header-Content-Length must be the file size in bytes.', { style: how.style });
    }
    /** @type {UploadSession} */
    const session = {
      id: newId('', 24),
      declaredBytes: declared,
      mimeType: String(h['x-goog-upload-header-content-type'] ?? '') || 'application/octet-stream',
      received: 0,
      hash: crypto.createHash('sha256'),
      chunks: how.keepBytes ? [] : undefined,
      target: how.target,
    };
    sessions.set(session.id, session);
    const url = new URL(ctx.url.pathname, `http://${ctx.req.headers.host ?? '127.0.0.1'}`);
    for (const [name, value] of ctx.url.searchParams) url.searchParams.set(name, value);
    url.searchParams.set('upload_id', session.id);
    url.searchParams.set('upload_protocol', 'resumable');
    return {
      session,
      headers: {
        'x-goog-upload-url': url.toString(),
        'x-goog-upload-status': 'active',
        'x-goog-upload-chunk-granularity': String(256 * 1024),
        'x-guploader-uploadid': session.id,
      },
    };
  }

  /**
   * One `upload` / `upload, finalize` / `finalize` / `query` request of an open session.
   * @param {import('./http').Ctx} ctx
   * @param {import('./errors').ErrorStyle} style
   * @returns {{ session: UploadSession, final: boolean, headers: Record<string, string> }}
   */
  function receive(ctx, style) {
    const id = ctx.url.searchParams.get('upload_id') ?? '';
    const session = sessions.get(id);
    if (!session) throw new ApiError(404, `No upload session ${id}.`, { style });
    const commands = String(ctx.req.headers['x-goog-upload-command'] ?? '')
      .split(',')
      .map((c) => c.trim().toLowerCase())
      .filter(Boolean);
    const active = { 'x-goog-upload-status': 'active' };
    if (commands.includes('query')) {
      return { session, final: false, headers: { ...active, 'x-goog-upload-size-received': String(session.received) } };
    }
    if (commands.includes('upload')) {
      const offset = Number(ctx.req.headers['x-goog-upload-offset']);
      if (offset !== session.received) {
        throw new ApiError(400, `Invalid X-Goog-Upload-Offset ${ctx.req.headers['x-goog-upload-offset']}: ${session.received} bytes were received so far.`, { style });
      }
      const bytes = ctx.rawBody;
      if (session.received + bytes.length > session.declaredBytes) {
        throw new ApiError(400, `The upload is larger than the ${session.declaredBytes} bytes declared at its start.`, { style });
      }
      session.hash.update(bytes);
      session.chunks?.push(bytes);
      session.received += bytes.length;
    } else if (!commands.includes('finalize')) {
      throw new ApiError(400, 'X-Goog-Upload-Command must be upload, finalize or query.', { style });
    }
    if (!commands.includes('finalize')) return { session, final: false, headers: active };
    if (session.received !== session.declaredBytes) {
      throw new ApiError(400, `Finalized after ${session.received} of the ${session.declaredBytes} declared bytes.`, { style });
    }
    sessions.delete(id);
    return { session, final: true, headers: { 'x-goog-upload-status': 'final' } };
  }

  /** @param {UploadSession} session */
  const bytesOf = (session) => Buffer.concat(session.chunks ?? []);

  return { start, receive, bytesOf };
}

module.exports = { createUploadSessions };
