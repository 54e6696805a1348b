import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { GeminiApiClient } from '../../../shared/transport/client';
import { uploadToFilesApi } from '../../helpers/files';
import { optionsCollection, timeoutOption } from '../descriptions';
import { assertFilesApi, callOf } from './common';

const properties: INodeProperties[] = [
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		hint: 'The name of the input binary field containing the file to upload',
	},
	optionsCollection([
		{
			displayName: 'Display Name',
			name: 'displayName',
			type: 'string',
			default: '',
			description: 'A name for the file in the Files API (default: its file name)',
		},
		{
			displayName: 'Wait Until Active',
			name: 'waitForActive',
			type: 'boolean',
			default: true,
			description: 'Whether to wait until Google has processed the file (state ACTIVE), so it can be used right away',
		},
		timeoutOption(300),
	]),
];

export const description = updateDisplayOptions({ show: { resource: ['file'], operation: ['upload'] } }, properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: GeminiApiClient,
): Promise<INodeExecutionData[]> {
	await assertFilesApi(this, client, itemIndex);
	const property = String(this.getNodeParameter('binaryPropertyName', itemIndex, 'data') || 'data').trim();
	const binary = this.helpers.assertBinaryData(itemIndex, property);
	const options = this.getNodeParameter('options', itemIndex, {}) as { displayName?: string; waitForActive?: boolean };
	const file = await uploadToFilesApi(this, client, itemIndex, property, binary, {
		displayName: options.displayName?.trim() || undefined,
		timeoutMs: callOf(this, itemIndex).timeoutMs,
		waitForActive: options.waitForActive !== false,
	});
	return [{ json: file as unknown as IDataObject, pairedItem: { item: itemIndex } }];
}
