import type { IBinaryData, IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { EnvironmentCall } from '../../../shared/files/environmentFiles';
import { openEnvironmentDownload, statEnvironmentPath, whyMissing } from '../../../shared/files/environmentFiles';
import type { GeminiApiClient } from '../../../shared/transport/client';
import { settle } from '../../../shared/transport/resourceErrors';
import { baseName, normalizeEnvironmentPath } from '../../../shared/wire/request/pathPatterns';
import { requestTimeoutMs } from '../backgroundRun';

/** Google deletes an environment after this many days without use. */
export const IDLE_DAYS = 7;

export const environmentIdProperty: INodeProperties = {
	displayName: 'Environment ID',
	name: 'environmentId',
	type: 'string',
	default: '={{ $json.environmentId }}',
	required: true,
	placeholder: 'e.g. env_a1b2c3d4e',
	description: 'The sandbox an agent run used: the environmentId of Run Agent\'s output',
};

export function readEnvironmentId(ctx: IExecuteFunctions, itemIndex: number): string {
	const id = String(ctx.getNodeParameter('environmentId', itemIndex, '') ?? '').trim();
	if (id === '') {
		throw new NodeOperationError(ctx.getNode(), 'The parameter "Environment ID" is empty', {
			itemIndex,
			description: 'Use the environmentId of a Run Agent output, e.g. {{ $json.environmentId }}.',
		});
	}
	return id;
}

export function readPath(ctx: IExecuteFunctions, itemIndex: number, name = 'path', displayName = 'Path'): string {
	const path = String(ctx.getNodeParameter(name, itemIndex, '') ?? '').trim();
	if (normalizeEnvironmentPath(path) === '') {
		throw new NodeOperationError(ctx.getNode(), `The parameter "${displayName}" is empty`, {
			itemIndex,
			description: 'Give a path inside the environment, e.g. /workspace/out/report.pdf.',
		});
	}
	return path;
}

export function callOf(ctx: IExecuteFunctions, itemIndex: number): EnvironmentCall {
	return { itemIndex, timeoutMs: requestTimeoutMs(ctx.getNodeParameter('options', itemIndex, {}) as IDataObject) };
}

/** How users write a path: with a leading slash. */
export const displayPath = (path: string) => `/${normalizeEnvironmentPath(path)}`;

/**
 * A 404 about a path becomes an error that names the environment and the path, and says whether
 * the path or the environment (deleted, or expired after days unused) is missing.
 */
export async function namedEnvironmentError(
	ctx: IExecuteFunctions,
	client: GeminiApiClient,
	error: unknown,
	environmentId: string,
	path: string | undefined,
	call: EnvironmentCall,
): Promise<unknown> {
	if ((error as { httpCode?: unknown })?.httpCode !== '404') return error;
	const cause = await whyMissing(client, environmentId, call);
	const googleMessage = (error as Error).message;
	const what = path === undefined ? '' : ` "${displayPath(path)}"`;
	const named = {
		'environment-missing': {
			message: `Environment "${environmentId}" was not found${path === undefined ? '' : `, so${what} cannot be read`}`,
			hint: 'Check the ID (Run Agent outputs it as environmentId); deleted environments are gone.',
		},
		'environment-expired': {
			message: `Environment "${environmentId}" has expired${path === undefined ? '' : `, so${what} cannot be read`}`,
			hint: `Google deletes an environment after ${IDLE_DAYS} days without use; run the agent again for a new one.`,
		},
		'path-missing': {
			message: `${path === undefined ? 'The path' : `The path${what}`} was not found in environment "${environmentId}"`,
			hint: 'Check the path with Environment → List Files; paths start at the sandbox root, e.g. /workspace/out/report.pdf.',
		},
	}[cause];
	return new NodeApiError(
		ctx.getNode(),
		{ message: googleMessage },
		{ message: named.message, description: `${named.hint} Google said: ${googleMessage}`, httpCode: '404', itemIndex: call.itemIndex },
	);
}

/** Runs a request about a path of an environment, renaming its 404s (see namedEnvironmentError). */
export async function aboutPath<T>(
	ctx: IExecuteFunctions,
	client: GeminiApiClient,
	environmentId: string,
	path: string | undefined,
	call: EnvironmentCall,
	request: Promise<T>,
): Promise<T> {
	const result = await settle(request);
	if (result.ok) return result.value;
	throw await namedEnvironmentError(ctx, client, result.error, environmentId, path, call);
}

export interface DownloadedFile {
	binary: IBinaryData;
	info: IDataObject;
}

/**
 * Downloads a file — or a directory as a tar, when allowed — straight into n8n's binary storage:
 * the response stream goes to `prepareBinaryData`, which in filesystem mode writes it to disk as it
 * arrives, so the file is never held whole in memory.
 */
export async function downloadToBinary(
	ctx: IExecuteFunctions,
	client: GeminiApiClient,
	environmentId: string,
	path: string,
	options: EnvironmentCall & { directoryAsTar: boolean },
): Promise<DownloadedFile> {
	const call = { itemIndex: options.itemIndex, timeoutMs: options.timeoutMs };
	const kind = await aboutPath(ctx, client, environmentId, path, call, statEnvironmentPath(client, environmentId, path, call));
	if (kind.kind === 'directory' && !options.directoryAsTar) {
		throw new NodeOperationError(ctx.getNode(), `"${displayPath(path)}" is a directory in environment "${environmentId}"`, {
			itemIndex: options.itemIndex,
			description: 'Turn on "Download Directories as Tar" to get it as one tar file, or list it with Environment → List Files.',
		});
	}
	const response = await aboutPath(ctx, client, environmentId, path, call, openEnvironmentDownload(client, environmentId, path, call));
	const isTar = kind.kind === 'directory';
	const name = baseName(path) || environmentId;
	const fileName = isTar ? `${name}.tar` : name;
	const headerType = String(response.headers['content-type'] ?? '').split(';')[0].trim();
	const mimeType = isTar ? 'application/x-tar' : kind.file.mime_type || headerType || undefined;
	const body = response.body as Parameters<IExecuteFunctions['helpers']['prepareBinaryData']>[0];
	const binary = await ctx.helpers.prepareBinaryData(body, fileName, mimeType);
	return {
		binary,
		info: {
			path: displayPath(path),
			type: isTar ? 'directory' : 'file',
			fileName,
			mimeType: binary.mimeType,
			...(isTar ? {} : { sizeBytes: Number(kind.file.size_bytes ?? binary.bytes ?? 0) }),
		},
	};
}
