import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { listGeminiFiles } from '../../../shared/files/geminiFiles';
import type { GeminiApiClient } from '../../../shared/transport/client';
import { optionsCollection, readLimit, returnAllProperties, timeoutOption } from '../descriptions';
import { assertFilesApi, callOf } from './common';

const properties: INodeProperties[] = [
	...returnAllProperties,
	optionsCollection([timeoutOption(60)]),
];

export const description = updateDisplayOptions({ show: { resource: ['file'], operation: ['list'] } }, properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: GeminiApiClient,
): Promise<INodeExecutionData[]> {
	await assertFilesApi(this, client, itemIndex);
	const limit = readLimit(this, itemIndex);
	const files = await listGeminiFiles(client, limit, callOf(this, itemIndex));
	return files.map((file) => ({ json: file as unknown as IDataObject, pairedItem: { item: itemIndex } }));
}
