import type { INode } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { ApiCall, GeminiApiClient } from './client';

export type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

/** A promise's result as a value, so failures are handled outside `catch` blocks. */
export async function settle<T>(promise: Promise<T>): Promise<Settled<T>> {
	try {
		return { ok: true, value: await promise };
	} catch (error) {
		return { ok: false, error };
	}
}

/** Messages that name what the request was about, per HTTP status (e.g. 404 → `Interaction "x" was not found`). */
export type StatusMessages = Partial<Record<'404' | '409', { message: string; hint: string }>>;

/**
 * Google's own words stay in the description; the message says which interaction or agent
 * it was about, as n8n's own nodes do.
 */
export function nameApiError(node: INode, error: unknown, messages: StatusMessages, itemIndex?: number): unknown {
	const code = (error as { httpCode?: unknown })?.httpCode;
	const httpCode = typeof code === 'string' ? code : undefined;
	const named = httpCode ? messages[httpCode as keyof StatusMessages] : undefined;
	if (!named) return error;
	const googleMessage = (error as Error).message;
	return new NodeApiError(
		node,
		{ message: googleMessage },
		{
			message: named.message,
			description: `${named.hint} Google said: ${googleMessage}`,
			httpCode,
			itemIndex,
		},
	);
}

/** `client.request`, with 404/409 answers renamed to say which resource they were about. */
export async function requestResource<T>(
	node: INode,
	client: GeminiApiClient,
	call: ApiCall,
	messages: StatusMessages,
): Promise<T> {
	const response = await settle(client.request<T>(call));
	if (response.ok) return response.value;
	throw nameApiError(node, response.error, messages, call.itemIndex);
}

export function interactionNotFound(id: string): StatusMessages {
	return {
		'404': {
			message: `Interaction "${id}" was not found`,
			hint: 'Check the ID; interactions are kept per API key or project and location, and deleted ones are gone.',
		},
	};
}

export function agentNotFound(id: string): StatusMessages {
	return {
		'404': {
			message: `Agent "${id}" was not found`,
			hint: 'Check the ID, or pick the agent from the list; custom agents are kept per API key or project and location.',
		},
	};
}

export function webhookNotFound(id: string): StatusMessages {
	return {
		'404': {
			message: `Webhook "${id}" was not found`,
			hint: 'Check the ID (List Webhooks shows them); webhooks are kept per Gemini API project.',
		},
	};
}
