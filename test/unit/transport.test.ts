import type { INode } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { enterpriseHost } from '../../credentials/common/enterpriseHost';
import { resolveEndpoint } from '../../nodes/shared/transport/endpoints';
import { apiErrorFromResponse, googleErrorMessage } from '../../nodes/shared/transport/errors';
import {
	DEFAULT_RETRY_POLICY,
	isRetryableStatus,
	nextRetryDelay,
	parseRetryAfter,
} from '../../nodes/shared/transport/retry';
import { resourcePath } from '../../nodes/shared/transport/client';

const node: INode = {
	id: '1',
	name: 'Gemini Interactions',
	type: 'n8n-nodes-gemini-interactions.geminiInteractions',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

describe('resolveEndpoint', () => {
	it('Gemini API: base URL + version, default host and v1', () => {
		expect(resolveEndpoint('apiKey', { apiKey: 'k' })).toEqual({
			collectionUrl: 'https://generativelanguage.googleapis.com/v1',
			modelsUrl: 'https://generativelanguage.googleapis.com/v1/models',
			uploadUrl: 'https://generativelanguage.googleapis.com/upload/v1',
			filesApi: true,
			refreshesOn401: false,
		});
		expect(resolveEndpoint('apiKey', { apiKey: 'k', baseUrl: 'http://127.0.0.1:9/gw//', apiVersion: 'v1beta' })).toEqual({
			collectionUrl: 'http://127.0.0.1:9/gw/v1beta',
			modelsUrl: 'http://127.0.0.1:9/gw/v1beta/models',
			uploadUrl: 'http://127.0.0.1:9/gw/upload/v1beta',
			filesApi: true,
			refreshesOn401: false,
		});
	});

	it('enterprise: project/location path, project from the key when not set', () => {
		const key = JSON.stringify({
			project_id: 'from-key',
			client_email: 'a@b',
			private_key: '-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n',
		});
		expect(resolveEndpoint('enterprise', { authType: 'serviceAccount', serviceAccountKey: key, location: 'global' })).toEqual({
			collectionUrl: 'https://aiplatform.googleapis.com/v1beta1/projects/from-key/locations/global',
			modelsUrl: 'https://aiplatform.googleapis.com/v1beta1/publishers/google/models',
			uploadUrl: 'https://aiplatform.googleapis.com/upload/v1beta1/projects/from-key/locations/global',
			filesApi: false,
			refreshesOn401: true,
		});
		expect(
			resolveEndpoint('enterprise', {
				authType: 'serviceAccount',
				serviceAccountKey: key,
				projectId: 'override',
				location: 'us-central1',
			}),
		).toMatchObject({ collectionUrl: 'https://us-central1-aiplatform.googleapis.com/v1beta1/projects/override/locations/us-central1' });
	});

	it('enterprise: explains a missing project, an unreadable key or a bad location instead of calling Google', () => {
		expect(resolveEndpoint('enterprise', { authType: 'serviceAccount', serviceAccountKey: '{"project_id": ', location: 'global' })).toMatch(
			/not valid JSON/,
		);
		expect(resolveEndpoint('enterprise', { authType: 'accessToken', accessToken: 't', location: 'global' })).toMatch(
			/no project/,
		);
		expect(resolveEndpoint('enterprise', { authType: 'accessToken', projectId: 'p', location: 'us central' })).toMatch(
			/not a valid location/,
		);
	});

	it.each([
		['global', 'https://aiplatform.googleapis.com'],
		['us', 'https://aiplatform.us.rep.googleapis.com'],
		['eu', 'https://aiplatform.eu.rep.googleapis.com'],
		['europe-west4', 'https://europe-west4-aiplatform.googleapis.com'],
	])('host for %s', (location, host) => {
		expect(enterpriseHost(location)).toBe(host);
	});
});

describe('resourcePath', () => {
	it('encodes ids as one path segment', () => {
		expect(resourcePath('interactions', 'v1_a/b', 'cancel')).toBe('interactions/v1_a%2Fb/cancel');
		expect(resourcePath('agents')).toBe('agents');
	});
});

describe('retry policy', () => {
	it('retries 408, 429 and 5xx only', () => {
		expect([408, 429, 500, 503, 599].every(isRetryableStatus)).toBe(true);
		expect([400, 401, 403, 404, 409].some(isRetryableStatus)).toBe(false);
	});

	it('reads Retry-After in seconds, as an HTTP date, and retry-after-ms', () => {
		expect(parseRetryAfter({ 'retry-after': '2' })).toBe(2000);
		expect(parseRetryAfter({ 'retry-after-ms': '150' })).toBe(150);
		expect(parseRetryAfter({ 'retry-after': new Date(10_000).toUTCString() }, 4_000)).toBe(6000);
		expect(parseRetryAfter({})).toBeUndefined();
	});

	it('backs off exponentially with jitter, honours the server, and stops after the last attempt', () => {
		expect(nextRetryDelay(1, undefined, DEFAULT_RETRY_POLICY, () => 0)).toBe(1000);
		expect(nextRetryDelay(3, undefined, DEFAULT_RETRY_POLICY, () => 0)).toBe(4000);
		expect(nextRetryDelay(2, undefined, DEFAULT_RETRY_POLICY, () => 1)).toBe(1500);
		expect(nextRetryDelay(1, 2500)).toBe(2500);
		expect(nextRetryDelay(DEFAULT_RETRY_POLICY.maxAttempts, undefined)).toBeUndefined();
		expect(nextRetryDelay(1, DEFAULT_RETRY_POLICY.maxRetryAfterMs + 1)).toBeUndefined();
	});
});

describe('API error mapping', () => {
	it("carries Google's message from the Interactions error shape", () => {
		const error = apiErrorFromResponse(node, {
			status: 404,
			body: { error: { message: 'Interaction v1_x not found', code: 'not_found' } },
			method: 'GET',
			path: '/v1/interactions/v1_x',
			itemIndex: 2,
		});
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe('Interaction v1_x not found');
		expect(error.httpCode).toBe('404');
		expect(error.description).toContain('404 (not_found) to GET /v1/interactions/v1_x');
		expect(error.context.itemIndex).toBe(2);
	});

	it('reads the classic Google error shape and raw text bodies', () => {
		expect(
			googleErrorMessage('{"error":{"code":401,"message":"API key not valid.","status":"UNAUTHENTICATED"}}'),
		).toBe('API key not valid.');
		const error = apiErrorFromResponse(node, { status: 502, body: '<html>Bad gateway</html>', method: 'POST', path: '/v1/interactions' });
		expect(error.message).toBe('HTTP 502: <html>Bad gateway</html>');
	});
});
