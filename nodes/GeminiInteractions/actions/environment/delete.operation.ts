import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { deleteEnvironment } from '../../../shared/files/environmentFiles';
import type { GeminiApiClient } from '../../../shared/transport/client';
import { optionsCollection, timeoutOption } from '../descriptions';
import { aboutPath, callOf, environmentIdProperty, readEnvironmentId } from './common';

const properties: INodeProperties[] = [environmentIdProperty, optionsCollection([timeoutOption(60)])];

export const description = updateDisplayOptions({ show: { resource: ['environment'], operation: ['delete'] } }, properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: GeminiApiClient,
): Promise<INodeExecutionData[]> {
	const environmentId = readEnvironmentId(this, itemIndex);
	const call = callOf(this, itemIndex);
	await aboutPath(this, client, environmentId, undefined, call, deleteEnvironment(client, environmentId, call));
	return [{ json: { id: environmentId, deleted: true }, pairedItem: { item: itemIndex } }];
}
