import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { getEnvironment } from '../../../shared/files/environmentFiles';
import type { GeminiApiClient } from '../../../shared/transport/client';
import { optionsCollection, timeoutOption } from '../descriptions';
import { aboutPath, callOf, environmentIdProperty, IDLE_DAYS, readEnvironmentId } from './common';

const properties: INodeProperties[] = [environmentIdProperty, optionsCollection([timeoutOption(60)])];

export const description = updateDisplayOptions({ show: { resource: ['environment'], operation: ['get'] } }, properties);

const DAY_MS = 24 * 60 * 60 * 1000;

/** The environment as Google has it, plus `expiresAt`: when it goes if nothing uses it before. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: GeminiApiClient,
): Promise<INodeExecutionData[]> {
	const environmentId = readEnvironmentId(this, itemIndex);
	const call = callOf(this, itemIndex);
	const environment = await aboutPath(this, client, environmentId, undefined, call, getEnvironment(client, environmentId, call));
	const lastUsed = Date.parse(String(environment.last_accessed ?? environment.updated ?? ''));
	const expiresAt =
		environment.status !== 'expired' && Number.isFinite(lastUsed) ? new Date(lastUsed + IDLE_DAYS * DAY_MS).toISOString() : undefined;
	return [{ json: { ...environment, ...(expiresAt ? { expiresAt } : {}) } as IDataObject, pairedItem: { item: itemIndex } }];
}
