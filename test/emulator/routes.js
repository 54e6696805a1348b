// @ts-check
'use strict';

/**
 * @typedef {object} ApiRoute
 * @property {'gemini' | 'express' | 'enterprise'} family
 * @property {'v1' | 'v1beta' | 'v1beta1'} apiVersion
 * @property {'interactions' | 'agents' | 'models' | 'publisherModels'} resource
 * @property {string} scope which store of interactions/agents the request sees
 * @property {string} [project]
 * @property {string} [location]
 * @property {string} [id]
 * @property {string} [action]
 */

// Any gateway prefix may come before the version segment.
const API_PATH =
  /^.*?\/(v1|v1beta|v1beta1)(?:\/projects\/([^/]+)\/locations\/([^/]+))?\/(interactions|agents|models|publishers\/google\/models)(?:\/([^/]+))?(?:\/(cancel|versions))?\/?$/;

/** @param {string} segment */
function decode(segment) {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/**
 * @param {string} pathname
 * @returns {ApiRoute | undefined}
 */
function parseApiRoute(pathname) {
  const m = API_PATH.exec(pathname);
  if (!m) return undefined;
  const [, version, project, location, collection, rawId, action] = m;
  const apiVersion = /** @type {ApiRoute['apiVersion']} */ (version);
  const id = rawId === undefined ? undefined : decode(rawId);
  if (action && (collection !== (action === 'cancel' ? 'interactions' : 'agents') || !id)) return undefined;
  if (collection === 'publishers/google/models') {
    if (version !== 'v1beta1' || project) return undefined;
    return { family: 'enterprise', apiVersion, resource: 'publisherModels', scope: 'vertex', id };
  }
  const resource = /** @type {ApiRoute['resource']} */ (collection);
  if (project && location) {
    if (resource === 'models') return undefined;
    return { family: 'enterprise', apiVersion, resource, scope: `projects/${project}/locations/${location}`, project, location, id, action };
  }
  if (version === 'v1beta1') {
    return resource === 'models' ? undefined : { family: 'express', apiVersion, resource, scope: 'express', id, action };
  }
  return { family: 'gemini', apiVersion, resource, scope: 'gemini', id, action };
}

/** @param {string} pathname */
const isTokenPath = (pathname) => /\/token$/.test(pathname);

module.exports = { parseApiRoute, isTokenPath };
