// @ts-check
'use strict';

/**
 * Routes of the environment files API and the Gemini Files API (kept apart from routes.js, which
 * serves interactions, agents and models).
 *
 * Paths, from `@google/genai` 3.1.0 (dist/node/index.mjs):
 * - `/{api_version}/environments[/{id}]` (environmentsList/Get/Create/DeleteEnvironment),
 * - `/{api_version}/environments/{environment}/files/{path}` (environmentsFilesList; the path keeps its
 *   slashes: `percentExceptReserved`), the same with `?alt=media` for the bytes
 *   (GeminiNextGenEnvironmentFiles.download),
 * - `PUT /upload/{api_version}/environments/{environment}/files/{path}` (environmentsInternalStartUpload),
 * - Files API: `upload/{api_version}/files` (ApiClient.uploadFile), `files` (Files.listInternal),
 *   `files/{file}` (Files.get / Files.delete). The Files API exists only on the Gemini API
 *   (`Files.upload` throws for Vertex: "does not support uploading files. You can share files through a GCS bucket.").
 *
 * @typedef {object} FileRoute
 * @property {'gemini' | 'express' | 'enterprise'} family
 * @property {'v1' | 'v1beta' | 'v1beta1'} apiVersion
 * @property {'environments' | 'files'} resource
 * @property {string} scope
 * @property {string} [project]
 * @property {string} [location]
 * @property {boolean} upload under /upload/
 * @property {string} [id] environment id or file id
 * @property {string} [filePath] path inside the environment ('' = its root) when the route is under /files
 */

const FILE_PATH =
  /^.*?\/(?:(upload)\/)?(v1|v1beta|v1beta1)(?:\/projects\/([^/]+)\/locations\/([^/]+))?\/(environments|files)(?:\/([^/]+))?(?:(\/files)(?:\/(.*))?)?\/?$/;

/** @param {string} text */
function decode(text) {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * @param {string} pathname
 * @returns {FileRoute | undefined}
 */
function parseFileRoute(pathname) {
  const m = FILE_PATH.exec(pathname);
  if (!m) return undefined;
  const [, upload, version, project, location, resource, rawId, filesSegment, rawPath] = m;
  const apiVersion = /** @type {FileRoute['apiVersion']} */ (version);
  const filesUnder = filesSegment !== undefined;
  const base = {
    apiVersion,
    resource: /** @type {FileRoute['resource']} */ (resource),
    upload: upload === 'upload',
    id: rawId === undefined ? undefined : decode(rawId),
    filePath: resource === 'environments' && filesUnder ? decode(rawPath ?? '') : undefined,
  };
  if (resource === 'files' && (project || version === 'v1beta1' || rawPath !== undefined || filesUnder)) return undefined;
  if (project && location) return { ...base, family: 'enterprise', scope: `projects/${project}/locations/${location}`, project, location };
  if (version === 'v1beta1') return { ...base, family: 'express', scope: 'express' };
  return { ...base, family: 'gemini', scope: 'gemini' };
}

module.exports = { parseFileRoute };
