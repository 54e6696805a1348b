import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as del from './delete.operation';
import * as get from './get.operation';
import * as list from './list.operation';
import * as listVersions from './listVersions.operation';
import * as run from './run.operation';
import * as update from './update.operation';

export { create, del as delete, get, list, listVersions, run, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['agent'] } },
		options: [
			{
				name: 'Create Custom Agent',
				value: 'create',
				action: 'Create a custom agent',
				description: 'Make an agent with its own instruction, tools and base environment',
			},
			{
				name: 'Delete Custom Agent',
				value: 'delete',
				action: 'Delete a custom agent',
			},
			{
				name: 'Get Custom Agent',
				value: 'get',
				action: 'Get a custom agent',
			},
			{
				name: 'List Custom Agent Versions',
				value: 'listVersions',
				action: 'List the versions of a custom agent',
				description: 'Earlier states of a custom agent, one item per version',
			},
			{
				name: 'List Custom Agents',
				value: 'list',
				action: 'List custom agents',
			},
			{
				name: 'Run Agent',
				value: 'run',
				action: 'Run an agent',
				description: 'Run Deep Research, Antigravity or a custom agent and wait for its result',
			},
			{
				name: 'Update Custom Agent',
				value: 'update',
				action: 'Update a custom agent',
				description: 'Change a custom agent\'s instruction, tools, base environment or model',
			},
		],
		default: 'run',
	},
	...run.description,
	...create.description,
	...get.description,
	...list.description,
	...listVersions.description,
	...update.description,
	...del.description,
];
