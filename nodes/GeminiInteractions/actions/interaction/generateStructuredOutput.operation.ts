import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { jsonResponseFormat, parseSchemaParameter } from '../../../shared/wire/request/structuredOutput';
import type { GeminiApiClient } from '../../../shared/transport/client';
import {
	inputProperty,
	modelLocator,
	modelTurnOptions,
	optionsCollection,
	simplifyProperty,
} from '../descriptions';
import { readRequiredText, runModelTurn } from './modelTurn';

const EXAMPLE_SCHEMA = JSON.stringify(
	{
		type: 'object',
		properties: {
			name: { type: 'string', description: 'Full name of the person' },
			age: { type: 'integer' },
			topics: { type: 'array', items: { type: 'string' } },
		},
		required: ['name', 'age'],
	},
	null,
	2,
);

const properties: INodeProperties[] = [
	modelLocator,
	inputProperty,
	{
		displayName: 'JSON Schema',
		name: 'schema',
		type: 'json',
		default: EXAMPLE_SCHEMA,
		required: true,
		typeOptions: { rows: 10 },
		description:
			'The JSON schema the answer must follow. The parsed answer is in the output field "output".',
	},
	simplifyProperty,
	optionsCollection(modelTurnOptions),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['interaction'], operation: ['generateStructuredOutput'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: GeminiApiClient,
): Promise<INodeExecutionData[]> {
	const input = readRequiredText(this, 'input', 'Input', itemIndex);
	const schema = parseSchemaParameter(this.getNodeParameter('schema', itemIndex));
	if (!schema.ok) {
		throw new NodeOperationError(this.getNode(), `The parameter "JSON Schema" is invalid: ${schema.reason}`, {
			itemIndex,
			description: 'Fix the schema in the node, for example {"type": "object", "properties": {"name": {"type": "string"}}}.',
		});
	}
	return await runModelTurn(this, itemIndex, client, {
		settings: { input, responseFormat: jsonResponseFormat(schema.value) },
		parseJson: true,
	});
}
