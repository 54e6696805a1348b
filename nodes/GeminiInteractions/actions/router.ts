import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { AdaptiveConcurrency } from '../../shared/scheduling/adaptiveConcurrency';
import { GeminiApiClient } from '../../shared/transport/client';
import { readSchedulingOptions } from '../helpers/scheduling';
import type { AuthMode } from '../../shared/transport/endpoints';
import type { OperationModule } from './node.type';
import { RESOURCES } from './resources';
import { StreamTurnError } from '../../shared/interactions/streamTurn';
import { errorItem } from '../helpers/errorItem';
import { streamTurnFailedError } from '../helpers/runErrors';

const operations: Record<string, Record<string, OperationModule>> = Object.fromEntries(
	RESOURCES.map((resource) => [resource.value, resource.operations]),
);

/** The error the user sees: n8n's own errors as they are, the core's typed failures worded here. */
function withItemIndex(ctx: IExecuteFunctions, error: unknown, itemIndex: number): NodeApiError | NodeOperationError {
	if (error instanceof StreamTurnError) return streamTurnFailedError(ctx.getNode(), error.failure, itemIndex);
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		error.context.itemIndex ??= itemIndex;
		return error;
	}
	return new NodeOperationError(ctx.getNode(), error as Error, { itemIndex });
}

/**
 * Item indexes grouped by the operation's key, in input order (a group sits where its first item
 * is). An item whose key cannot be read stays alone, so its own run reports the problem.
 */
function groupItems(ctx: IExecuteFunctions, count: number, handler: OperationModule): number[][] {
	const groups = new Map<string, number[]>();
	const ordered: number[][] = [];
	for (let itemIndex = 0; itemIndex < count; itemIndex++) {
		let key: string | undefined;
		try {
			key = handler.groupKey!.call(ctx, itemIndex);
		} catch {
			key = undefined;
		}
		const existing = key === undefined ? undefined : groups.get(key);
		if (existing) {
			existing.push(itemIndex);
			continue;
		}
		const group = [itemIndex];
		if (key !== undefined) groups.set(key, group);
		ordered.push(group);
	}
	return ordered;
}

/**
 * The only place that knows about items: runs the chosen operation for each input item, or
 * each group of items for operations that group them (as many at a time as the quota allows,
 * at most the Concurrency option: see AdaptiveConcurrency), keeps
 * outputs in input order with `pairedItem`, and turns failures into error items when the node
 * continues on fail.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const handler = operations[resource]?.[operation];
	if (!handler) {
		throw new NodeOperationError(this.getNode(), `The operation "${operation}" of "${resource}" is not supported`);
	}
	const authMode = this.getNodeParameter('authentication', 0, 'apiKey') as AuthMode;
	const { concurrency, maxQuotaWaitMs } = readSchedulingOptions(this);
	const scheduler = new AdaptiveConcurrency({ ceiling: concurrency, signal: this.getExecutionCancelSignal?.() });
	const client = new GeminiApiClient(this, authMode, { gate: scheduler, maxQuotaWaitMs });

	const groups = handler.groupKey ? groupItems(this, items.length, handler) : items.map((_, itemIndex) => [itemIndex]);
	const perGroup = await scheduler.run(groups.length, async (groupIndex) => {
		const group = groups[groupIndex];
		const itemIndex = group[0];
		const paired = group.length === 1 ? { item: itemIndex } : group.map((item) => ({ item }));
		try {
			const output = await handler.execute.call(this, itemIndex, client, group);
			return output.map((item) => ({ ...item, pairedItem: item.pairedItem ?? paired }));
		} catch (error) {
			const wrapped = withItemIndex(this, error, itemIndex);
			if (this.continueOnFail()) return [{ ...errorItem(this.getNode(), wrapped, itemIndex), pairedItem: paired }];
			throw wrapped;
		}
	});
	return [perGroup.flat()];
}
