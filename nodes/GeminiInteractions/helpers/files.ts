import type { IBinaryData, IBinaryKeyData, IExecuteFunctions } from 'n8n-workflow';
import { BINARY_ENCODING, NodeApiError, NodeOperationError } from 'n8n-workflow';

import { uploadGeminiFile, waitUntilActive } from '../../shared/files/geminiFiles';
import type { GeminiApiClient } from '../../shared/transport/client';
import type { UploadOutcome, UploadSource } from '../../shared/transport/upload';
import { UPLOAD_CHUNK_BYTES } from '../../shared/transport/upload';
import type { GeminiFile } from '../../shared/wire/files';
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
	/** "Files API Above (MB)": larger binaries are uploaded to the Files API and sent by URI. */
	filesApiThresholdMb?: number;
	/** Request timeout in seconds, for the uploads. */
	timeout?: number;
}

export const DEFAULT_FILES_API_THRESHOLD_MB = 15;
const MB = 1024 * 1024;
/** How long an uploaded file may stay PROCESSING before the node gives up. */
const MAX_PROCESSING_WAIT_MS = 10 * 60_000;

export interface Attachments {
	media: MediaContent[];
	/** The files' bytes; their blocks hold a token until the request body is encoded. */
	inline: InlineData[];
}

/** The size of a binary in bytes, without reading it. */
export async function binarySize(ctx: IExecuteFunctions, binary: IBinaryData): Promise<number> {
	if (typeof binary.bytes === 'number') return binary.bytes;
	if (binary.id && typeof ctx.helpers.getBinaryMetadata === 'function') {
		return (await ctx.helpers.getBinaryMetadata(binary.id)).fileSize;
	}
	const base64 = binary.data ?? '';
	return Math.floor((base64.length * 3) / 4) - (base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0);
}

/**
 * A binary as an upload source: streamed in chunks from n8n's binary storage when it is stored
 * there (filesystem or S3 mode), so a large file is never held whole; in-memory binaries already are.
 */
export async function binarySource(
	ctx: IExecuteFunctions,
	itemIndex: number,
	propertyName: string,
	binary: IBinaryData,
): Promise<UploadSource> {
	const size = await binarySize(ctx, binary);
	const mimeType = binary.mimeType || 'application/octet-stream';
	if (binary.id && typeof ctx.helpers.getBinaryStream === 'function') {
		const stream = await ctx.helpers.getBinaryStream(binary.id, UPLOAD_CHUNK_BYTES);
		return { size, mimeType, chunks: stream as AsyncIterable<Buffer> };
	}
	const bytes = binary.id
		? await ctx.helpers.getBinaryDataBuffer(itemIndex, propertyName)
		: Buffer.from(binary.data, BINARY_ENCODING);
	return { size: bytes.length, mimeType, chunks: [bytes] as unknown as AsyncIterable<Buffer> };
}

/** An upload that went wrong on the protocol level, as a node error. */
export function uploadFailed(ctx: IExecuteFunctions, itemIndex: number, what: string, outcome: Extract<UploadOutcome, { ok: false }>): NodeApiError {
	return new NodeApiError(
		ctx.getNode(),
		{ message: outcome.detail },
		{ message: `Uploading ${what} did not complete`, description: `The upload stopped: ${outcome.detail}.`, itemIndex },
	);
}

/** Uploads a binary to the Files API and waits until Google has processed it (state ACTIVE). */
export async function uploadToFilesApi(
	ctx: IExecuteFunctions,
	client: GeminiApiClient,
	itemIndex: number,
	propertyName: string,
	binary: IBinaryData,
	options: { displayName?: string; timeoutMs?: number; waitForActive?: boolean },
): Promise<GeminiFile> {
	const source = await binarySource(ctx, itemIndex, propertyName, binary);
	const outcome = await uploadGeminiFile(client, source, {
		displayName: options.displayName ?? binary.fileName,
		itemIndex,
		timeoutMs: options.timeoutMs,
	});
	if (!outcome.ok) throw uploadFailed(ctx, itemIndex, `the binary field "${propertyName}"`, outcome);
	const file = outcome.resource as GeminiFile;
	if (options.waitForActive === false) return file;
	const active = await waitUntilActive(client, file, {
		itemIndex,
		timeoutMs: options.timeoutMs,
		maxWaitMs: MAX_PROCESSING_WAIT_MS,
		signal: typeof ctx.getExecutionCancelSignal === 'function' ? ctx.getExecutionCancelSignal() : undefined,
	});
	if (active.ok) return active.file;
	throw new NodeApiError(
		ctx.getNode(),
		{ message: active.file.error?.message ?? active.reason },
		{
			message:
				active.reason === 'failed'
					? `Google could not process the file ${active.file.name}`
					: `The file ${active.file.name} was still being processed after ${MAX_PROCESSING_WAIT_MS / 60_000} minutes`,
			description:
				active.reason === 'failed'
					? `The Files API reported state FAILED${active.file.error?.message ? `: ${active.file.error.message}` : ''}.`
					: 'Files are usable once their state is ACTIVE; try again later with File → Get.',
			itemIndex,
		},
	);
}

/**
 * The item's files and URLs as content blocks. Small binary data is read once with n8n's helper and
 * base64-encoded once, straight into the request body (see `encodeJsonBody`); binaries above the
 * Files API threshold are streamed to the Files API and sent by URI.
 */
export async function readAttachments(
	ctx: IExecuteFunctions,
	itemIndex: number,
	options: AttachmentOptions,
	client: GeminiApiClient,
): Promise<Attachments> {
	const media: MediaContent[] = [];
	const inline: InlineData[] = [];
	const names = parseList(options.binaryPropertyNames);
	const binaries = names.length > 0 ? (ctx.getInputData()[itemIndex]?.binary ?? {}) : {};
	const thresholdMb = Number(options.filesApiThresholdMb ?? DEFAULT_FILES_API_THRESHOLD_MB);
	const thresholdBytes = Number.isFinite(thresholdMb) && thresholdMb >= 0 ? thresholdMb * MB : DEFAULT_FILES_API_THRESHOLD_MB * MB;
	const checked: Array<{ name: string; binary: IBinaryData; kind: MediaContent['type']; mimeType: string; large: boolean }> = [];
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
		const size = await binarySize(ctx, binary);
		const large = size > thresholdBytes;
		if (large && !(await client.endpoint(itemIndex)).filesApi) {
			throw new NodeOperationError(
				ctx.getNode(),
				`The binary field "${name}" of item ${itemIndex} is too large to send inline (${(size / MB).toFixed(1)} MB)`,
				{
					itemIndex,
					description: `Gemini Enterprise (Vertex AI) has no Files API. Put the file in Google Cloud Storage and pass its gs:// URL in "Input File URLs", or raise "Files API Above (MB)" to send it inline (Google limits the size of one request).`,
				},
			);
		}
		checked.push({ name, binary, kind: classified.value.kind, mimeType: classified.value.mimeType, large });
	}
	// Every file is checked before the first byte is sent.
	for (const { name, binary, kind, mimeType, large } of checked) {
		if (large) {
			const file = await uploadToFilesApi(ctx, client, itemIndex, name, binary, {
				timeoutMs: options.timeout ? Number(options.timeout) * 1000 : undefined,
			});
			media.push({ type: kind, mime_type: mimeType, uri: file.uri } as MediaContent);
			continue;
		}
		const data = inlineData(await ctx.helpers.getBinaryDataBuffer(itemIndex, name));
		inline.push(data);
		media.push({ type: kind, mime_type: mimeType, data: data.token });
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
