import { defineResource } from '../resource';
import * as del from './delete.operation';
import * as downloadFile from './downloadFile.operation';
import * as get from './get.operation';
import * as listFiles from './listFiles.operation';
import * as uploadFile from './uploadFile.operation';

export const environment = defineResource({ value: 'environment', name: 'Environment', defaultOperation: 'listFiles' }, [
	{ value: 'listFiles', name: 'List Files', action: 'List files in an environment', module: listFiles },
	{
		value: 'downloadFile',
		name: 'Download File',
		action: 'Download a file from an environment',
		description: 'Get a file an agent wrote as binary data',
		module: downloadFile,
	},
	{
		value: 'uploadFile',
		name: 'Upload File',
		action: 'Upload a file to an environment',
		description: 'Hand an agent an input file before a run',
		module: uploadFile,
	},
	{ value: 'get', name: 'Get', action: 'Get an environment', description: 'Its state and when it expires', module: get },
	{ value: 'delete', name: 'Delete Environment', action: 'Delete an environment', module: del },
]);
