import type { GeminiApiClient } from '../transport/client';
import { cancellableSleep } from '../transport/cancellableSleep';
import type { UploadOutcome, UploadSource } from '../transport/upload';
import { resumableUpload } from '../transport/upload';
import type { GeminiFile, GeminiFileList } from '../wire/files';

/**
 * The Gemini Files API (Gemini API only): paths as `@google/genai` 3.1.0 builds them
 * (`upload/{v}/files`, `files`, `files/{id}`), under the credential's API version as the SDK does.
 */

export interface FileCall {
	itemIndex?: number;
	timeoutMs?: number;
}

/** The largest page the Files API serves. */
const MAX_PAGE_SIZE = 100;

/** `files/abc`, `abc` or a Files API URI (`https://…/v1beta/files/abc`) → `abc`. */
export function fileId(nameOrUri: string): string {
	const trimmed = nameOrUri.trim().replace(/[?#].*$/, '');
	const match = /(?:^|\/)files\/([^/]+)\/?$/.exec(trimmed);
	return match ? match[1] : trimmed;
}

export function filePath(nameOrUri: string): string {
	return `files/${encodeURIComponent(fileId(nameOrUri))}`;
}

export async function uploadGeminiFile(
	client: GeminiApiClient,
	source: UploadSource,
	options: FileCall & { displayName?: string; chunkBytes?: number },
): Promise<UploadOutcome> {
	const outcome = await resumableUpload(
		client,
		{
			method: 'POST',
			path: 'upload:files',
			metadata: {
				file: {
					mimeType: source.mimeType,
					sizeBytes: String(source.size),
					...(options.displayName ? { displayName: options.displayName } : {}),
				},
			},
			itemIndex: options.itemIndex,
			timeoutMs: options.timeoutMs,
			chunkBytes: options.chunkBytes,
		},
		source,
	);
	if (!outcome.ok) return outcome;
	// The final chunk answers `{file: …}` (uploadBlob reads `responseJson['file']`).
	const resource = (outcome.resource as { file?: GeminiFile } | undefined)?.file ?? outcome.resource;
	return { ...outcome, resource };
}

export async function getGeminiFile(client: GeminiApiClient, nameOrUri: string, call: FileCall): Promise<GeminiFile> {
	return await client.request<GeminiFile>({ method: 'GET', path: filePath(nameOrUri), ...call });
}

export async function deleteGeminiFile(client: GeminiApiClient, nameOrUri: string, call: FileCall): Promise<void> {
	await client.request({ method: 'DELETE', path: filePath(nameOrUri), ...call });
}

/** Pages through `GET files` (`pageSize`/`pageToken`, camelCase as the Files API has them). */
export async function listGeminiFiles(client: GeminiApiClient, limit: number, call: FileCall): Promise<GeminiFile[]> {
	const files: GeminiFile[] = [];
	let pageToken: string | undefined;
	do {
		const page = await client.request<GeminiFileList>({
			method: 'GET',
			path: 'files',
			qs: { pageSize: Math.min(MAX_PAGE_SIZE, limit - files.length), ...(pageToken ? { pageToken } : {}) },
			...call,
		});
		files.push(...(page.files ?? []));
		pageToken = page.nextPageToken || undefined;
	} while (pageToken && files.length < limit);
	return files.slice(0, limit);
}

export type ActiveOutcome =
	| { ok: true; file: GeminiFile }
	| { ok: false; reason: 'failed' | 'timeout'; file: GeminiFile };

/**
 * Waits while a file is PROCESSING (Google's guidance: poll `files.get` until ACTIVE before using it),
 * 0.5 s at first, doubling up to 5 s.
 */
export async function waitUntilActive(
	client: GeminiApiClient,
	file: GeminiFile,
	options: FileCall & { maxWaitMs: number; signal?: AbortSignal },
): Promise<ActiveOutcome> {
	const until = Date.now() + options.maxWaitMs;
	let current = file;
	let delay = 500;
	while (current.state === 'PROCESSING') {
		if (Date.now() + delay > until) return { ok: false, reason: 'timeout', file: current };
		await cancellableSleep(delay, options.signal);
		delay = Math.min(delay * 2, 5000);
		current = await getGeminiFile(client, current.name, options);
	}
	if (current.state === 'FAILED') return { ok: false, reason: 'failed', file: current };
	return { ok: true, file: current };
}
