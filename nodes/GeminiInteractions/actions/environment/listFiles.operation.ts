import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { listEnvironmentFiles } from '../../../shared/files/environmentFiles';
import type { GeminiApiClient } from '../../../shared/transport/client';
import { optionsCollection, readLimit, returnAllProperties, timeoutOption } from '../descriptions';
import { aboutPath, callOf, environmentIdProperty, readEnvironmentId } from './common';

const properties: INodeProperties[] = [
	environmentIdProperty,
	{
		displayName: 'Path',
		name: 'path',
		type: 'string',
		default: '/',
		placeholder: 'e.g. /workspace/out',
		description: 'The directory to list; / is the sandbox root',
	},
	{
		displayName: 'Recursive',
		name: 'recursive',
		type: 'boolean',
		default: true,
		description: 'Whether to list every file below the directory, or only its own files and subdirectories',
	},
	...returnAllProperties,
	optionsCollection([timeoutOption(60)]),
];

export const description = updateDisplayOptions({ show: { resource: ['environment'], operation: ['listFiles'] } }, properties);

/** One item per file or directory: `path`, `type`, `size_bytes`, `mime_type`, `modified` as Google lists them. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: GeminiApiClient,
): Promise<INodeExecutionData[]> {
	const environmentId = readEnvironmentId(this, itemIndex);
	const path = String(this.getNodeParameter('path', itemIndex, '/') ?? '/');
	const limit = readLimit(this, itemIndex);
	const call = callOf(this, itemIndex);
	const files = await aboutPath(
		this,
		client,
		environmentId,
		path,
		call,
		listEnvironmentFiles(client, environmentId, path, {
			...call,
			recursive: this.getNodeParameter('recursive', itemIndex, true) as boolean,
			limit,
		}),
	);
	return files.map((file) => ({ json: { environmentId, ...file } as IDataObject, pairedItem: { item: itemIndex } }));
}
