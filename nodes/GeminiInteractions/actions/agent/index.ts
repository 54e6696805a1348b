import { defineResource } from '../resource';
import * as create from './create.operation';
import * as del from './delete.operation';
import * as get from './get.operation';
import * as list from './list.operation';
import * as listVersions from './listVersions.operation';
import * as run from './run.operation';
import * as update from './update.operation';

export const agent = defineResource({ value: 'agent', name: 'Agent', defaultOperation: 'run' }, [
	{
		value: 'run',
		name: 'Run Agent',
		action: 'Run an agent',
		description: 'Run Deep Research, Antigravity or a custom agent and wait for its result',
		module: run,
	},
	{
		value: 'create',
		name: 'Create Custom Agent',
		action: 'Create a custom agent',
		description: 'Make an agent with its own instruction, tools and base environment',
		module: create,
	},
	{ value: 'get', name: 'Get Custom Agent', action: 'Get a custom agent', module: get },
	{
		value: 'update',
		name: 'Update Custom Agent',
		action: 'Update a custom agent',
		description: 'Change a custom agent\'s instruction, tools, base environment or model',
		module: update,
	},
	{ value: 'list', name: 'List Custom Agents', action: 'List custom agents', module: list },
	{
		value: 'listVersions',
		name: 'List Custom Agent Versions',
		action: 'List the versions of a custom agent',
		description: 'Earlier states of a custom agent, one item per version',
		module: listVersions,
	},
	{ value: 'delete', name: 'Delete Custom Agent', action: 'Delete a custom agent', module: del },
]);
