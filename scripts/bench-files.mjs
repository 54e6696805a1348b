// Memory benchmarks of the large-file paths (run by scripts/bench.mjs, `npm run bench -- --only files`):
//
// - Files API: one input binary of 100 MB and 1 GB (n8n's filesystem binary mode) attached to
//   Interaction → Create; above the threshold it is streamed from n8n's binary storage to the Files
//   API in 8 MiB chunks and sent by URI. Limit: peak RSS growth ≤ 64 MB + 0.1 × the file.
// - Environment download: a 100 MB file from an agent's environment (Environment → Download File)
//   into n8n's binary storage (filesystem mode). Limit: peak RSS growth ≤ 64 MB.
//
// Each measurement runs in a fresh Node process with the emulator in its own process; a worker
// thread samples RSS every millisecond. The input file is written to the harness' binary storage on
// disk before the measurement, as an earlier node would have left it.
import { randomBytes, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { once } from 'node:events';

const MB = 1024 * 1024;

export const filesApiLimitMb = (sizeMb) => 64 + 0.1 * sizeMb;
export const downloadLimitMb = () => 64;

/** Writes `sizeMb` of random bytes (a PDF header first) as a filesystem-mode binary; returns the item. */
async function storedBinary(storageDir, sizeMb) {
	const fileId = `workflows/bench/executions/bench/binary_data/${randomUUID()}`;
	const filePath = path.join(storageDir, fileId);
	await mkdir(path.dirname(filePath), { recursive: true });
	const out = createWriteStream(filePath);
	for (let i = 0; i < sizeMb; i++) {
		const block = randomBytes(MB);
		if (i === 0) block.write('%PDF-1.7\n', 0, 'latin1');
		if (!out.write(block)) await once(out, 'drain');
	}
	out.end();
	await once(out, 'finish');
	const bytes = sizeMb * MB;
	await writeFile(`${filePath}.metadata`, JSON.stringify({ fileName: 'big.pdf', mimeType: 'application/pdf', fileSize: bytes }));
	return {
		filePath,
		item: { json: {}, binary: { data: { id: `filesystem-v2:${fileId}`, data: 'filesystem-v2', mimeType: 'application/pdf', fileName: 'big.pdf', bytes } } },
	};
}

/** Child side: one measured run. `kind` is 'filesApi' or 'download'. */
export async function measureFiles({ kind, sizeMb, url, buildDir, measuredRun }) {
	const require = createRequire(import.meta.url);
	const { runNode, createCredentialStore } = require(path.join(buildDir, 'test', 'harness', 'index.js'));
	const { BINARY_STORAGE_DIR } = require(path.join(buildDir, 'test', 'harness', 'binary.js'));
	const { GeminiInteractions } = require(path.join(buildDir, 'nodes', 'GeminiInteractions', 'GeminiInteractions.node.js'));
	const { GeminiInteractionsApi } = require(path.join(buildDir, 'credentials', 'GeminiInteractionsApi.credentials.js'));
	const common = {
		node: new GeminiInteractions(),
		credentialTypes: [new GeminiInteractionsApi()],
		credentials: createCredentialStore({ geminiInteractionsApi: { apiKey: 'test-api-key', baseUrl: url, apiVersion: 'v1' } }),
		binaryMode: 'filesystem',
	};
	let input;
	let options;
	if (kind === 'filesApi') {
		input = await storedBinary(BINARY_STORAGE_DIR, sizeMb);
		options = {
			...common,
			parameters: {
				authentication: 'apiKey',
				resource: 'interaction',
				operation: 'create',
				model: { __rl: true, mode: 'id', value: 'gemini-3.5-flash' },
				input: 'Summarize the attached file',
				options: { binaryPropertyNames: 'data', timeout: 600 },
			},
			inputItems: [input.item],
		};
	} else {
		await fetch(`${url}/__emulator/environments/files`, {
			method: 'POST',
			body: JSON.stringify({ environmentId: 'env_bench', path: 'workspace/out/big.bin', size: sizeMb * MB }),
		});
		options = {
			...common,
			parameters: {
				authentication: 'apiKey',
				resource: 'environment',
				operation: 'downloadFile',
				environmentId: 'env_bench',
				path: '/workspace/out/big.bin',
				options: { timeout: 600 },
			},
		};
	}

	const { result, ms, before, peak } = await measuredRun(runNode, options);
	const json = result.output[0][0].json;
	if (kind === 'filesApi' && !String(json.text).includes('/v1beta/files/')) throw new Error(`the file was not sent by URI: ${json.text}`);
	if (kind === 'download' && result.output[0][0].binary.data.bytes !== sizeMb * MB) throw new Error('the download is incomplete');
	if (input) await rm(input.filePath, { force: true });
	const extraMb = (peak - before) / MB;
	const limitMb = kind === 'filesApi' ? filesApiLimitMb(sizeMb) : downloadLimitMb(sizeMb);
	return { kind, sizeMb, ms, baselineMb: before / MB, peakMb: peak / MB, extraMb, limitMb, ratio: extraMb / limitMb };
}

export function filesReport(results, machine) {
	const label = { filesApi: 'input via the Files API (Interaction → Create)', download: 'Environment → Download File' };
	const rows = results.map(
		(r) =>
			`| ${label[r.kind]} | ${r.sizeMb >= 1024 ? `${r.sizeMb / 1024} GB` : `${r.sizeMb} MB`} | ${r.baselineMb.toFixed(0)} MB | ${r.peakMb.toFixed(0)} MB | ${r.extraMb.toFixed(0)} MB | ${r.limitMb.toFixed(0)} MB | **${r.ratio.toFixed(2)}** ${r.ratio <= 1 ? '✓' : '✗ over the limit'} | ${(r.ms / 1000).toFixed(1)} s |`,
	);
	return `## Large files: memory

Large inputs are streamed from n8n's binary storage to the Files API in 8 MiB chunks (resumable upload)
and sent by URI; environment downloads are streamed into n8n's binary storage. Both run in n8n's
filesystem binary mode, where the file lives on disk. "Growth" is the peak RSS during the run minus
the RSS right before it; the limit is **64 MB + 0.1 × the file** for the Files API path and **64 MB**
for the download; the ratio is growth ÷ limit (≤ 1 passes).

| path | file | RSS before | peak RSS | growth | limit | ratio | time |
|---|---|---|---|---|---|---|---|
${rows.join('\n')}

Measured ${new Date().toISOString().slice(0, 10)} on ${machine}.`;
}
