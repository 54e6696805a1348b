import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { GoogleErrorBody } from '../wire/types';

const STATUS_HINTS: Record<number, string> = {
	400: 'The request was rejected as invalid.',
	401: 'The credential was not accepted: check the API key or service account.',
	403: 'The credential is not allowed to do this: check the key\'s project and the service account\'s roles (Vertex AI User).',
	404: 'Not found: check the id or model name.',
	409: 'Conflict: it already exists.',
	429: 'Rate limit or quota exceeded: lower the node\'s concurrency or wait before retrying.',
};

/** A JSON text parsed, or the body as it was. */
export function parseBody(body: unknown): unknown {
	if (typeof body !== 'string') return body;
	try {
		return JSON.parse(body);
	} catch {
		return body;
	}
}

/** Google's own message from either error body shape, if there is one. */
export function googleErrorMessage(body: unknown): string | undefined {
	const parsed = parseBody(body) as GoogleErrorBody | undefined;
	const message = parsed && typeof parsed === 'object' ? parsed.error?.message : undefined;
	return typeof message === 'string' && message.trim() !== '' ? message : undefined;
}

function googleErrorCode(body: unknown): string | undefined {
	const parsed = parseBody(body) as GoogleErrorBody | undefined;
	const error = parsed && typeof parsed === 'object' ? parsed.error : undefined;
	const code = error?.status ?? error?.code;
	return code === undefined ? undefined : String(code);
}

export interface FailedCall {
	status: number;
	body: unknown;
	method: string;
	/** The request path without host, e.g. `/v1/interactions/abc`; never carries secrets. */
	path: string;
	itemIndex?: number;
}

export function apiErrorFromResponse(node: INode, call: FailedCall): NodeApiError {
	const googleMessage = googleErrorMessage(call.body);
	const code = googleErrorCode(call.body);
	const rawBody = typeof call.body === 'string' ? call.body.slice(0, 500) : undefined;
	const message = googleMessage ?? (rawBody ? `HTTP ${call.status}: ${rawBody}` : `HTTP ${call.status}`);
	const description = [
		STATUS_HINTS[call.status],
		`Gemini API answered ${call.status}${code ? ` (${code})` : ''} to ${call.method} ${call.path}.`,
	]
		.filter(Boolean)
		.join(' ');
	const parsed = parseBody(call.body);
	const errorResponse: JsonObject =
		parsed && typeof parsed === 'object' && !Array.isArray(parsed)
			? (parsed as JsonObject)
			: { message };
	return new NodeApiError(node, errorResponse, {
		message,
		description,
		httpCode: String(call.status),
		itemIndex: call.itemIndex,
	});
}

export function apiErrorFromMessage(
	node: INode,
	message: string,
	description: string,
	itemIndex?: number,
	httpCode?: string,
): NodeApiError {
	return new NodeApiError(node, { message }, { message, description, itemIndex, httpCode });
}
