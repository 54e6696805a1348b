import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { GeminiApiClient } from '../../../shared/transport/client';
import { optionsCollection, timeoutOption } from '../descriptions';
import { callOf, downloadToBinary, environmentIdProperty, readEnvironmentId, readPath } from './common';

const properties: INodeProperties[] = [
	environmentIdProperty,
	{
		displayName: 'Path',
		name: 'path',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. /workspace/out/report.pdf',
		description: 'The file to download, from the sandbox root',
	},
	{
		displayName: 'Put Output File in Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		hint: 'The name of the output binary field to put the file in',
	},
	optionsCollection([
		{
			displayName: 'Download Directories as Tar',
			name: 'directoryAsTar',
			type: 'boolean',
			default: false,
			description: 'Whether a directory path downloads as one tar file of everything below it (otherwise it is an error)',
		},
		timeoutOption(300),
	]),
];

export const description = updateDisplayOptions({ show: { resource: ['environment'], operation: ['downloadFile'] } }, properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: GeminiApiClient,
): Promise<INodeExecutionData[]> {
	const environmentId = readEnvironmentId(this, itemIndex);
	const path = readPath(this, itemIndex);
	const property = String(this.getNodeParameter('binaryPropertyName', itemIndex, 'data') || 'data').trim();
	const options = this.getNodeParameter('options', itemIndex, {}) as { directoryAsTar?: boolean };
	const { binary, info } = await downloadToBinary(this, client, environmentId, path, {
		...callOf(this, itemIndex),
		directoryAsTar: options.directoryAsTar === true,
	});
	return [{ json: { environmentId, ...info, binaryProperty: property }, binary: { [property]: binary }, pairedItem: { item: itemIndex } }];
}
