/**
 * Binary helpers of n8n-core (utils/binary-helper-functions.ts + BinaryDataService).
 * Two storage modes:
 * - 'default': in-memory; `IBinaryData.data` holds base64 (what the brief asked for);
 * - 'filesystem': what n8n 2.x uses by default in regular mode; `data` is the literal
 *   'filesystem-v2' and the bytes live behind `id` (here: in a Map).
 */
import type { IBinaryData, INode, INodeExecutionData } from 'n8n-workflow';
import { ApplicationError, BINARY_ENCODING, NodeOperationError, UnexpectedError, fileTypeFromMimeType } from 'n8n-workflow';
import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';

import { extensionForMimeType, lookupMimeType, prettyBytes, sniffFileType } from './mime';
import { harnessNotImplemented } from './types';

export type BinaryMode = 'default' | 'filesystem';
const FS_MODE = 'filesystem-v2';

export async function binaryToBuffer(body: Buffer | Readable): Promise<Buffer> {
	if (Buffer.isBuffer(body)) return body;
	const chunks: Buffer[] = [];
	for await (const chunk of body) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string));
	return Buffer.concat(chunks);
}

export async function binaryToString(body: Buffer | Readable, encoding?: string): Promise<string> {
	const buffer = await binaryToBuffer(body);
	const normalized = (encoding ?? 'utf-8').toLowerCase();
	if (!Buffer.isEncoding(normalized)) harnessNotImplemented(`binaryToString with encoding '${encoding}'`);
	return buffer.toString(normalized as BufferEncoding);
}

interface StoredFile {
	/** On disk, as n8n's FileSystemManager keeps it (the path follows from the id); a stream is written as it arrives. */
	filePath: string;
}

interface FileMetadata {
	fileName?: string;
	mimeType?: string;
	fileSize: number;
}

/** Where filesystem-mode binaries live (git-ignored), like n8n's `<N8N_USER_FOLDER>/binaryData`. */
export const BINARY_STORAGE_DIR = path.join(process.cwd(), '.tmp', 'harness-binary-data');

export class BinaryDataStore {
	constructor(
		readonly mode: BinaryMode,
		private readonly workflowId: string,
		private readonly executionId: string,
	) {}

	/** BinaryDataService.store */
	async store(binaryData: IBinaryData, bufferOrStream: Buffer | Readable): Promise<IBinaryData> {
		if (this.mode === 'default') {
			const buffer = await binaryToBuffer(bufferOrStream);
			binaryData.fileSize = prettyBytes(buffer.length);
			binaryData.bytes = buffer.length;
			binaryData.data = buffer.toString(BINARY_ENCODING);
			return binaryData;
		}
		// FileSystemManager.store: `fs.writeFile(path, bufferOrStream)`, then the size from disk.
		const fileId = `workflows/${this.workflowId}/executions/${this.executionId}/binary_data/${randomUUID()}`;
		const filePath = path.join(BINARY_STORAGE_DIR, fileId);
		await mkdir(path.dirname(filePath), { recursive: true });
		await writeFile(filePath, bufferOrStream);
		const { size } = await stat(filePath);
		const metadata: FileMetadata = { fileName: binaryData.fileName, mimeType: binaryData.mimeType, fileSize: size };
		await writeFile(`${filePath}.metadata`, JSON.stringify(metadata));
		binaryData.fileSize = prettyBytes(size);
		binaryData.bytes = size;
		binaryData.id = `${FS_MODE}:${fileId}`;
		binaryData.data = FS_MODE;
		return binaryData;
	}

	private file(binaryDataId: string): StoredFile {
		const [mode, fileId] = binaryDataId.split(':');
		if (mode !== FS_MODE || this.mode !== 'filesystem') {
			throw new UnexpectedError(`No binary data manager found for: ${mode}`);
		}
		const filePath = path.join(BINARY_STORAGE_DIR, fileId);
		if (!fileId || path.relative(BINARY_STORAGE_DIR, filePath).startsWith('..')) {
			throw new UnexpectedError(`Binary data file not found: ${fileId}`);
		}
		return { filePath };
	}

	async getAsBuffer(binaryData: IBinaryData): Promise<Buffer> {
		if (binaryData.id) return await readFile(this.file(binaryData.id).filePath);
		return Buffer.from(binaryData.data, BINARY_ENCODING);
	}

	getAsStream(binaryDataId: string, chunkSize = 64 * 1024): Readable {
		return createReadStream(this.file(binaryDataId).filePath, { highWaterMark: chunkSize });
	}

	async getMetadata(binaryDataId: string): Promise<FileMetadata> {
		const { filePath } = this.file(binaryDataId);
		return JSON.parse(await readFile(`${filePath}.metadata`, 'utf8')) as FileMetadata;
	}

	/** Moves base64 input binaries into the store, like they would arrive from a previous node. */
	async adoptInputItems(items: INodeExecutionData[]): Promise<void> {
		if (this.mode === 'default') return;
		for (const item of items) {
			for (const binary of Object.values(item.binary ?? {})) {
				if (binary.id) continue;
				await this.store(binary, Buffer.from(binary.data, BINARY_ENCODING));
			}
		}
	}
}

function isBinaryData(value: unknown): value is IBinaryData {
	return typeof value === 'object' && value !== null && 'data' in value && 'mimeType' in value;
}

/** n8n-core prepareBinaryData (filePath → fileName/extension/directory; mime detection). */
async function prepareBinaryData(
	store: BinaryDataStore,
	binaryData: Buffer | Readable,
	filePath?: string,
	mimeType?: string,
): Promise<IBinaryData> {
	let fileExtension: string | undefined;
	if (!mimeType && filePath) mimeType = lookupMimeType(filePath);
	if (!mimeType && Buffer.isBuffer(binaryData)) {
		const sniffed = sniffFileType(binaryData);
		if (sniffed) ({ mime: mimeType, ext: fileExtension } = sniffed);
	}
	if (!fileExtension && mimeType) fileExtension = extensionForMimeType(mimeType);
	mimeType ??= 'text/plain';
	const result: IBinaryData = { mimeType, fileType: fileTypeFromMimeType(mimeType), fileExtension, data: '' };
	if (filePath) {
		const parts = path.parse(filePath);
		if (parts.dir !== '') result.directory = parts.dir;
		result.fileName = parts.base;
		const extension = parts.ext.slice(1);
		if (extension) result.fileExtension = extension;
	}
	return await store.store(result, binaryData);
}

export function createBinaryHelpers(store: BinaryDataStore, items: INodeExecutionData[], node: INode) {
	const lookup = (itemIndex: number, parameterData: string | IBinaryData): IBinaryData => {
		if (isBinaryData(parameterData)) return parameterData;
		if (typeof parameterData !== 'string') {
			throw new NodeOperationError(node, 'Provided parameter is not a string or binary data object.', { itemIndex });
		}
		const binaryKeyData = items[itemIndex].binary;
		if (binaryKeyData === undefined) {
			throw new NodeOperationError(
				node,
				`This operation expects the node's input data to contain a binary file '${parameterData}', but none was found [item ${itemIndex}]`,
				{ itemIndex, description: 'Make sure that the previous node outputs a binary file' },
			);
		}
		const property = binaryKeyData[parameterData];
		if (property === undefined) {
			throw new NodeOperationError(node, `The item has no binary field '${parameterData}' [item ${itemIndex}]`, {
				itemIndex,
				description:
					'Check that the parameter where you specified the input binary field name is correct, and that it matches a field in the binary input',
			});
		}
		return property;
	};

	return {
		assertBinaryData: (itemIndex: number, parameterData: string | IBinaryData) => lookup(itemIndex, parameterData),
		// Like n8n, this does not validate: a missing item/field surfaces as a TypeError.
		getBinaryDataBuffer: async (itemIndex: number, parameterData: string | IBinaryData) =>
			await store.getAsBuffer(isBinaryData(parameterData) ? parameterData : items[itemIndex].binary![parameterData]),
		prepareBinaryData: async (binaryData: Buffer | Readable, filePath?: string, mimeType?: string) =>
			await prepareBinaryData(store, binaryData, filePath, mimeType),
		setBinaryDataBuffer: async (data: IBinaryData, binaryData: Buffer) => await store.store(data, binaryData),
		getBinaryStream: async (binaryDataId: string, chunkSize?: number) => store.getAsStream(binaryDataId, chunkSize),
		getBinaryMetadata: async (binaryDataId: string) => await store.getMetadata(binaryDataId),
		binaryToBuffer,
		binaryToString,
		copyBinaryFile: async () => {
			throw new ApplicationError('`copyBinaryFile` has been removed. Please upgrade this node.');
		},
		getBinaryPath: () => harnessNotImplemented('helpers.getBinaryPath'),
		createBinarySignedUrl: () => harnessNotImplemented('helpers.createBinarySignedUrl'),
		detectBinaryEncoding: () => harnessNotImplemented('helpers.detectBinaryEncoding'),
	};
}
