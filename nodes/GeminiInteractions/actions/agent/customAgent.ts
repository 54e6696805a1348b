import type { IDataObject, IExecuteFunctions, IHttpRequestMethods } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { GeminiApiClient } from '../../../shared/transport/client';
import { resourcePath } from '../../../shared/transport/client';
import { agentNotFound, requestResource } from '../../../shared/transport/resourceErrors';
import { requestTimeoutMs } from '../backgroundRun';

/** The custom agent picked in the "Agent" locator of Get and Delete Custom Agent. */
export function readCustomAgentId(ctx: IExecuteFunctions, itemIndex: number): string {
	const id = String(ctx.getNodeParameter('agent', itemIndex, '', { extractValue: true }) ?? '').trim();
	if (id === '') {
		throw new NodeOperationError(ctx.getNode(), 'The parameter "Agent" is empty', {
			itemIndex,
			description: 'Pick a custom agent from the list or enter its ID.',
		});
	}
	return id;
}

/** `GET`, `PATCH` or `DELETE agents/{id}` (or `agents/{id}/versions`); a 404 names the agent. */
export async function requestCustomAgent<T>(
	ctx: IExecuteFunctions,
	itemIndex: number,
	client: GeminiApiClient,
	id: string,
	method: IHttpRequestMethods,
	extra: { action?: 'versions'; body?: object; qs?: IDataObject } = {},
): Promise<T> {
	return await requestResource<T>(
		ctx.getNode(),
		client,
		{
			method,
			path: resourcePath('agents', id, extra.action),
			...(extra.body ? { body: extra.body } : {}),
			...(extra.qs ? { qs: extra.qs } : {}),
			timeoutMs: requestTimeoutMs(ctx.getNodeParameter('options', itemIndex, {})),
			itemIndex,
		},
		agentNotFound(id),
	);
}

