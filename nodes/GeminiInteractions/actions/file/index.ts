import { defineResource } from '../resource';
import * as del from './delete.operation';
import * as get from './get.operation';
import * as list from './list.operation';
import * as upload from './upload.operation';

export const file = defineResource({ value: 'file', name: 'File', defaultOperation: 'upload' }, [
	{
		value: 'upload',
		name: 'Upload',
		action: 'Upload a file',
		description: 'Put a binary file in the Gemini Files API once and reuse its URI',
		module: upload,
	},
	{ value: 'get', name: 'Get', action: 'Get a file', description: 'Its state (PROCESSING, ACTIVE) and URI', module: get },
	{ value: 'list', name: 'List', action: 'List files', module: list },
	{ value: 'delete', name: 'Delete', action: 'Delete a file', module: del },
]);
