// Environment files, the Files API, Run Agent's Download Output Files and large inputs, through the
// n8n harness against the emulator: what goes over the wire and what comes out as items and binaries.
import { createHash, randomBytes } from 'node:crypto';
import type { INodeExecutionData } from 'n8n-workflow';

import { interactionsPath, modelLocator, useEmulator } from './fixtures';

const MB = 1024 * 1024;
const fx = useEmulator({ backgroundDurationMs: 150, fileProcessingMs: 600 });

const agentRun = (options: Record<string, unknown> = {}) => ({
	resource: 'agent',
	operation: 'run',
	agent: { __rl: true, mode: 'list', value: 'antigravity-preview-05-2026' },
	input: 'Write a short report on shore power',
	options: { pollInterval: 1, ...options },
});

function pdfItem(bytes: Buffer, name = 'big.pdf'): INodeExecutionData {
	return { json: {}, binary: { data: { data: bytes.toString('base64'), mimeType: 'application/pdf', fileName: name } } };
}

async function binaryBytes(run: Awaited<ReturnType<typeof fx.run>>, property: string): Promise<Buffer> {
	const binary = run.output![0][0].binary![property];
	return binary.id ? Buffer.from(await (await import('node:fs/promises')).readFile(await harnessPath(binary.id))) : Buffer.from(binary.data, 'base64');
}
async function harnessPath(id: string): Promise<string> {
	const path = await import('node:path');
	return path.join(process.cwd(), '.tmp', 'harness-binary-data', id.slice('filesystem-v2:'.length));
}

describe('Run Agent → Download Output Files', () => {
	it('outputs the PDF the agent wrote as binary data, listed in files (filesystem binary mode)', async () => {
		const run = await fx.run('apiKey', agentRun({ downloadOutputFiles: '/workspace/out/*.pdf' }), { binaryMode: 'filesystem' });
		expect(run.error).toBeUndefined();
		const item = run.output![0][0];
		const env = item.json.environmentId as string;
		expect(env).toMatch(/^env_/);
		expect(item.json.files).toEqual([
			{ path: '/workspace/out/report.pdf', type: 'file', fileName: 'report.pdf', mimeType: 'application/pdf', sizeBytes: expect.any(Number), binaryProperty: 'data' },
		]);
		expect(item.binary!.data).toMatchObject({ fileName: 'report.pdf', mimeType: 'application/pdf', fileExtension: 'pdf' });
		const pdf = await binaryBytes(run, 'data');
		expect(pdf.subarray(0, 8).toString('latin1')).toBe('%PDF-1.4');
		expect(pdf.toString('latin1')).toContain('Report by antigravity-preview-05-2026');
		expect(pdf.length).toBe((item.json.files as Array<{ sizeBytes: number }>)[0].sizeBytes);

		const wire = fx.apiRequests().map((r) => `${r.method} ${r.url}`);
		expect(wire).toEqual(
			expect.arrayContaining([
				`GET /v1/environments/${env}/files/workspace/out?page_size=1000&recursive=true`,
				`GET /v1/environments/${env}/files/workspace/out/report.pdf?alt=media`,
			]),
		);
		expect(wire.filter((line) => line.includes('alt=media'))).toHaveLength(1);
	});

	it('takes several paths and globs: data, data_1 …; a glob under a missing folder matches nothing', async () => {
		const run = await fx.run('apiKey', agentRun({ downloadOutputFiles: '/workspace/out/summary.md, /workspace/**/*.pdf, /nothing/*.csv' }));
		expect(run.error).toBeUndefined();
		const item = run.output![0][0];
		expect((item.json.files as Array<{ path: string; binaryProperty: string }>).map((f) => [f.path, f.binaryProperty])).toEqual([
			['/workspace/out/summary.md', 'data'],
			['/workspace/out/report.pdf', 'data_1'],
		]);
		expect(Buffer.from(item.binary!.data.data, 'base64').toString()).toContain('# Summary');
		expect(item.binary!.data_1.mimeType).toBe('application/pdf');
	});

	it('a missing exact path is an error naming the path and the environment', async () => {
		const run = await fx.run('apiKey', agentRun({ downloadOutputFiles: '/workspace/out/missing.pdf' }));
		expect(run.error?.message).toMatch(/^The path "\/workspace\/out\/missing\.pdf" was not found in environment "env_/);
	});
});

describe('Environment resource', () => {
	const envParams = (operation: string, extra: Record<string, unknown> = {}) => ({ resource: 'environment', operation, environmentId: 'env_files1', ...extra });

	beforeEach(() => {
		fx.emulator.environments.putFile('env_files1', 'workspace/out/chart.png', { base64: randomBytes(64).toString('base64'), mimeType: 'image/png' });
		fx.emulator.environments.putFile('env_files1', 'workspace/out/data/rows.csv', { text: 'a,b\n1,2\n' });
		fx.emulator.environments.putFile('env_files1', 'workspace/notes.txt', { text: 'hello' });
	});

	it('List Files: one item per file, recursive, paged with Limit / Return All', async () => {
		const limited = await fx.run('apiKey', envParams('listFiles', { path: '/workspace', recursive: true, limit: 2 }));
		expect(limited.output![0].map((i) => i.json.path)).toEqual(['workspace/notes.txt', 'workspace/out/chart.png']);
		expect(fx.apiRequests()[0].url).toBe('/v1/environments/env_files1/files/workspace?page_size=2&recursive=true');
		const all = await fx.run('apiKey', envParams('listFiles', { path: '/workspace/out', recursive: false, returnAll: true }));
		expect(all.output![0].map((i) => [i.json.path, i.json.type])).toEqual([
			['workspace/out/chart.png', 'file'],
			['workspace/out/data', 'directory'],
		]);
		expect(all.output![0][0].json).toMatchObject({ environmentId: 'env_files1', size_bytes: '64', mime_type: 'image/png', modified: expect.any(String) });
	});

	it('Download File: binary with MIME type and name; a directory is an error unless downloaded as tar', async () => {
		const file = await fx.run('apiKey', envParams('downloadFile', { path: '/workspace/out/data/rows.csv', binaryPropertyName: 'sheet' }));
		expect(file.output![0][0].binary!.sheet).toMatchObject({ fileName: 'rows.csv', mimeType: 'text/csv' });
		expect(Buffer.from(file.output![0][0].binary!.sheet.data, 'base64').toString()).toBe('a,b\n1,2\n');

		const dir = await fx.run('apiKey', envParams('downloadFile', { path: '/workspace/out' }));
		expect(dir.error?.message).toBe('"/workspace/out" is a directory in environment "env_files1"');
		const tar = await fx.run('apiKey', envParams('downloadFile', { path: '/workspace/out', options: { directoryAsTar: true } }));
		expect(tar.output![0][0].binary!.data).toMatchObject({ fileName: 'out.tar', mimeType: 'application/x-tar' });
		const bytes = Buffer.from(tar.output![0][0].binary!.data.data, 'base64');
		expect(bytes.subarray(0, 9).toString()).toBe('chart.png');
		expect(bytes.includes(Buffer.from('data/rows.csv'))).toBe(true);
	});

	it('Upload File: resumable upload with overwrite; an existing file without Overwrite is an error', async () => {
		const item: INodeExecutionData = { json: {}, binary: { data: { data: Buffer.from('x,y\n').toString('base64'), mimeType: 'text/csv', fileName: 'input.csv' } } };
		const run = await fx.run('apiKey', envParams('uploadFile', { path: '/workspace/in/' }), { inputItems: [item], binaryMode: 'filesystem' });
		expect(run.error).toBeUndefined();
		expect(run.output![0][0].json).toMatchObject({ environmentId: 'env_files1', path: 'workspace/in/input.csv', size_bytes: '4', mime_type: 'text/csv', uploadedBytes: 4 });
		const [start, chunk] = fx.apiRequests();
		expect([start.method, start.path, start.headers['x-goog-upload-command'], start.headers['x-goog-upload-header-content-length']]).toEqual([
			'PUT', '/upload/v1/environments/env_files1/files/workspace/in/input.csv', 'start', '4',
		]);
		expect([chunk.method, chunk.headers['x-goog-upload-command'], chunk.headers['x-goog-upload-offset'], chunk.upload?.bytes]).toEqual(['POST', 'upload, finalize', '0', 4]);

		const again = await fx.run('apiKey', envParams('uploadFile', { path: '/workspace/in/input.csv' }), { inputItems: [item] });
		expect(again.error?.message).toBe('"/workspace/in/input.csv" already exists in environment "env_files1"');
		const overwrite = await fx.run('apiKey', envParams('uploadFile', { path: '/workspace/in/input.csv', options: { overwrite: true } }), { inputItems: [item] });
		expect(overwrite.error).toBeUndefined();
		expect(fx.apiRequests().filter((r) => r.method === 'PUT').pop()?.query).toMatchObject({ overwrite: 'true' });
	});

	it('Get shows state and expiry; an expired environment is an error naming it and the path', async () => {
		fx.emulator.environments.putFile('env_old', 'workspace/out/report.pdf', { text: '%PDF' });
		const got = await fx.run('apiKey', { ...envParams('get'), environmentId: 'env_old' });
		const json = got.output![0][0].json;
		expect(json).toMatchObject({ id: 'env_old', status: 'active', file_count: '1' });
		expect(Date.parse(json.expiresAt as string) - Date.parse(json.last_accessed as string)).toBe(7 * 24 * 3600 * 1000);

		fx.emulator.environments.expire('env_old');
		const download = await fx.run('apiKey', { ...envParams('downloadFile', { path: '/workspace/out/report.pdf' }), environmentId: 'env_old' });
		expect(download.error?.message).toBe('Environment "env_old" has expired, so "/workspace/out/report.pdf" cannot be read');
		expect((download.error as { description?: string }).description).toMatch(/7 days without use/);
	});

	it('Delete, then Get is an error saying the environment was not found (Continue On Fail gives an error item)', async () => {
		const del = await fx.run('apiKey', envParams('delete'));
		expect(del.output![0][0].json).toEqual({ id: 'env_files1', deleted: true });
		const get = await fx.run('apiKey', envParams('get'), { continueOnFail: true });
		expect(get.output![0][0]).toMatchObject({ json: { error: 'Environment "env_files1" was not found' }, pairedItem: { item: 0 } });
	});
});

describe('File resource (Files API)', () => {
	it('Upload waits until ACTIVE; Get, List and Delete', async () => {
		const bytes = randomBytes(300 * 1024);
		const upload = await fx.run('apiKey', { resource: 'file', operation: 'upload', options: { displayName: 'invoice' } }, { inputItems: [pdfItem(bytes)] });
		expect(upload.error).toBeUndefined();
		const file = upload.output![0][0].json as { name: string; uri: string };
		expect(file).toMatchObject({ displayName: 'invoice', state: 'ACTIVE', sizeBytes: String(bytes.length), sha256Hash: createHash('sha256').update(bytes).digest('base64') });
		const gets = fx.apiRequests().filter((r) => r.method === 'GET');
		expect(gets.length).toBeGreaterThan(0);
		expect(gets.every((r) => r.path === `/v1/${file.name}`)).toBe(true);

		const got = await fx.run('apiKey', { resource: 'file', operation: 'get', fileName: file.uri }, {});
		expect(got.output![0][0].json).toMatchObject({ name: file.name, state: 'ACTIVE' });
		const list = await fx.run('apiKey', { resource: 'file', operation: 'list', returnAll: true });
		expect(list.output![0].map((i) => i.json.name)).toContain(file.name);
		const del = await fx.run('apiKey', { resource: 'file', operation: 'delete', fileName: file.name });
		expect(del.output![0][0].json).toEqual({ name: file.name, deleted: true });
		const gone = await fx.run('apiKey', { resource: 'file', operation: 'get', fileName: file.name });
		expect(gone.error?.message).toBe(`File "${file.name}" was not found`);
	});

	it('on the enterprise credential the File resource is an error before anything is sent', async () => {
		const run = await fx.run('enterprise', { resource: 'file', operation: 'list', returnAll: true });
		expect(run.error?.message).toBe('Gemini Enterprise (Vertex AI) has no Files API');
		expect(fx.apiRequests()).toHaveLength(0);
	});
});

describe('Large input files go through the Files API', () => {
	const create = (options: Record<string, unknown>) => ({
		resource: 'interaction',
		operation: 'create',
		model: modelLocator('gemini-3.5-flash'),
		input: 'Summarize the attached file',
		options: { binaryPropertyNames: 'data', ...options },
	});

	it('above the threshold: streamed in chunks to the Files API, waited for, sent by uri (sha256 matches)', async () => {
		const bytes = randomBytes(3 * MB);
		bytes.write('%PDF-1.7\n', 0, 'latin1');
		const run = await fx.run('apiKey', create({ filesApiThresholdMb: 1 }), { inputItems: [pdfItem(bytes)], binaryMode: 'filesystem' });
		expect(run.error).toBeUndefined();
		const requests = fx.apiRequests();
		const finalize = requests.find((r) => r.upload)!;
		expect(finalize.upload).toEqual({ target: expect.stringMatching(/^files\//), bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') });
		expect(requests.filter((r) => r.path === '/upload/v1/files').map((r) => r.headers['x-goog-upload-command'])).toEqual(['start', 'upload, finalize']);
		const interaction = requests.find((r) => r.path === interactionsPath('apiKey'))!;
		expect(interaction.body.input[1]).toEqual({ type: 'document', mime_type: 'application/pdf', uri: `${fx.emulator.url}/v1beta/files/${finalize.upload!.target.slice(6)}` });
		expect(interaction.media).toEqual([]);
		expect(run.output![0][0].json.text).toContain(`Received application/pdf from ${fx.emulator.url}/v1beta/files/`);
	});

	it('below the threshold the file stays inline', async () => {
		const bytes = randomBytes(1000);
		const run = await fx.run('apiKey', create({}), { inputItems: [pdfItem(bytes)] });
		expect(run.error).toBeUndefined();
		expect(fx.apiRequests().map((r) => r.path)).toEqual([interactionsPath('apiKey')]);
		expect(fx.apiRequests()[0].media).toEqual([{ type: 'document', mime_type: 'application/pdf', bytes: 1000, sha256: createHash('sha256').update(bytes).digest('hex') }]);
	});

	it('on the enterprise credential a large file is an error asking for a gs:// URL, before anything is sent', async () => {
		const run = await fx.run('enterprise', create({ filesApiThresholdMb: 0.001 }), { inputItems: [pdfItem(randomBytes(5000))] });
		expect(run.error?.message).toBe('The binary field "data" of item 0 is too large to send inline (0.0 MB)');
		expect((run.error as { description?: string }).description).toMatch(/gs:\/\/ URL/);
		expect(fx.apiRequests()).toHaveLength(0);
	});
});
