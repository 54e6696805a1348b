// Large input in a real n8n: a 50 MB binary made by a Code node goes to the Files API (resumable
// upload, 8 MiB chunks) instead of inline, and the bytes the emulator received have the file's sha256.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { isApiRequest } from '../../scripts/emulator-process.mjs';
import { CREDENTIAL_REFS } from '../../scripts/examples.mjs';
import { NODE_TYPE, setupE2e } from './lib/context.mjs';

const REPEAT = 17_476_267; // "ABC" × REPEAT = 52,428,801 bytes (50 MB), base64 "QUJD" × REPEAT
const TRIGGER = 'When clicking ‘Execute workflow’';
const WORKFLOW = {
	id: 'e2eFilesApi50mb01',
	name: 'E2E 50 MB through the Files API',
	active: false,
	nodes: [
		{ id: 'f1', name: TRIGGER, type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
		{
			id: 'f2',
			name: 'Make 50 MB',
			type: 'n8n-nodes-base.code',
			typeVersion: 2,
			position: [220, 0],
			parameters: {
				jsCode: `return [{ json: {}, binary: { data: { data: 'QUJD'.repeat(${REPEAT}), mimeType: 'application/pdf', fileName: 'big.pdf' } } }];`,
			},
		},
		{
			id: 'f3',
			name: 'Gemini',
			type: NODE_TYPE,
			typeVersion: 1,
			position: [440, 0],
			parameters: {
				resource: 'interaction',
				operation: 'create',
				model: { __rl: true, mode: 'id', value: 'gemini-3.5-flash' },
				input: 'Summarize the attached file',
				options: { binaryPropertyNames: 'data', timeout: 300 },
			},
			credentials: { geminiInteractionsApi: CREDENTIAL_REFS.geminiInteractionsApi },
		},
	],
	connections: {
		[TRIGGER]: { main: [[{ node: 'Make 50 MB', type: 'main', index: 0 }]] },
		'Make 50 MB': { main: [[{ node: 'Gemini', type: 'main', index: 0 }]] },
	},
	settings: { executionOrder: 'v1' },
	pinData: {},
};

describe('large files in real n8n', () => {
	let ctx;
	before(async () => {
		ctx = await setupE2e();
		await ctx.n8n.importWorkflows([WORKFLOW]);
	});
	after(() => ctx?.dispose());

	test('a 50 MB binary goes through the Files API; the emulator reports its sha256', async () => {
		await ctx.emulator.clearRequests();
		const result = await ctx.n8n.execute(WORKFLOW.id);
		// n8n prints the whole execution, 70 MB of base64 from the Code node included: judge by the exit
		// code and by what reached the emulator rather than by parsing that.
		assert.equal(result.code, 0, result.stderr?.slice(-2000));
		const requests = await ctx.emulator.requests(isApiRequest);
		const size = 3 * REPEAT;
		const expected = createHash('sha256').update(Buffer.alloc(size, 'ABC')).digest('hex');
		const finalized = requests.find((r) => r.upload);
		assert.deepEqual(finalized?.upload, { target: finalized?.upload?.target, bytes: size, sha256: expected });
		const uploads = requests.filter((r) => r.path === '/upload/v1/files');
		assert.equal(uploads[0].headers['x-goog-upload-command'], 'start');
		assert.deepEqual(
			uploads.slice(1).map((r) => r.headers['x-goog-upload-offset']),
			Array.from({ length: 7 }, (_, i) => String(i * 8 * 1024 * 1024)),
		);
		assert.ok(uploads.slice(1).every((r) => r.bodyBytes <= 8 * 1024 * 1024));
		const create = requests.find((r) => r.method === 'POST' && r.path === '/v1/interactions');
		assert.equal(create.body.input[1].uri, `${ctx.emulator.url}/v1beta/files/${finalized.upload.target.slice('files/'.length)}`);
		assert.ok(create.bodyBytes < 10_000, 'the file is not inline');
		assert.equal(create.status, 200);
	});
});
