/* eslint-disable -- test code runs in Node, not in n8n: eslint.dev.config.mjs lints it instead of n8n's node rules */
/**
 * The wire part of the harness' HTTP client, on node:http/node:https. Mirrors the
 * axios 1.x http adapter + follow-redirects behaviour n8n relies on: redirects,
 * the (default 300 s) timeout, cancellation through an AbortSignal, transparent
 * decompression, and streamed responses.
 */
import http from 'node:http';
import https from 'node:https';
import { Readable } from 'node:stream';
import zlib from 'node:zlib';

import type { HeaderBag } from './headerBag';
import { AxiosError, CanceledError, type HarnessAxiosConfig } from './httpErrors';

export interface AbortSignalLike {
	readonly aborted: boolean;
	addEventListener?: (type: 'abort', listener: () => void) => void;
	removeEventListener?: (type: 'abort', listener: () => void) => void;
}

export interface TransportRequest {
	url: string;
	method: string;
	headers: HeaderBag;
	body?: Buffer | Readable;
	timeout: number;
	maxRedirects: number;
	signal?: AbortSignalLike;
	rejectUnauthorized: boolean;
	auth?: string;
	stream: boolean;
	config: HarnessAxiosConfig;
	onSend: (hop: { method: string; url: string; headers: Record<string, string> }) => void;
}

export interface TransportResponse {
	status: number;
	statusText: string;
	headers: Record<string, string | string[]>;
	body: Buffer | Readable;
}

function plainHeaders(res: http.IncomingMessage): Record<string, string | string[]> {
	const headers: Record<string, string | string[]> = {};
	for (const [name, value] of Object.entries(res.headers)) {
		if (value !== undefined) headers[name] = value;
	}
	return headers;
}

function decoderFor(encoding: string): zlib.Unzip | zlib.BrotliDecompress | undefined {
	if (['gzip', 'x-gzip', 'compress', 'x-compress', 'deflate'].includes(encoding)) {
		const flush = zlib.constants.Z_SYNC_FLUSH;
		return zlib.createUnzip({ flush, finishFlush: flush });
	}
	if (encoding === 'br') {
		const flush = zlib.constants.BROTLI_OPERATION_FLUSH;
		return zlib.createBrotliDecompress({ flush, finishFlush: flush });
	}
	return undefined;
}

function decompressed(res: http.IncomingMessage, method: string): Readable {
	const encoding = String(res.headers['content-encoding'] ?? '').toLowerCase();
	if (!encoding) return res;
	if (method === 'HEAD' || res.statusCode === 204) {
		delete res.headers['content-encoding'];
		return res;
	}
	const decoder = decoderFor(encoding);
	if (!decoder) return res;
	delete res.headers['content-encoding'];
	res.on('error', (error) => decoder.destroy(error));
	return res.pipe(decoder);
}

async function* relay(source: Readable): AsyncGenerator<Buffer> {
	for await (const chunk of source) yield chunk as Buffer;
}

const REDIRECT_CODES = new Set([301, 302, 303, 307, 308]);

export async function send(request: TransportRequest): Promise<TransportResponse> {
	const { signal, config } = request;
	// axios' dispatchRequest throws before anything is sent when already cancelled.
	if (signal?.aborted) throw new CanceledError(undefined, config);

	return await new Promise<TransportResponse>((resolve, reject) => {
		let settled = false;
		let currentRequest: http.ClientRequest | undefined;
		let responseStream: Readable | undefined;
		let timer: NodeJS.Timeout | undefined;

		const cleanup = (): void => {
			if (timer) clearTimeout(timer);
			signal?.removeEventListener?.('abort', onAbort);
		};
		const fail = (error: Error): void => {
			if (settled) return;
			settled = true;
			cleanup();
			currentRequest?.destroy();
			reject(error);
		};
		function onAbort(): void {
			const error = new CanceledError(undefined, config);
			if (!settled) return fail(error);
			if (responseStream && !responseStream.destroyed) responseStream.destroy(error);
			currentRequest?.destroy();
			cleanup();
		}
		signal?.addEventListener?.('abort', onAbort);
		if (request.timeout > 0) {
			timer = setTimeout(
				() => fail(new AxiosError(`timeout of ${request.timeout}ms exceeded`, 'ECONNABORTED', config)),
				request.timeout,
			);
		}

		const hop = (url: string, method: string, body: Buffer | Readable | undefined, left: number): void => {
			let target: URL;
			try {
				target = new URL(url);
			} catch (error) {
				return fail(AxiosError.fromError(Object.assign(error as Error, { code: 'ERR_INVALID_URL' }), config));
			}
			if (target.protocol !== 'http:' && target.protocol !== 'https:') {
				return fail(new AxiosError(`Unsupported protocol ${target.protocol}`, 'ERR_BAD_REQUEST', config));
			}
			const headers = request.headers.toObject();
			request.onSend({ method, url, headers });
			const transport = target.protocol === 'https:' ? https : http;
			const req = transport.request(target, {
				method,
				headers,
				auth: request.auth,
				agent: false,
				rejectUnauthorized: request.rejectUnauthorized,
			});
			currentRequest = req;
			req.on('error', (error) => fail(AxiosError.fromError(error, config)));
			req.on('response', (res) => {
				const status = res.statusCode ?? 0;
				const location = res.headers.location;
				if (request.maxRedirects > 0 && REDIRECT_CODES.has(status) && location) {
					res.resume();
					if (left <= 0) {
						return fail(new AxiosError('Maximum number of redirects exceeded', 'ERR_FR_TOO_MANY_REDIRECTS', config));
					}
					const changeToGet =
						((status === 301 || status === 302) && method === 'POST') ||
						(status === 303 && method !== 'GET' && method !== 'HEAD');
					if (changeToGet) {
						for (const name of ['content-type', 'content-length', 'transfer-encoding']) request.headers.delete(name);
					} else if (body instanceof Readable) {
						return fail(new Error('harness: replaying a streamed request body on redirect not implemented'));
					}
					request.headers.delete('host');
					return hop(new URL(location, url).toString(), changeToGet ? 'GET' : method, changeToGet ? undefined : body, left - 1);
				}
				onResponse(res, method);
			});
			if (body instanceof Readable) {
				body.on('error', (error) => req.destroy(error));
				body.pipe(req);
			} else {
				req.end(body);
			}
		};

		const onResponse = (res: http.IncomingMessage, method: string): void => {
			if (timer) clearTimeout(timer);
			// follow-redirects keeps an idle timeout on the socket after the response
			// arrived and destroys it when it fires; a native request (no redirects) does not.
			if (request.timeout > 0 && request.maxRedirects > 0) {
				res.socket?.setTimeout(request.timeout, () => res.socket?.destroy());
			}
			const source = decompressed(res, method);
			const meta = { status: res.statusCode ?? 0, statusText: res.statusMessage ?? '', headers: plainHeaders(res) };
			if (request.stream) {
				// axios 1.18 hands out a Readable.from() wrapper, not the IncomingMessage.
				const wrapper = Readable.from(relay(source), { objectMode: false });
				responseStream = wrapper;
				wrapper.once('close', cleanup);
				settled = true;
				return resolve({ ...meta, body: wrapper });
			}
			const chunks: Buffer[] = [];
			source.on('data', (chunk: Buffer) => chunks.push(chunk));
			res.on('aborted', () => fail(new AxiosError('stream has been aborted', 'ERR_BAD_RESPONSE', config)));
			source.on('error', (error: Error & { code?: string }) => fail(AxiosError.fromError(error, config)));
			source.on('end', () => {
				if (settled) return;
				settled = true;
				cleanup();
				resolve({ ...meta, body: Buffer.concat(chunks) });
			});
		};

		hop(request.url, request.method, request.body, request.maxRedirects);
	});
}
