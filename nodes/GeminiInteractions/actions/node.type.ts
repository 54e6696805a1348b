import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { GeminiApiClient } from '../transport/api';

export type OperationExecute = (
	this: IExecuteFunctions,
	itemIndex: number,
	client: GeminiApiClient,
) => Promise<INodeExecutionData[]>;

export interface OperationModule {
	execute: OperationExecute;
}

export type ResourceOperations = Record<string, OperationModule>;
