import type { INodeProperties } from 'n8n-workflow';

import * as del from './delete.operation';
import * as get from './get.operation';
import * as list from './list.operation';
import * as upload from './upload.operation';

export { del as delete, get, list, upload };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['file'] } },
		options: [
			{ name: 'Delete', value: 'delete', action: 'Delete a file' },
			{ name: 'Get', value: 'get', action: 'Get a file', description: 'Its state (PROCESSING, ACTIVE) and URI' },
			{ name: 'List', value: 'list', action: 'List files' },
			{
				name: 'Upload',
				value: 'upload',
				action: 'Upload a file',
				description: 'Put a binary file in the Gemini Files API once and reuse its URI',
			},
		],
		default: 'upload',
	},
	...upload.description,
	...get.description,
	...list.description,
	...del.description,
];
