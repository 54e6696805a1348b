import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { GeminiApiClient } from '../../shared/transport/client';

export type OperationExecute = (
	this: IExecuteFunctions,
	itemIndex: number,
	client: GeminiApiClient,
	/** With `groupKey`: every item of the group, `itemIndex` (the first) included. */
	itemIndexes?: number[],
) => Promise<INodeExecutionData[]>;

export interface OperationModule {
	execute: OperationExecute;
	/**
	 * Operations that turn several items into one request (Submit Function Results: the results of
	 * one interaction) name each item's group; the router runs `execute` once per group. Undefined
	 * keeps the item on its own.
	 */
	groupKey?: (this: IExecuteFunctions, itemIndex: number) => string | undefined;
}

