import type { ApiResponse, GeminiApiClient } from '../transport/client';
import { settle } from '../transport/resourceErrors';
import type { UploadOutcome, UploadSource } from '../transport/upload';
import { resumableUpload } from '../transport/upload';
import type { Environment, EnvironmentFile, EnvironmentFileList } from '../wire/files';
import { normalizeEnvironmentPath } from '../wire/request/pathPatterns';

/**
 * Files in an agent's environment. Paths as `@google/genai` 3.1.0 builds them:
 * `environments/{env}/files/{path}` (the path keeps its slashes), `?alt=media` for the bytes
 * (GeminiNextGenEnvironmentFiles.download), `PUT upload/{v}/environments/{env}/files/{path}` to start an
 * upload with `overwrite` / `extract` in the query (environmentsInternalStartUpload).
 */

export interface EnvironmentCall {
	itemIndex?: number;
	timeoutMs?: number;
}

/** The largest page the service is asked for. */
const MAX_PAGE_SIZE = 1000;

export function environmentPath(environmentId: string): string {
	return `environments/${encodeURIComponent(environmentId.trim())}`;
}

export function environmentFilePath(environmentId: string, path: string): string {
	const encoded = normalizeEnvironmentPath(path).split('/').map(encodeURIComponent).join('/');
	return `${environmentPath(environmentId)}/files/${encoded}`;
}

export async function getEnvironment(client: GeminiApiClient, environmentId: string, call: EnvironmentCall): Promise<Environment> {
	return await client.request<Environment>({ method: 'GET', path: environmentPath(environmentId), ...call });
}

export async function deleteEnvironment(client: GeminiApiClient, environmentId: string, call: EnvironmentCall): Promise<void> {
	await client.request({ method: 'DELETE', path: environmentPath(environmentId), ...call });
}

/** Pages through a directory listing until `limit` entries (or all). `recursive` lists every file below it. */
export async function listEnvironmentFiles(
	client: GeminiApiClient,
	environmentId: string,
	path: string,
	options: EnvironmentCall & { recursive: boolean; limit: number },
): Promise<EnvironmentFile[]> {
	const files: EnvironmentFile[] = [];
	let pageToken: string | undefined;
	do {
		const page = await client.request<EnvironmentFileList>({
			method: 'GET',
			path: environmentFilePath(environmentId, path),
			qs: {
				page_size: Math.min(MAX_PAGE_SIZE, options.limit - files.length),
				...(options.recursive ? { recursive: true } : {}),
				...(pageToken ? { page_token: pageToken } : {}),
			},
			itemIndex: options.itemIndex,
			timeoutMs: options.timeoutMs,
		});
		files.push(...(page.files ?? []));
		pageToken = page.next_page_token || undefined;
	} while (pageToken && files.length < options.limit);
	return files.slice(0, options.limit);
}

export type PathKind = { kind: 'file'; file: EnvironmentFile } | { kind: 'directory' };

/** A file answers its own single entry; a directory lists its contents. */
export async function statEnvironmentPath(
	client: GeminiApiClient,
	environmentId: string,
	path: string,
	call: EnvironmentCall,
): Promise<PathKind> {
	const normalized = normalizeEnvironmentPath(path);
	const page = await client.request<EnvironmentFileList>({
		method: 'GET',
		path: environmentFilePath(environmentId, normalized),
		qs: { page_size: 1 },
		...call,
	});
	const only = page.files?.length === 1 && !page.next_page_token ? page.files[0] : undefined;
	if (only && only.type !== 'directory' && normalizeEnvironmentPath(only.path ?? '') === normalized && normalized !== '') {
		return { kind: 'file', file: only };
	}
	return { kind: 'directory' };
}

/** The bytes of a file (or a tar of a directory), as an open stream in `body`. */
export async function openEnvironmentDownload(
	client: GeminiApiClient,
	environmentId: string,
	path: string,
	call: EnvironmentCall,
): Promise<ApiResponse> {
	return await client.exchange({
		method: 'GET',
		path: environmentFilePath(environmentId, path),
		qs: { alt: 'media' },
		stream: true,
		accept: '*/*',
		...call,
	});
}

export async function uploadEnvironmentFile(
	client: GeminiApiClient,
	environmentId: string,
	path: string,
	source: UploadSource,
	options: EnvironmentCall & { overwrite: boolean; chunkBytes?: number },
): Promise<UploadOutcome> {
	return await resumableUpload(
		client,
		{
			method: 'PUT',
			path: `upload:${environmentFilePath(environmentId, path)}`,
			qs: options.overwrite ? { overwrite: true } : undefined,
			itemIndex: options.itemIndex,
			timeoutMs: options.timeoutMs,
			chunkBytes: options.chunkBytes,
		},
		source,
	);
}

export type MissingCause = 'environment-missing' | 'environment-expired' | 'path-missing';

/** After a 404 on a path: was it the path, or the environment (gone, or expired after days unused)? */
export async function whyMissing(client: GeminiApiClient, environmentId: string, call: EnvironmentCall): Promise<MissingCause> {
	const environment = await settle(getEnvironment(client, environmentId, call));
	if (environment.ok) return environment.value.status === 'expired' ? 'environment-expired' : 'path-missing';
	// Any other failure (auth, network): the environment's state is unknown, so the path is blamed.
	return (environment.error as { httpCode?: unknown }).httpCode === '404' ? 'environment-missing' : 'path-missing';
}
