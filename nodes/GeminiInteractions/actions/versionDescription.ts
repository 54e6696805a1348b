import type { INodeProperties } from 'n8n-workflow';

import { authenticationProperty, credentials } from '../../shared/descriptions/authentication';
import { RESOURCES } from './resources';

/** Version 1's credentials and parameters; the node's identity lives in GeminiInteractions.node.ts. */
export { credentials };

export const properties: INodeProperties[] = [
	authenticationProperty,
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: RESOURCES.map(({ name, value }) => ({ name, value })).sort((a, b) => a.name.localeCompare(b.name)),
		default: 'interaction',
	},
	...RESOURCES.flatMap((resource) => resource.properties),
];
