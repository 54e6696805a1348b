/* eslint-disable -- test code runs in Node, not in n8n: eslint.dev.config.mjs lints it instead of n8n's node rules */
/**
 * `helpers.httpRequest` as n8n 2.41 runs it: `removeEmptyBody` + `convertN8nRequestToAxios`
 * + the axios defaults/interceptor n8n installs + axios' own request/response transforms,
 * executed over real HTTP by ./httpTransport.
 */
import type { IHttpRequestOptions, IN8nHttpFullResponse, IN8nHttpResponse } from 'n8n-workflow';
import { assertUrlAllowed, isObjectEmpty } from 'n8n-workflow';
import { Readable } from 'node:stream';

import { HeaderBag } from './headerBag';
import { AxiosError, statusError, type HarnessAxiosConfig, type HarnessAxiosResponse } from './httpErrors';
import { send, type AbortSignalLike } from './httpTransport';
import { appendQuery, buildFullPath, stringifyQuery, urlEncodeForm } from './querystring';
import { harnessNotImplemented, type RecordedRequest, type Recorder } from './types';

/** n8n sets `axios.defaults.timeout = 300000`. */
export const DEFAULT_TIMEOUT_MS = 300_000;
/** follow-redirects' default, which n8n does not change (it ignores `maxRedirects`). */
const DEFAULT_MAX_REDIRECTS = 21;
const SECRET_HEADER = /auth|token|secret|key|cookie|session|password/i;

function isEmptyLikeLodash(value: unknown): boolean {
	if (value === null || value === undefined) return true;
	if (typeof value === 'string' || Array.isArray(value) || Buffer.isBuffer(value)) return value.length === 0;
	if (value instanceof Map || value instanceof Set) return value.size === 0;
	if (typeof value === 'object') return Object.keys(value).length === 0;
	return true;
}

/** n8n's `removeEmptyBody` (mutates the options, as n8n does). */
export function removeEmptyBody(options: IHttpRequestOptions): void {
	const method = options.method ?? 'GET';
	if (['GET', 'HEAD', 'OPTIONS'].includes(method) && isEmptyLikeLodash(options.body)) delete options.body;
}

function isStreamLike(value: unknown): value is Readable {
	return value instanceof Readable || (typeof value === 'object' && value !== null && typeof (value as Readable).pipe === 'function');
}

function hasGetHeaders(value: unknown): value is Readable & { getHeaders(): Record<string, string> } {
	return isStreamLike(value) && typeof (value as { getHeaders?: unknown }).getHeaders === 'function';
}

/** axios' `stringifySafely`: valid JSON strings are sent trimmed, everything else JSON-encoded. */
function stringifySafely(value: unknown): string {
	if (typeof value === 'string') {
		try {
			JSON.parse(value);
			return value.trim();
		} catch {
			// not JSON: falls through to JSON.stringify like axios
		}
	}
	return JSON.stringify(value);
}

/** axios' default `transformRequest`. */
function transformRequest(data: unknown, headers: HeaderBag): Buffer | Readable | string {
	const contentType = headers.get('content-type') ?? '';
	if (typeof FormData !== 'undefined' && data instanceof FormData) {
		return harnessNotImplemented('httpRequest with a WHATWG FormData body');
	}
	if (Buffer.isBuffer(data) || isStreamLike(data)) return data;
	if (data instanceof ArrayBuffer) return Buffer.from(data);
	if (ArrayBuffer.isView(data)) return Buffer.from(data.buffer);
	if (data instanceof URLSearchParams) {
		headers.set('Content-Type', 'application/x-www-form-urlencoded;charset=utf-8', false);
		return data.toString();
	}
	const isObject = typeof data === 'object' && data !== null;
	if (isObject && contentType.includes('application/x-www-form-urlencoded')) {
		return urlEncodeForm(data as Record<string, unknown>);
	}
	if (isObject && contentType.includes('multipart/form-data')) {
		return harnessNotImplemented('httpRequest with a multipart object body');
	}
	if (isObject || contentType.includes('application/json')) {
		headers.set('Content-Type', 'application/json', false);
		return stringifySafely(data);
	}
	return String(data);
}

/** axios' default `transformResponse` (silent JSON parsing). */
function transformResponse(raw: Buffer, responseType: string | undefined): unknown {
	if (responseType === 'arraybuffer') return raw;
	const text = raw.toString('utf8').replace(/^\uFEFF/, '');
	if (text && (!responseType || responseType === 'json')) {
		try {
			return JSON.parse(text) as unknown;
		} catch {
			return text;
		}
	}
	return text;
}

function validateStatus(options: IHttpRequestOptions, status: number): boolean {
	const ignore = options.ignoreHttpStatusErrors;
	if (typeof ignore === 'object' && ignore !== null && ignore.ignore === true) {
		return !ignore.except.includes(status);
	}
	if (ignore) return true;
	return status >= 200 && status < 300;
}

function redactedHeaders(headers: Record<string, string>, recorder: Recorder): Record<string, string> {
	const result: Record<string, string> = {};
	for (const [name, value] of Object.entries(headers)) {
		result[name] = SECRET_HEADER.test(name) && value.length > 0 ? '*****' : recorder.redact(value);
	}
	return result;
}

export async function httpRequest(
	requestOptions: IHttpRequestOptions,
	recorder: Recorder,
): Promise<IN8nHttpFullResponse | IN8nHttpResponse> {
	removeEmptyBody(requestOptions);
	if (requestOptions.proxy) harnessNotImplemented('httpRequest proxy option');

	// --- convertN8nRequestToAxios ---
	const headers = new HeaderBag(requestOptions.headers ?? {});
	const method = (requestOptions.method ?? 'GET').toUpperCase();
	let data: unknown;
	const { body } = requestOptions;
	if (body) {
		if (!headers.has('content-type')) {
			if (hasGetHeaders(body)) for (const [name, value] of Object.entries(body.getHeaders())) headers.set(name, value);
			else if (body instanceof URLSearchParams) headers.set('Content-Type', 'application/x-www-form-urlencoded');
		} else if (headers.get('content-type') === 'application/x-www-form-urlencoded') {
			data = new URLSearchParams(body as Record<string, string>);
		}
		if (typeof body === 'string' || (typeof body === 'object' && !isObjectEmpty(body))) data = body;
	}
	if (requestOptions.json) headers.set('Accept', 'application/json', false);
	headers.set('User-Agent', 'n8n', false);
	if (data === undefined || method === 'GET') data = undefined;

	const fullUrl = appendQuery(
		buildFullPath(requestOptions.baseURL, requestOptions.url),
		stringifyQuery(requestOptions.qs, requestOptions.arrayFormat ?? 'indices'),
	);
	assertUrlAllowed({ url: fullUrl, allowedDomains: requestOptions.allowedDomains });

	// --- axios defaults, n8n's request interceptor, dispatchRequest, http adapter ---
	headers.set('Accept', 'application/json, text/plain, */*', false);
	if (data === undefined) headers.set('Content-Type', false, false);
	let payload: Buffer | Readable | undefined;
	if (data !== undefined) {
		const transformed = transformRequest(data, headers);
		payload = typeof transformed === 'string' ? Buffer.from(transformed, 'utf8') : transformed;
	}
	if (['POST', 'PUT', 'PATCH'].includes(method)) {
		headers.set('Content-Type', 'application/x-www-form-urlencoded', false);
	}
	let auth: string | undefined;
	if (requestOptions.auth) {
		auth = `${requestOptions.auth.username || ''}:${requestOptions.auth.password || ''}`;
		headers.delete('authorization');
	}
	if (Buffer.isBuffer(payload)) headers.set('Content-Length', payload.length, false);
	headers.set('Accept-Encoding', 'gzip, compress, deflate, br', false);

	const timeout = requestOptions.timeout ?? DEFAULT_TIMEOUT_MS;
	const responseType = requestOptions.encoding;
	if (responseType === 'blob' || responseType === 'document') {
		harnessNotImplemented(`httpRequest encoding '${responseType}'`);
	}
	const config: HarnessAxiosConfig = { url: fullUrl, method, headers: headers.toObject(), data, timeout, responseType };

	let entry: RecordedRequest | undefined;
	let response: HarnessAxiosResponse;
	try {
		const result = await send({
			url: fullUrl,
			method,
			headers,
			body: payload,
			timeout,
			maxRedirects: requestOptions.disableFollowRedirect === true ? 0 : DEFAULT_MAX_REDIRECTS,
			signal: requestOptions.abortSignal as AbortSignalLike | undefined,
			rejectUnauthorized: requestOptions.skipSslCertificateValidation !== true,
			auth,
			stream: responseType === 'stream',
			config,
			onSend: (hop) => {
				entry = { method: hop.method, url: recorder.redact(hop.url), headers: redactedHeaders(hop.headers, recorder) };
				recorder.requests.push(entry);
			},
		});
		response = {
			status: result.status,
			statusText: result.statusText,
			headers: result.headers,
			data: Buffer.isBuffer(result.body) ? transformResponse(result.body, responseType) : result.body,
			config,
		};
	} catch (error) {
		if (entry && error instanceof AxiosError) entry.errorCode = error.code;
		throw error;
	}
	if (entry) entry.status = response.status;
	if (!validateStatus(requestOptions, response.status)) throw statusError(response);

	if (requestOptions.returnFullResponse) {
		return {
			body: response.data,
			headers: response.headers,
			statusCode: response.status,
			statusMessage: response.statusText,
		} as IN8nHttpFullResponse;
	}
	return response.data as IN8nHttpResponse;
}
