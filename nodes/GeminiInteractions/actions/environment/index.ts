import type { INodeProperties } from 'n8n-workflow';

import * as del from './delete.operation';
import * as downloadFile from './downloadFile.operation';
import * as get from './get.operation';
import * as listFiles from './listFiles.operation';
import * as uploadFile from './uploadFile.operation';

export { del as delete, downloadFile, get, listFiles, uploadFile };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['environment'] } },
		options: [
			{ name: 'Delete Environment', value: 'delete', action: 'Delete an environment' },
			{
				name: 'Download File',
				value: 'downloadFile',
				action: 'Download a file from an environment',
				description: 'Get a file an agent wrote as binary data',
			},
			{ name: 'Get', value: 'get', action: 'Get an environment', description: 'Its state and when it expires' },
			{ name: 'List Files', value: 'listFiles', action: 'List files in an environment' },
			{
				name: 'Upload File',
				value: 'uploadFile',
				action: 'Upload a file to an environment',
				description: 'Hand an agent an input file before a run',
			},
		],
		default: 'listFiles',
	},
	...listFiles.description,
	...downloadFile.description,
	...uploadFile.description,
	...get.description,
	...del.description,
];
