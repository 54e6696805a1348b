import type { IDataObject, IExecuteFunctions, IHttpRequestMethods } from 'n8n-workflow';

import type { GeminiApiClient } from '../../../shared/transport/client';
import { resourcePath } from '../../../shared/transport/client';
import { interactionNotFound, requestResource } from '../../../shared/transport/resourceErrors';
import { requestTimeoutMs } from '../backgroundRun';
import { readRequiredText } from './modelTurn';

/** The "Interaction ID" of Get, Cancel and Delete. */
export function readInteractionId(ctx: IExecuteFunctions, itemIndex: number): string {
	return readRequiredText(ctx, 'interactionId', 'Interaction ID', itemIndex).trim();
}

/** One request about the interaction with this ID (`interactions/{id}[/action]`); a 404 names the ID. */
export async function requestInteraction<T>(
	ctx: IExecuteFunctions,
	itemIndex: number,
	client: GeminiApiClient,
	id: string,
	request: { method: IHttpRequestMethods; action?: string; qs?: IDataObject },
): Promise<T> {
	return await requestResource<T>(
		ctx.getNode(),
		client,
		{
			method: request.method,
			path: resourcePath('interactions', id, request.action),
			qs: request.qs,
			timeoutMs: requestTimeoutMs(ctx.getNodeParameter('options', itemIndex, {})),
			itemIndex,
		},
		interactionNotFound(id),
	);
}
