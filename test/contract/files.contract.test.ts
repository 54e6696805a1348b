// Contract test: Google's @google/genai 3.1.0 uploads, lists, downloads and deletes through the
// emulator's Files API and environment files API — the emulator speaks what the SDK speaks.
import { createHash, randomBytes } from 'node:crypto';
import { runInThisContext } from 'node:vm';
import { GoogleGenAI } from '@google/genai';
import { startEmulator, type Emulator } from '../emulator';

for (const name of Object.keys(process.env)) {
	if (name === 'GEMINI_API_KEY' || name.startsWith('GOOGLE_')) delete process.env[name];
}

let emu: Emulator;
const MB = 1024 * 1024;

// The SDK's upload/download path dispatches through Node's global undici dispatcher, which lives on
// the main realm's globalThis; jest runs tests in a separate realm, so lend it the main one's.
const DISPATCHER = Symbol.for('undici.globalDispatcher.1');
(globalThis as Record<symbol, unknown>)[DISPATCHER] ??= (
	runInThisContext('fetch; new Headers(); globalThis') as Record<symbol, unknown>
)[DISPATCHER];

beforeAll(async () => {
	emu = await startEmulator({ backgroundDurationMs: 100, streamChunkDelayMs: 0, fileProcessingMs: 150 });
	jest.spyOn(console, 'warn').mockImplementation(() => undefined); // "Environments usage is experimental"
});
afterAll(() => emu.close());
beforeEach(() => emu.clearRequests());

const client = () => new GoogleGenAI({ apiKey: 'test-api-key', httpOptions: { baseUrl: emu.url } });
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest();

describe('Files API through the SDK', () => {
	it('uploads 20 MB in 8 MiB chunks with offsets, then gets, lists and deletes the file', async () => {
		const bytes = randomBytes(20 * MB);
		const ai = client();
		const file = await ai.files.upload({
			file: new Blob([bytes], { type: 'application/pdf' }),
			config: { displayName: 'big report' },
		});
		expect(file).toMatchObject({
			displayName: 'big report',
			mimeType: 'application/pdf',
			sizeBytes: String(20 * MB),
			state: 'PROCESSING',
			sha256Hash: sha256(bytes).toString('base64'),
		});
		expect(file.name).toMatch(/^files\/[a-z0-9]+$/);
		expect(file.uri).toBe(`${emu.url}/v1beta/files/${file.name!.slice('files/'.length)}`);

		const uploads = emu.requests.filter((r) => r.path.startsWith('/upload/'));
		expect(uploads.map((r) => r.path)).toEqual(Array(4).fill('/upload/v1/files')) // the SDK's default API version;
		expect(uploads.map((r) => [r.method, r.headers['x-goog-upload-command'], r.headers['x-goog-upload-offset'], r.bodyBytes])).toEqual([
			['POST', 'start', undefined, expect.any(Number)],
			['POST', 'upload', '0', 8 * MB],
			['POST', 'upload', String(8 * MB), 8 * MB],
			['POST', 'upload, finalize', String(16 * MB), 4 * MB],
		]);
		expect(uploads[0].headers['x-goog-upload-header-content-length']).toBe(String(20 * MB));
		expect(uploads[3].upload).toEqual({ target: file.name, bytes: 20 * MB, sha256: sha256(bytes).toString('hex') });

		await new Promise((resolve) => setTimeout(resolve, 200));
		expect(await ai.files.get({ name: file.name! })).toMatchObject({ name: file.name, state: 'ACTIVE' });
		const listed = [];
		for await (const f of await ai.files.list({ config: { pageSize: 1 } })) listed.push(f.name);
		expect(listed).toContain(file.name);
		await ai.files.delete({ name: file.name! });
		await expect(ai.files.get({ name: file.name! })).rejects.toThrow(/permission to access the File/);
	});

	it('refuses a Files API URI that is still processing, and accepts it once ACTIVE', async () => {
		const ai = client();
		const file = await ai.files.upload({
			file: new Blob([Buffer.from('%PDF-1.4 tiny')], { type: 'application/pdf' }),
			config: { displayName: 'slow #processing:400' },
		});
		const input = [
			{ type: 'text' as const, text: 'Summarize' },
			{ type: 'document' as const, uri: file.uri!, mime_type: 'application/pdf' as const },
		];
		await expect(ai.interactions.create({ model: 'gemini-3.5-flash', input })).rejects.toThrow(/not in an ACTIVE state/);
		await new Promise((resolve) => setTimeout(resolve, 500));
		const answer = await ai.interactions.create({ model: 'gemini-3.5-flash', input });
		expect(answer.status).toBe('completed');
	});
});

describe('Environment files through the SDK', () => {
	it('uploads, lists (recursive, paged), downloads a file and a directory, and reports a missing path', async () => {
		const ai = client();
		const run = await ai.interactions.create({
			agent: 'antigravity-preview-05-2026',
			input: 'Write a report',
			environment: 'remote',
			background: true,
		});
		const env = run.environment_id!;
		await new Promise((resolve) => setTimeout(resolve, 300));

		const csv = Buffer.from('a,b\n1,2\n');
		const uploaded = await ai.environments.files.upload({ environment: env, path: '/workspace/in/data.csv', file: csv, mime_type: 'text/csv' });
		expect(uploaded.files[0]).toMatchObject({ path: 'workspace/in/data.csv', type: 'file', size_bytes: String(csv.length), mime_type: 'text/csv' });
		const put = emu.requests.find((r) => r.method === 'PUT')!;
		expect(put.path).toBe(`/upload/v1/environments/${env}/files/workspace/in/data.csv`);
		expect(put.headers).toMatchObject({ 'x-goog-upload-protocol': 'resumable', 'x-goog-upload-command': 'start' });

		const top = await ai.environments.files.list({ environment: env, path: 'workspace' });
		expect(top.files?.map((f) => [f.path, f.type])).toEqual([
			['workspace/in', 'directory'],
			['workspace/out', 'directory'],
		]);
		const page1 = await ai.environments.files.list({ environment: env, path: 'workspace', recursive: true, page_size: 2 });
		expect(page1.files?.map((f) => f.path)).toEqual(['workspace/in/data.csv', 'workspace/out/report.pdf']);
		const page2 = await ai.environments.files.list({ environment: env, path: 'workspace', recursive: true, page_token: page1.next_page_token! });
		expect(page2.files?.map((f) => f.path)).toEqual(['workspace/out/summary.md']);
		expect(page2.next_page_token).toBeUndefined();

		const pdf = Buffer.from(await ai.environments.files.download({ environment: env, path: '/workspace/out/report.pdf' }));
		expect(pdf.subarray(0, 8).toString('latin1')).toBe('%PDF-1.4');
		expect(pdf.toString('latin1')).toContain('Report by antigravity-preview-05-2026');
		expect(pdf.toString('latin1').trimEnd().endsWith('%%EOF')).toBe(true);

		const tar = Buffer.from(await ai.environments.files.download({ environment: env, path: 'workspace/in' }));
		expect(tar.subarray(0, 8).toString()).toBe('data.csv');
		expect(tar.subarray(257, 262).toString()).toBe('ustar');
		expect(tar.subarray(512, 512 + csv.length)).toEqual(csv);

		await expect(ai.environments.files.list({ environment: env, path: 'workspace/nope' })).rejects.toThrow(
			new RegExp(`workspace/nope.{1,3} not found in environment ${env}`),
		);
		const got = await ai.environments.get(env);
		expect(got).toMatchObject({ id: env, status: 'active', file_count: '3' });

		emu.environments.expire(env);
		expect(await ai.environments.get(env)).toMatchObject({ status: 'expired' });
		await expect(ai.environments.files.list({ environment: env, path: 'workspace' })).rejects.toThrow(/has expired/);
		await ai.environments.delete(env);
		await expect(ai.environments.get(env)).rejects.toThrow(/not found/);
	});

	it('expires an environment after 7 idle days on the emulator clock', async () => {
		const ai = client();
		emu.environments.putFile('env_idle', 'notes.txt', { text: 'hi' });
		expect(await ai.environments.get('env_idle')).toMatchObject({ status: 'active' });
		emu.environments.advanceClock(6 * 24 * 3600 * 1000);
		expect(await ai.environments.get('env_idle')).toMatchObject({ status: 'active' });
		emu.environments.advanceClock(7 * 24 * 3600 * 1000 + 1000);
		expect(await ai.environments.get('env_idle')).toMatchObject({ status: 'expired' });
	});
});
