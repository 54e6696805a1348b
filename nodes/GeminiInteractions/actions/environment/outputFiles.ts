import type { IBinaryKeyData, IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { EnvironmentCall } from '../../../shared/files/environmentFiles';
import { listEnvironmentFiles } from '../../../shared/files/environmentFiles';
import type { GeminiApiClient } from '../../../shared/transport/client';
import { settle } from '../../../shared/transport/resourceErrors';
import { parseList } from '../../../shared/wire/request/jsonParameter';
import { globBase, globToRegExp, isGlob, normalizeEnvironmentPath } from '../../../shared/wire/request/pathPatterns';
import { binaryPropertyName } from '../../../shared/wire/response/media';
import { downloadToBinary, namedEnvironmentError } from './common';

/**
 * Run Agent's "Download Output Files": the files matching the paths and glob patterns, downloaded
 * from the run's environment into the item's binary data (`data`, `data_1`, …).
 */

/** Paths as given, and the files each glob matches (a glob under a directory that does not exist matches nothing). */
async function matchingPaths(
	ctx: IExecuteFunctions,
	client: GeminiApiClient,
	environmentId: string,
	patterns: string[],
	call: EnvironmentCall,
): Promise<string[]> {
	const paths: string[] = [];
	for (const pattern of patterns) {
		if (!isGlob(pattern)) {
			paths.push(normalizeEnvironmentPath(pattern));
			continue;
		}
		const base = globBase(pattern);
		const listed = await settle(listEnvironmentFiles(client, environmentId, base, { ...call, recursive: true, limit: Infinity }));
		if (!listed.ok) {
			const named = await namedEnvironmentError(ctx, client, listed.error, environmentId, base, call);
			const onlyPathMissing = (named as Error).message?.startsWith('The path');
			if (onlyPathMissing) continue;
			throw named;
		}
		const matcher = globToRegExp(pattern);
		paths.push(
			...listed.value
				.filter((file) => file.type !== 'directory')
				.map((file) => normalizeEnvironmentPath(file.path ?? ''))
				.filter((path) => matcher.test(path)),
		);
	}
	return [...new Set(paths)];
}

export async function downloadOutputFiles(
	ctx: IExecuteFunctions,
	client: GeminiApiClient,
	environmentId: string | undefined,
	patternList: string,
	call: EnvironmentCall,
): Promise<{ binary: IBinaryKeyData; files: IDataObject[] }> {
	const patterns = parseList(patternList.replace(/\n/g, ','));
	if (patterns.length === 0) return { binary: {}, files: [] };
	if (!environmentId) {
		throw new NodeOperationError(ctx.getNode(), 'The agent run has no environment to download files from', {
			itemIndex: call.itemIndex,
			description: '"Download Output Files" needs a run in a sandbox: set Environment to Automatic, New Remote Sandbox or Existing Environment.',
		});
	}
	const binary: IBinaryKeyData = {};
	const files: IDataObject[] = [];
	for (const path of await matchingPaths(ctx, client, environmentId, patterns, call)) {
		const property = binaryPropertyName('data', files.length);
		const downloaded = await downloadToBinary(ctx, client, environmentId, path, { ...call, directoryAsTar: true });
		binary[property] = downloaded.binary;
		files.push({ ...downloaded.info, binaryProperty: property });
	}
	return { binary, files };
}
