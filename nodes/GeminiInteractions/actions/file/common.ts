import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { FileCall } from '../../../shared/files/geminiFiles';
import type { GeminiApiClient } from '../../../shared/transport/client';
import type { StatusMessages } from '../../../shared/transport/resourceErrors';
import { requestTimeoutMs } from '../backgroundRun';

export const fileNameProperty: INodeProperties = {
	displayName: 'File',
	name: 'fileName',
	type: 'string',
	default: '={{ $json.name }}',
	required: true,
	placeholder: 'e.g. files/abc123 or its URI',
	description: 'The file\'s name (files/…), ID or URI, as File → Upload outputs it',
};

export function callOf(ctx: IExecuteFunctions, itemIndex: number): FileCall {
	return { itemIndex, timeoutMs: requestTimeoutMs(ctx.getNodeParameter('options', itemIndex, {}) as IDataObject) };
}

/** The Files API is the Gemini API's: say so before sending anything on the enterprise credential. */
export async function assertFilesApi(ctx: IExecuteFunctions, client: GeminiApiClient, itemIndex: number): Promise<void> {
	if ((await client.endpoint(itemIndex)).filesApi) return;
	throw new NodeOperationError(ctx.getNode(), 'Gemini Enterprise (Vertex AI) has no Files API', {
		itemIndex,
		description:
			'Use the Gemini API credential for the File resource. With Gemini Enterprise, put files in Google Cloud Storage and pass their gs:// URLs in "Input File URLs".',
	});
}

export function readFileName(ctx: IExecuteFunctions, itemIndex: number): string {
	const name = String(ctx.getNodeParameter('fileName', itemIndex, '') ?? '').trim();
	if (name === '') {
		throw new NodeOperationError(ctx.getNode(), 'The parameter "File" is empty', {
			itemIndex,
			description: 'Give the file\'s name (files/…), e.g. {{ $json.name }} after File → Upload.',
		});
	}
	return name;
}

/** The Files API answers an unknown file with 403 ("…or it may not exist"), not 404. */
export function fileNotFound(name: string): StatusMessages & { '403': { message: string; hint: string } } {
	const named = {
		message: `File "${name}" was not found`,
		hint: 'Check the name; the Files API keeps files 48 hours, per API key.',
	};
	return { '404': named, '403': named };
}
