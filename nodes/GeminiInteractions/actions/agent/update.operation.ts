import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import type { CustomAgentUpdateFields } from '../../../shared/wire/request/agentConfig';
import { buildCustomAgentUpdate } from '../../../shared/wire/request/agentConfig';
import type { GeminiApiClient } from '../../../shared/transport/client';
import type { Agent } from '../../../shared/wire/types';
import { TIMEOUT_SECONDS } from '../timeouts';
import { customAgentLocator, optionsCollection, timeoutOption } from '../descriptions';
import { description as createDescription } from './create.operation';
import { readCustomAgentId, requestCustomAgent } from './customAgent';

/** Create Custom Agent's fields and Antigravity options, as optional fields to change. */
const UPDATABLE = ['description', 'systemInstruction', 'tools', 'baseEnvironment'];
const createFields = createDescription.filter((property) => UPDATABLE.includes(property.name));
const createOptions = (createDescription.find((property) => property.name === 'options')?.options ?? []) as INodeProperties[];
const antigravityOptions = createOptions.filter((option) => ['agentModel', 'maxTotalTokens'].includes(option.name));

const properties: INodeProperties[] = [
	customAgentLocator,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'Only the fields added here change; the agent keeps the others',
		options: [...createFields, ...antigravityOptions]
			.map((field) => {
				const optional: INodeProperties = { ...field };
				delete optional.displayOptions;
				delete optional.required;
				return optional;
			})
			.sort((a, b) => a.displayName.localeCompare(b.displayName)),
	},
	optionsCollection([timeoutOption(TIMEOUT_SECONDS.request)]),
];

export const description = updateDisplayOptions({ show: { resource: ['agent'], operation: ['update'] } }, properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: GeminiApiClient,
): Promise<INodeExecutionData[]> {
	const id = readCustomAgentId(this, itemIndex);
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as CustomAgentUpdateFields;
	const update = buildCustomAgentUpdate(fields);
	if (!update.ok) {
		throw new NodeOperationError(this.getNode(), `The parameter "${update.parameter}" is invalid: ${update.reason}`, {
			itemIndex,
		});
	}
	const agent = await requestCustomAgent<Agent>(this, itemIndex, client, id, 'PATCH', {
		body: update.value.body,
		qs: { update_mask: update.value.updateMask.join(',') },
	});
	return [{ json: agent as IDataObject, pairedItem: { item: itemIndex } }];
}
