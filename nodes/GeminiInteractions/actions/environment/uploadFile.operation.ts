import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeApiError, updateDisplayOptions } from 'n8n-workflow';

import { uploadEnvironmentFile } from '../../../shared/files/environmentFiles';
import type { GeminiApiClient } from '../../../shared/transport/client';
import { settle } from '../../../shared/transport/resourceErrors';
import type { EnvironmentFile } from '../../../shared/wire/files';
import { normalizeEnvironmentPath } from '../../../shared/wire/request/pathPatterns';
import { binarySource, uploadFailed } from '../../helpers/files';
import { optionsCollection, timeoutOption } from '../descriptions';
import { callOf, displayPath, environmentIdProperty, namedEnvironmentError, readEnvironmentId, readPath } from './common';

const properties: INodeProperties[] = [
	environmentIdProperty,
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		hint: 'The name of the input binary field containing the file to upload',
	},
	{
		displayName: 'Path',
		name: 'path',
		type: 'string',
		default: '/workspace/in/',
		required: true,
		placeholder: 'e.g. /workspace/in/data.csv',
		description: 'Where the file goes in the sandbox; a path ending in / gets the file\'s own name',
	},
	optionsCollection([
		{
			displayName: 'Overwrite',
			name: 'overwrite',
			type: 'boolean',
			default: false,
			description: 'Whether to replace a file that is already at the path (otherwise that is an error)',
		},
		timeoutOption(300),
	]),
];

export const description = updateDisplayOptions({ show: { resource: ['environment'], operation: ['uploadFile'] } }, properties);

/** Resumable upload in 8 MiB chunks, streamed from n8n's binary storage (see transport/upload.ts). */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: GeminiApiClient,
): Promise<INodeExecutionData[]> {
	const environmentId = readEnvironmentId(this, itemIndex);
	const property = String(this.getNodeParameter('binaryPropertyName', itemIndex, 'data') || 'data').trim();
	const binary = this.helpers.assertBinaryData(itemIndex, property);
	const given = readPath(this, itemIndex);
	const path = given.trim().endsWith('/') ? `${normalizeEnvironmentPath(given)}/${binary.fileName ?? property}` : normalizeEnvironmentPath(given);
	const options = this.getNodeParameter('options', itemIndex, {}) as { overwrite?: boolean };
	const call = callOf(this, itemIndex);
	const source = await binarySource(this, itemIndex, property, binary);
	const result = await settle(uploadEnvironmentFile(client, environmentId, path, source, { ...call, overwrite: options.overwrite === true }));
	if (!result.ok) {
		if ((result.error as { httpCode?: unknown })?.httpCode === '409') {
			const googleMessage = (result.error as Error).message;
			throw new NodeApiError(
				this.getNode(),
				{ message: googleMessage },
				{
					message: `"${displayPath(path)}" already exists in environment "${environmentId}"`,
					description: `Turn on the option "Overwrite" to replace it. Google said: ${googleMessage}`,
					httpCode: '409',
					itemIndex,
				},
			);
		}
		throw await namedEnvironmentError(this, client, result.error, environmentId, undefined, call);
	}
	if (!result.value.ok) throw uploadFailed(this, itemIndex, `"${displayPath(path)}"`, result.value);
	const uploaded = (result.value.resource as { files?: EnvironmentFile[] } | undefined)?.files?.[0];
	return [{ json: { environmentId, ...(uploaded ?? { path }), uploadedBytes: result.value.bytes } as IDataObject, pairedItem: { item: itemIndex } }];
}
