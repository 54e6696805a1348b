import type { IBinaryKeyData, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { InlineData } from '../../shared/wire/request/inlineData';
import { inlineData } from '../../shared/wire/request/inlineData';
import { parseList } from '../../shared/wire/request/jsonParameter';
import { classifyMedia, uriContent } from '../../shared/wire/request/media';
import type { OutputFile } from '../../shared/wire/response/media';
import type { MediaContent } from '../../shared/wire/types';

export interface AttachmentOptions {
	/** "Input Binary Fields": binary properties of the item, comma-separated. */
	binaryPropertyNames?: string;
	/** "Input File URLs": https, gs:// or Files API URLs, comma-separated. */
	fileUrls?: string;
	/** "URL MIME Type", for URLs whose name does not tell the type. */
	fileUrlMimeType?: string;
}

export interface Attachments {
	media: MediaContent[];
	/** The files' bytes; their blocks hold a token until the request body is encoded. */
	inline: InlineData[];
}

/**
 * The item's files and URLs as content blocks. Binary data is read once with n8n's helper and
 * base64-encoded once, straight into the request body (see `encodeJsonBody`).
 */
export async function readInlineAttachments(
	ctx: IExecuteFunctions,
	itemIndex: number,
	options: AttachmentOptions,
): Promise<Attachments> {
	const media: MediaContent[] = [];
	const inline: InlineData[] = [];
	const names = parseList(options.binaryPropertyNames);
	const binaries = names.length > 0 ? (ctx.getInputData()[itemIndex]?.binary ?? {}) : {};
	for (const name of names) {
		const binary = binaries[name];
		if (!binary) {
			const present = Object.keys(binaries);
			throw new NodeOperationError(ctx.getNode(), `Item ${itemIndex} has no binary field "${name}"`, {
				itemIndex,
				description: `"Input Binary Fields" names "${name}", but ${
					present.length > 0 ? `the item's binary fields are: ${present.join(', ')}` : 'the item has no binary data'
				}.`,
			});
		}
		const classified = classifyMedia(binary.mimeType, binary.fileName);
		if (!classified.ok) {
			throw new NodeOperationError(
				ctx.getNode(),
				`The binary field "${name}" of item ${itemIndex} cannot be sent to Gemini`,
				{ itemIndex, description: `"Input Binary Fields": ${classified.reason}.` },
			);
		}
		const data = inlineData(await ctx.helpers.getBinaryDataBuffer(itemIndex, name));
		inline.push(data);
		media.push({ type: classified.value.kind, mime_type: classified.value.mimeType, data: data.token });
	}
	for (const url of parseList(options.fileUrls)) {
		const block = uriContent(url, options.fileUrlMimeType?.trim() || undefined);
		if (!block.ok) {
			throw new NodeOperationError(ctx.getNode(), `A file URL of item ${itemIndex} cannot be sent to Gemini`, {
				itemIndex,
				description: `"Input File URLs": ${block.reason}.`,
			});
		}
		media.push(block.value);
	}
	return { media, inline };
}

/** The answer's inline files as the item's binary data (`data`, `data_1`, …). */
export async function filesToBinary(ctx: IExecuteFunctions, files: OutputFile[]): Promise<IBinaryKeyData | undefined> {
	const inline = files.filter((file) => file.data !== undefined);
	if (inline.length === 0) return undefined;
	const binary: IBinaryKeyData = {};
	for (const file of inline) {
		binary[file.property] = await ctx.helpers.prepareBinaryData(Buffer.from(file.data!, 'base64'), file.fileName, file.mimeType);
	}
	return binary;
}
