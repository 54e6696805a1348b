import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IHttpRequestMethods,
	IHttpRequestOptions,
	INode,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { RequestGate, RequestTicket } from '../scheduling/adaptiveConcurrency';
import { cancellableSleep, ExecutionCancelledError } from './cancellableSleep';
import type { ApiEndpoint, AuthMode } from './endpoints';
import { CREDENTIAL_TYPES, lookUpEndpoint } from './endpoints';
import { apiErrorFromMessage, apiErrorFromResponse } from './errors';
import type { QuotaStop } from './quotaErrors';
import { quotaError } from './quotaErrors';
import type { RetryPolicy } from './retry';
import {
	DEFAULT_RETRY_POLICY,
	isRetryableNetworkCode,
	isRetryableStatus,
	nextRetryDelay,
	parseRetryAfter,
	parseRetryHint,
} from './retry';

/**
 * What the client needs of n8n: the node, its credentials, n8n's authenticated-request helper
 * and, where the context has one, the execution's cancel signal. Every n8n function context
 * (execute, loadOptions/listSearch, webhook, trigger/poll, supplyData) has this shape.
 */
export interface RequestContext {
	getNode(): INode;
	getCredentials(type: string): Promise<ICredentialDataDecryptedObject>;
	helpers: {
		httpRequestWithAuthentication(
			this: unknown,
			credentialsType: string,
			requestOptions: IHttpRequestOptions,
		): Promise<unknown>;
		/** n8n's plain request helper: for sign-in steps before the API call (the metadata server's project). */
		httpRequest?(requestOptions: IHttpRequestOptions): Promise<unknown>;
	};
	getExecutionCancelSignal?(): AbortSignal | undefined;
}

export const DEFAULT_TIMEOUT_MS = 120_000;
/** How long one request may wait for the quota (429s) in total before the item fails. */
export const DEFAULT_MAX_QUOTA_WAIT_MS = 10 * 60_000;

export interface ClientOptions {
	/** Shared by the items of a batch: pauses and paces them all when Google answers 429. */
	gate?: RequestGate;
	maxQuotaWaitMs?: number;
}

export interface ApiCall {
	method: IHttpRequestMethods;
	/**
	 * Below the collection URL (`interactions/…`, `agents/…`), `models:` for the model catalogue,
	 * `upload:` for the collection under `/upload/`, or an absolute upload session URL that Google
	 * handed out (sent to the credential's host only, as Google's SDK does).
	 */
	path: string;
	/** The JSON body, or a Buffer (already encoded JSON, or file bytes with `headers['Content-Type']`). */
	body?: object;
	/** Extra request headers (resumable upload commands); they win over the defaults. */
	headers?: Record<string, string>;
	/** `Accept` for streamed responses other than events (file downloads). */
	accept?: string;
	qs?: IDataObject;
	timeoutMs?: number;
	itemIndex?: number;
	retry?: Partial<RetryPolicy>;
	/** Ask for `text/event-stream` and hand back the open body instead of parsed JSON. */
	stream?: boolean;
}

export interface ApiStreamResponse {
	/** The SSE body, or undefined when the server answered with plain JSON (a gateway that ignores streaming). */
	events?: AsyncIterable<Buffer | string>;
	json?: unknown;
}

/** A response as n8n hands it over: status, lower-cased headers, body (parsed JSON, text, or an open stream). */
export interface ApiResponse {
	statusCode: number;
	headers: Record<string, unknown>;
	body: unknown;
}
type FullResponse = ApiResponse;

/** Builds `interactions/<id>/cancel` with each id encoded as one path segment. */
export function resourcePath(collection: 'interactions' | 'agents' | 'webhooks', id?: string, action?: string): string {
	return [collection, id === undefined ? undefined : encodeURIComponent(id), action]
		.filter((part) => part !== undefined)
		.join('/');
}

export async function readBody(body: unknown): Promise<string> {
	if (typeof body === 'string') return body;
	if (Buffer.isBuffer(body)) return body.toString('utf8');
	if (body && typeof (body as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function') {
		const chunks: Buffer[] = [];
		for await (const chunk of body as AsyncIterable<Buffer | string>) {
			chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
		}
		return Buffer.concat(chunks).toString('utf8');
	}
	return body === undefined ? '' : JSON.stringify(body);
}

function errorCode(error: unknown): unknown {
	const candidate = error as { code?: unknown; cause?: { code?: unknown } };
	return candidate?.cause?.code ?? candidate?.code;
}

/** The credential's sign-in error, wherever n8n put it in the chain of causes. */
function signInErrorIn(error: unknown): Error | undefined {
	let current = error as { name?: string; cause?: unknown } | undefined;
	for (let depth = 0; current && depth < 4; depth++, current = current.cause as typeof current) {
		if (current.name === 'SignInError') return current as Error;
	}
	return undefined;
}

function isTimeout(error: unknown): boolean {
	const text = `${(error as Error)?.message ?? ''} ${(error as { cause?: Error })?.cause?.message ?? ''}`;
	return errorCode(error) === 'ETIMEDOUT' || /timeout/i.test(text);
}

/**
 * The one way this node talks to Google: resolves the endpoint from the credential,
 * authenticates through n8n (`httpRequestWithAuthentication`), retries transient failures
 * with backoff (honouring Retry-After), and turns failures into NodeApiErrors that carry
 * Google's own message.
 */
export class GeminiApiClient {
	/** The endpoint, or why the credential cannot give one. */
	private endpointPromise?: Promise<ApiEndpoint | string>;

	constructor(
		private readonly ctx: RequestContext,
		readonly authMode: AuthMode,
		private readonly options: ClientOptions = {},
	) {}

	get credentialType(): string {
		return CREDENTIAL_TYPES[this.authMode];
	}

	private get node(): INode {
		return this.ctx.getNode();
	}

	private get cancelSignal(): AbortSignal | undefined {
		return typeof this.ctx.getExecutionCancelSignal === 'function' ? this.ctx.getExecutionCancelSignal() : undefined;
	}

	async endpoint(itemIndex?: number): Promise<ApiEndpoint> {
		this.endpointPromise ??= this.ctx
			.getCredentials(this.credentialType)
			.then(async (credentials) => await lookUpEndpoint(this.authMode, credentials, this.plainHttpRequest()));
		const endpoint = await this.endpointPromise;
		if (typeof endpoint === 'string') {
			throw new NodeOperationError(this.node, endpoint, { itemIndex });
		}
		return endpoint;
	}

	private plainHttpRequest() {
		const helpers = this.ctx.helpers;
		if (typeof helpers.httpRequest !== 'function') return undefined;
		return async (options: IHttpRequestOptions) => await helpers.httpRequest!(options);
	}

	async request<T>(call: ApiCall): Promise<T> {
		const response = await this.send({ ...call, stream: false });
		const body = response.body;
		if (typeof body === 'string') {
			if (body.trim() === '') return {} as T;
			try {
				return JSON.parse(body) as T;
			} catch {
				throw apiErrorFromMessage(
					this.node,
					'The Gemini API sent a response that is not valid JSON',
					`${call.method} ${call.path} answered ${response.statusCode} with: ${body.slice(0, 300)}`,
					call.itemIndex,
				);
			}
		}
		return body as T;
	}

	async stream(call: ApiCall): Promise<ApiStreamResponse> {
		const response = await this.send({ ...call, stream: true });
		const contentType = String(response.headers['content-type'] ?? '');
		if (contentType.includes('text/event-stream')) {
			return { events: response.body as AsyncIterable<Buffer | string> };
		}
		const text = await readBody(response.body);
		try {
			return { json: JSON.parse(text) };
		} catch {
			throw apiErrorFromMessage(
				this.node,
				'The Gemini API sent neither an event stream nor JSON',
				`${call.method} ${call.path} answered with content type "${contentType}"`,
				call.itemIndex,
			);
		}
	}

	/**
	 * The whole response (status, headers, body) with the same retries and errors as `request`:
	 * for calls that need headers (resumable uploads) or a body that is not JSON (`stream: true`
	 * hands back the open body, e.g. a file download).
	 */
	async exchange(call: ApiCall): Promise<ApiResponse> {
		return await this.send(call);
	}

	private urlOf(call: ApiCall, endpoint: ApiEndpoint): string {
		const { path } = call;
		if (path.startsWith('models:')) return `${endpoint.modelsUrl}${path.slice('models:'.length)}`;
		if (path.startsWith('upload:')) return `${endpoint.uploadUrl}/${path.slice('upload:'.length)}`;
		if (!/^https?:\/\//.test(path)) return `${endpoint.collectionUrl}/${path}`;
		// An upload session URL: keep its path and query, but only ever talk to the credential's host.
		const session = new URL(path);
		const own = new URL(endpoint.collectionUrl);
		session.protocol = own.protocol;
		session.host = own.host;
		return session.toString();
	}

	private async send(call: ApiCall): Promise<FullResponse> {
		const endpoint = await this.endpoint(call.itemIndex);
		const { refreshesOn401 } = endpoint;
		const url = this.urlOf(call, endpoint);
		const path = new URL(url).pathname;
		const policy = { ...DEFAULT_RETRY_POLICY, ...call.retry };
		const timeoutMs = call.timeoutMs ?? DEFAULT_TIMEOUT_MS;

		const quota = new QuotaWait(this.options.maxQuotaWaitMs ?? DEFAULT_MAX_QUOTA_WAIT_MS);
		for (let attempt = 1; ; ) {
			this.throwIfCancelled();
			const ticket = await quota.measure(this.options.gate?.beforeRequest());
			if (ticket && quota.remainingMs <= 0) {
				// Held back by the batch's pacing for longer than this request may wait.
				this.options.gate!.answered(ticket, false);
				const stop: QuotaStop = { kind: 'waitedTooLong', waitedMs: quota.waitedMs };
				throw quotaError(this.node, stop, parseRetryHint({}, undefined), { body: undefined, method: call.method, path, itemIndex: call.itemIndex });
			}
			let response: FullResponse;
			try {
				response = await this.sendOnce(url, call, timeoutMs, refreshesOn401);
			} catch (error) {
				if (ticket) this.options.gate!.answered(ticket, false);
				this.throwIfCancelled();
				if (isTimeout(error)) {
					throw apiErrorFromMessage(
						this.node,
						`The Gemini API did not answer within ${Math.round(timeoutMs / 1000)} seconds`,
						`${call.method} ${path} timed out. Raise the node's Timeout option for long requests, or run agents in the background.`,
						call.itemIndex,
						'408',
					);
				}
				const delay = isRetryableNetworkCode(errorCode(error))
					? nextRetryDelay(attempt++, undefined, policy)
					: undefined;
				if (delay === undefined) throw this.fromThrown(error, call, path);
				await cancellableSleep(delay, this.cancelSignal);
				continue;
			}

			if (response.statusCode === 429) {
				// Quota: not an attempt that counts. Wait as Google asks, as long as the limit allows.
				const body = call.stream ? await readBody(response.body) : response.body;
				const stop = await this.waitForQuota(quota, ticket, response.headers, body);
				if (stop) {
					throw quotaError(this.node, stop.reason, stop.hint, { body, method: call.method, path, itemIndex: call.itemIndex });
				}
				continue;
			}
			const ok = response.statusCode >= 200 && response.statusCode < 300;
			if (ticket) this.options.gate!.answered(ticket, ok);
			if (ok) return response;
			const delay = isRetryableStatus(response.statusCode)
				? nextRetryDelay(attempt++, parseRetryAfter(response.headers), policy)
				: undefined;
			if (delay === undefined) {
				throw apiErrorFromResponse(this.node, {
					status: response.statusCode,
					body: call.stream ? await readBody(response.body) : response.body,
					method: call.method,
					path,
					itemIndex: call.itemIndex,
				});
			}
			if (call.stream) await readBody(response.body);
			await cancellableSleep(delay, this.cancelSignal);
		}
	}

	/**
	 * After a 429: the reason to stop (a daily quota, a delay beyond the waiting limit, the limit
	 * reached), or undefined once the request may be sent again. With a gate the whole batch
	 * pauses; without one (a single call) this request backs off on its own.
	 */
	private async waitForQuota(
		quota: QuotaWait,
		ticket: RequestTicket | undefined,
		headers: Record<string, unknown>,
		body: unknown,
	): Promise<{ reason: QuotaStop; hint: ReturnType<typeof parseRetryHint> } | undefined> {
		const hint = parseRetryHint(headers, body);
		let reason: QuotaStop | undefined;
		if (hint.daily) reason = { kind: 'daily' };
		else if (hint.delayMs !== undefined && hint.delayMs > quota.remainingMs) {
			reason = { kind: 'hintTooLong', delayMs: hint.delayMs, maxWaitMs: quota.maxMs };
		}
		if (reason) {
			if (ticket) this.options.gate!.answered(ticket, false);
			return { reason, hint };
		}
		if (ticket) {
			await quota.measure(this.options.gate!.throttled(ticket, hint.delayMs));
		} else {
			const delay = hint.delayMs ?? Math.min(32_000, 1000 * 2 ** quota.refusals);
			await quota.measure(cancellableSleep(Math.min(delay, quota.remainingMs), this.cancelSignal));
		}
		quota.refusals++;
		return quota.remainingMs <= 0 ? { reason: { kind: 'waitedTooLong', waitedMs: quota.waitedMs }, hint } : undefined;
	}

	private async sendOnce(url: string, call: ApiCall, timeoutMs: number, refreshesOn401: boolean): Promise<FullResponse> {
		const options: IHttpRequestOptions = {
			method: call.method,
			url,
			qs: call.qs,
			body: call.body as IDataObject | undefined,
			json: true,
			headers: {
				Accept: call.accept ?? (call.stream ? 'text/event-stream' : 'application/json'),
				...(Buffer.isBuffer(call.body) ? { 'Content-Type': 'application/json' } : {}),
				...call.headers,
			},
			returnFullResponse: true,
			// A 401 must still throw where a new token can be had: that makes n8n refresh it and retry once.
			ignoreHttpStatusErrors: refreshesOn401 ? { ignore: true, except: [401] } : true,
			timeout: timeoutMs,
			...(call.stream ? { encoding: 'stream' as const } : {}),
		};
		const response = (await this.ctx.helpers.httpRequestWithAuthentication.call(
			this.ctx,
			this.credentialType,
			options,
		)) as FullResponse;
		return { ...response, headers: response.headers ?? {} };
	}

	private throwIfCancelled(): void {
		if (this.cancelSignal?.aborted) throw new ExecutionCancelledError();
	}

	/**
	 * n8n already wrapped it: a 401 that survived the token refresh, a refused token exchange,
	 * or a connection failure. Keep Google's (or the credential's) own words.
	 */
	private fromThrown(error: unknown, call: ApiCall, path: string): Error {
		const wrapped = error as {
			httpCode?: string | null;
			context?: { data?: unknown };
			cause?: { response?: { status?: number; data?: unknown } };
			message?: string;
		};
		// n8n wraps a failed sign-in in a NodeApiError whose message may be its own; the sign-in's names the step.
		const signIn = signInErrorIn(error);
		if (signIn) {
			return apiErrorFromMessage(this.node, signIn.message, `Signing in for ${call.method} ${path} failed. Check the credential.`, call.itemIndex);
		}
		const status = Number(wrapped.httpCode ?? wrapped.cause?.response?.status);
		const body = wrapped.context?.data ?? wrapped.cause?.response?.data;
		if (Number.isFinite(status) && status > 0) {
			return apiErrorFromResponse(this.node, { status, body, method: call.method, path, itemIndex: call.itemIndex });
		}
		const code = errorCode(error);
		if (typeof code !== 'string') {
			return apiErrorFromMessage(
				this.node,
				wrapped.message ?? String(error),
				`Authenticating ${call.method} ${path} failed. Check the credential.`,
				call.itemIndex,
			);
		}
		return apiErrorFromMessage(
			this.node,
			`Could not reach the Gemini API (${code})`,
			`${call.method} ${path} failed: ${wrapped.message ?? String(error)}. Check the credential's base URL and the network.`,
			call.itemIndex,
		);
	}
}

/** The time one request has spent waiting for the quota, against its limit. */
class QuotaWait {
	waitedMs = 0;
	refusals = 0;

	constructor(readonly maxMs: number) {}

	get remainingMs(): number {
		return Math.max(0, this.maxMs - this.waitedMs);
	}

	async measure<T>(waiting: Promise<T> | undefined): Promise<T | undefined> {
		if (waiting === undefined) return undefined;
		const started = Date.now();
		try {
			return await waiting;
		} finally {
			this.waitedMs += Date.now() - started;
		}
	}
}
