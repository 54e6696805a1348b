import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { GeminiApiClient } from '../../../shared/transport/client';
import type { AgentVersionList } from '../../../shared/wire/types';
import { TIMEOUT_SECONDS } from '../timeouts';
import { customAgentLocator, optionsCollection, readLimit, returnAllProperties, timeoutOption } from '../descriptions';
import { readPages } from '../../../shared/methods/agentPages';
import { readCustomAgentId, requestCustomAgent } from './customAgent';

const properties: INodeProperties[] = [customAgentLocator, ...returnAllProperties, optionsCollection([timeoutOption(TIMEOUT_SECONDS.request)])];

export const description = updateDisplayOptions(
	{ show: { resource: ['agent'], operation: ['listVersions'] } },
	properties,
);

/** One item per version of the custom agent (`GET agents/{id}/versions`, paged). */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: GeminiApiClient,
): Promise<INodeExecutionData[]> {
	const id = readCustomAgentId(this, itemIndex);
	const versions = await readPages(readLimit(this, itemIndex), async (qs) => {
		const page = await requestCustomAgent<AgentVersionList>(this, itemIndex, client, id, 'GET', { action: 'versions', qs });
		return { entries: page.versions, next_page_token: page.next_page_token };
	});
	return versions.map((version) => ({ json: version as IDataObject, pairedItem: { item: itemIndex } }));
}
