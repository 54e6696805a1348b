import type { IHttpRequestMethods } from 'n8n-workflow';

import type { ApiResponse, GeminiApiClient } from './client';

/**
 * Google's resumable upload protocol, as `@google/genai` speaks it (ApiClient.fetchUploadUrl +
 * uploadBlobInternal for the Files API, GeminiNextGenEnvironmentFiles.upload for environment files):
 * a `start` request declares size and type and gets an upload URL (`x-goog-upload-url`); the bytes
 * follow in chunks (`X-Goog-Upload-Command: upload` with `X-Goog-Upload-Offset`, the last one
 * `upload, finalize`), each answered `x-goog-upload-status: active`, the last `final` with the
 * resource. Chunks are 8 MiB (the SDK's size, a multiple of the 256 KiB granularity Google asks for),
 * so memory stays at one chunk whatever the file size.
 */

export const UPLOAD_CHUNK_BYTES = 8 * 1024 * 1024;

/** A file to upload: its size and type, and its bytes in pieces of any size (an n8n binary stream). */
export interface UploadSource {
	size: number;
	mimeType: string;
	chunks: AsyncIterable<Buffer | Uint8Array | string>;
}

export interface ResumableUpload {
	/** `start` request: method, path (`upload:…`), query and JSON body (the Files API's `{file: …}`). */
	method: IHttpRequestMethods;
	path: string;
	qs?: Record<string, string | number | boolean>;
	metadata?: object;
	itemIndex?: number;
	timeoutMs?: number;
	/** Smaller chunks for tests; rounded to Google's 256 KiB granularity. */
	chunkBytes?: number;
}

export type UploadOutcome =
	| { ok: true; resource: unknown; bytes: number }
	| { ok: false; reason: 'no-upload-url' | 'size-mismatch' | 'not-finalized'; detail: string };

const GRANULARITY = 256 * 1024;

function header(response: ApiResponse, name: string): string | undefined {
	const value = response.headers[name] ?? response.headers[name.toLowerCase()];
	return value === undefined ? undefined : String(value);
}

/** Re-cuts a stream of pieces into full chunks of `size` bytes (the last one may be shorter), reusing one buffer. */
async function* fixedChunks(pieces: AsyncIterable<Buffer | Uint8Array | string>, size: number): AsyncGenerator<Buffer> {
	const buffer = Buffer.allocUnsafe(size);
	let filled = 0;
	for await (const piece of pieces) {
		const bytes = typeof piece === 'string' ? Buffer.from(piece) : piece;
		let read = 0;
		while (read < bytes.length) {
			const take = Math.min(size - filled, bytes.length - read);
			buffer.set(bytes.subarray(read, read + take), filled);
			filled += take;
			read += take;
			if (filled === size) {
				yield buffer;
				filled = 0;
			}
		}
	}
	if (filled > 0) yield buffer.subarray(0, filled);
}

export async function resumableUpload(
	client: GeminiApiClient,
	upload: ResumableUpload,
	source: UploadSource,
): Promise<UploadOutcome> {
	const common = { itemIndex: upload.itemIndex, timeoutMs: upload.timeoutMs };
	const started = await client.exchange({
		...common,
		method: upload.method,
		path: upload.path,
		qs: upload.qs,
		body: upload.metadata,
		headers: {
			'X-Goog-Upload-Protocol': 'resumable',
			'X-Goog-Upload-Command': 'start',
			'X-Goog-Upload-Header-Content-Length': String(source.size),
			'X-Goog-Upload-Header-Content-Type': source.mimeType,
		},
	});
	const sessionUrl = header(started, 'x-goog-upload-url');
	if (!sessionUrl) {
		return { ok: false, reason: 'no-upload-url', detail: `the start request answered ${started.statusCode} without x-goog-upload-url` };
	}

	const chunkBytes = Math.max(GRANULARITY, Math.floor((upload.chunkBytes ?? UPLOAD_CHUNK_BYTES) / GRANULARITY) * GRANULARITY);
	const send = async (chunk: Buffer, offset: number, last: boolean) =>
		await client.exchange({
			...common,
			method: 'POST',
			path: sessionUrl,
			body: chunk,
			headers: {
				'Content-Type': 'application/octet-stream',
				'X-Goog-Upload-Command': last ? 'upload, finalize' : 'upload',
				'X-Goog-Upload-Offset': String(offset),
			},
		});

	let offset = 0;
	let response: ApiResponse | undefined;
	for await (const chunk of fixedChunks(source.chunks, chunkBytes)) {
		if (offset + chunk.length > source.size) {
			return { ok: false, reason: 'size-mismatch', detail: `the file has more than the ${source.size} bytes it declared` };
		}
		const last = offset + chunk.length === source.size;
		response = await send(chunk, offset, last);
		offset += chunk.length;
		if (last) break;
	}
	if (offset !== source.size) {
		return { ok: false, reason: 'size-mismatch', detail: `${offset} bytes read of the ${source.size} declared` };
	}
	// An empty file is one empty chunk that finalizes the upload.
	response ??= await send(Buffer.alloc(0), 0, true);
	const status = header(response, 'x-goog-upload-status');
	if (status !== 'final') {
		return { ok: false, reason: 'not-finalized', detail: `the last chunk was answered with upload status "${status ?? 'none'}"` };
	}
	const body = response.body;
	return { ok: true, resource: typeof body === 'string' && body.trim() !== '' ? JSON.parse(body) : body, bytes: offset };
}
