import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IHttpRequestMethods,
	IHttpRequestOptions,
	INode,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { cancellableSleep, ExecutionCancelledError } from './cancellableSleep';
import type { ApiEndpoint, AuthMode } from './endpoints';
import { CREDENTIAL_TYPES, lookUpEndpoint } from './endpoints';
import { apiErrorFromMessage, apiErrorFromResponse } from './errors';
import type { RetryPolicy } from './retry';
import {
	DEFAULT_RETRY_POLICY,
	isRetryableNetworkCode,
	isRetryableStatus,
	nextRetryDelay,
	parseRetryAfter,
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

export interface ApiCall {
	method: IHttpRequestMethods;
	/** Below the collection URL (`interactions/…`, `agents/…`), or `models:` for the model catalogue. */
	path: string;
	/** The JSON body, or a Buffer of already encoded JSON (requests with large inline files). */
	body?: object;
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

interface FullResponse {
	statusCode: number;
	headers: Record<string, unknown>;
	body: unknown;
}

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

	private async send(call: ApiCall): Promise<FullResponse> {
		const { collectionUrl, modelsUrl, refreshesOn401 } = await this.endpoint(call.itemIndex);
		const url = call.path.startsWith('models:')
			? `${modelsUrl}${call.path.slice('models:'.length)}`
			: `${collectionUrl}/${call.path}`;
		const path = new URL(url).pathname;
		const policy = { ...DEFAULT_RETRY_POLICY, ...call.retry };
		const timeoutMs = call.timeoutMs ?? DEFAULT_TIMEOUT_MS;

		for (let attempt = 1; ; attempt++) {
			this.throwIfCancelled();
			let response: FullResponse;
			try {
				response = await this.sendOnce(url, call, timeoutMs, refreshesOn401);
			} catch (error) {
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
					? nextRetryDelay(attempt, undefined, policy)
					: undefined;
				if (delay === undefined) throw this.fromThrown(error, call, path);
				await cancellableSleep(delay, this.cancelSignal);
				continue;
			}

			if (response.statusCode >= 200 && response.statusCode < 300) return response;
			const delay = isRetryableStatus(response.statusCode)
				? nextRetryDelay(attempt, parseRetryAfter(response.headers), policy)
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

	private async sendOnce(url: string, call: ApiCall, timeoutMs: number, refreshesOn401: boolean): Promise<FullResponse> {
		const options: IHttpRequestOptions = {
			method: call.method,
			url,
			qs: call.qs,
			body: call.body as IDataObject | undefined,
			json: true,
			headers: {
				Accept: call.stream ? 'text/event-stream' : 'application/json',
				...(Buffer.isBuffer(call.body) ? { 'Content-Type': 'application/json' } : {}),
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
