import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { listGeminiFiles } from '../../../shared/files/geminiFiles';
import type { GeminiApiClient } from '../../../shared/transport/client';
import { optionsCollection, timeoutOption } from '../descriptions';
import { assertFilesApi, callOf } from './common';

const properties: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		displayOptions: { show: { returnAll: [false] } },
		description: 'Max number of results to return',
	},
	optionsCollection([timeoutOption(60)]),
];

export const description = updateDisplayOptions({ show: { resource: ['file'], operation: ['list'] } }, properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: GeminiApiClient,
): Promise<INodeExecutionData[]> {
	await assertFilesApi(this, client, itemIndex);
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const limit = returnAll ? Infinity : Math.max(1, Number(this.getNodeParameter('limit', itemIndex, 50)) || 50);
	const files = await listGeminiFiles(client, limit, callOf(this, itemIndex));
	return files.map((file) => ({ json: file as unknown as IDataObject, pairedItem: { item: itemIndex } }));
}
