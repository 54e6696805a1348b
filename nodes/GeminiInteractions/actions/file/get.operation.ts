import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { getGeminiFile } from '../../../shared/files/geminiFiles';
import type { GeminiApiClient } from '../../../shared/transport/client';
import { nameApiError, settle } from '../../../shared/transport/resourceErrors';
import { optionsCollection, timeoutOption } from '../descriptions';
import { assertFilesApi, callOf, fileNameProperty, fileNotFound, readFileName } from './common';

const properties: INodeProperties[] = [fileNameProperty, optionsCollection([timeoutOption(60)])];

export const description = updateDisplayOptions({ show: { resource: ['file'], operation: ['get'] } }, properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: GeminiApiClient,
): Promise<INodeExecutionData[]> {
	await assertFilesApi(this, client, itemIndex);
	const name = readFileName(this, itemIndex);
	const result = await settle(getGeminiFile(client, name, callOf(this, itemIndex)));
	if (!result.ok) throw nameApiError(this.getNode(), result.error, fileNotFound(name), itemIndex);
	return [{ json: result.value as unknown as IDataObject, pairedItem: { item: itemIndex } }];
}
