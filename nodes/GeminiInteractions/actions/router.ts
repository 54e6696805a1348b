import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { mapWithConcurrency } from '../helpers/concurrency';
import { GeminiApiClient } from '../transport/api';
import type { AuthMode } from '../transport/endpoints';
import * as interaction from './interaction';
import type { ResourceOperations } from './node.type';

const resources: Record<string, ResourceOperations> = {
	interaction: {
		create: interaction.create,
		continueConversation: interaction.continueConversation,
		generateStructuredOutput: interaction.generateStructuredOutput,
	},
};

const DEFAULT_CONCURRENCY = 5;

function errorItem(error: Error, itemIndex: number): INodeExecutionData {
	const json: IDataObject = { error: error.message };
	const description = (error as { description?: unknown }).description;
	if (typeof description === 'string' && description !== '') json.description = description;
	const httpCode = (error as { httpCode?: unknown }).httpCode;
	if (typeof httpCode === 'string' && httpCode !== '') json.httpCode = httpCode;
	return { json, pairedItem: { item: itemIndex } };
}

function withItemIndex(ctx: IExecuteFunctions, error: unknown, itemIndex: number): Error {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		error.context.itemIndex ??= itemIndex;
		return error;
	}
	return new NodeOperationError(ctx.getNode(), error as Error, { itemIndex });
}

/**
 * The only place that knows about items: runs the chosen operation for each input item
 * (a bounded number at a time), keeps outputs in input order with `pairedItem`, and turns
 * failures into error items when the node continues on fail.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const handler = resources[resource]?.[operation];
	if (!handler) {
		throw new NodeOperationError(this.getNode(), `The operation "${operation}" of "${resource}" is not supported`);
	}
	const authMode = this.getNodeParameter('authentication', 0, 'apiKey') as AuthMode;
	const client = new GeminiApiClient(this, authMode);
	const concurrency = Number(this.getNodeParameter('options.concurrency', 0, DEFAULT_CONCURRENCY)) || DEFAULT_CONCURRENCY;

	const perItem = await mapWithConcurrency(items.length, concurrency, async (itemIndex) => {
		try {
			const output = await handler.execute.call(this, itemIndex, client);
			return output.map((item) => ({ ...item, pairedItem: item.pairedItem ?? { item: itemIndex } }));
		} catch (error) {
			const wrapped = withItemIndex(this, error, itemIndex);
			if (this.continueOnFail()) return [errorItem(wrapped, itemIndex)];
			throw wrapped;
		}
	});
	return [perItem.flat()];
}
