import { createHash } from 'node:crypto';

import { NodeOperationError } from 'n8n-workflow';
import type { IBinaryData, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { AUTH_MODES, itemsOf, modelLocator, useEmulator } from './fixtures';

const PNG = Buffer.from(
	'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
	'base64',
);
const PDF = Buffer.from(
	'%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj ' +
		'3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 3 3]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);
/** 20 ms of 8 kHz 8-bit mono silence. */
function wav(): Buffer {
	const samples = 160;
	const buffer = Buffer.alloc(44 + samples, 0x80);
	buffer.write('RIFF', 0);
	buffer.writeUInt32LE(36 + samples, 4);
	buffer.write('WAVEfmt ', 8);
	buffer.writeUInt32LE(16, 16);
	buffer.writeUInt16LE(1, 20);
	buffer.writeUInt16LE(1, 22);
	buffer.writeUInt32LE(8000, 24);
	buffer.writeUInt32LE(8000, 28);
	buffer.writeUInt16LE(1, 32);
	buffer.writeUInt16LE(8, 34);
	buffer.write('data', 36);
	buffer.writeUInt32LE(samples, 40);
	return buffer;
}
const WAV = wav();

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

function binary(bytes: Buffer, mimeType: string, fileName: string): IBinaryData {
	return { data: bytes.toString('base64'), mimeType, fileName };
}

function createParameters(options: INodeParameters, input = 'Describe the attachments'): INodeParameters {
	return { resource: 'interaction', operation: 'create', model: modelLocator('gemini-3.5-flash'), input, options };
}

const itemWithFiles: INodeExecutionData = {
	json: {},
	binary: {
		photo: binary(PNG, 'image/png', 'photo.png'),
		report: binary(PDF, 'application/pdf', 'report.pdf'),
		voice: binary(WAV, 'audio/x-wav', 'voice.wav'),
	},
};

describe.each(AUTH_MODES)('binary input (%s)', (authMode) => {
	const fixture = useEmulator();

	it.each(['default', 'filesystem'] as const)('sends image, PDF and audio as content blocks, byte for byte (%s binary mode)', async (binaryMode) => {
		const [item] = itemsOf(
			await fixture.run(authMode, createParameters({ binaryPropertyNames: 'photo, report,voice' }), {
				inputItems: [itemWithFiles],
				binaryMode,
			}),
		);
		const [request] = fixture.apiRequests();
		expect(request.body.input).toEqual([
			{ type: 'text', text: 'Describe the attachments' },
			{ type: 'image', mime_type: 'image/png', data: PNG.toString('base64') },
			{ type: 'document', mime_type: 'application/pdf', data: PDF.toString('base64') },
			{ type: 'audio', mime_type: 'audio/wav', data: WAV.toString('base64') },
		]);
		expect(request.media).toEqual([
			{ type: 'image', mime_type: 'image/png', bytes: PNG.length, sha256: sha256(PNG) },
			{ type: 'document', mime_type: 'application/pdf', bytes: PDF.length, sha256: sha256(PDF) },
			{ type: 'audio', mime_type: 'audio/wav', bytes: WAV.length, sha256: sha256(WAV) },
		]);
		expect(item.json.text).toContain(`Received image/png (${PNG.length} bytes).`);
	});
});

describe('binary and URL input: types and errors', () => {
	const fixture = useEmulator();

	it('takes the type from the file name when the MIME type is generic, and sends URLs as uri blocks', async () => {
		await fixture.run(
			'apiKey',
			createParameters({
				binaryPropertyNames: 'data',
				fileUrls: 'https://example.com/a/clip.mp4, https://www.youtube.com/watch?v=abc, gs://bucket/scan',
				fileUrlMimeType: 'image/jpeg',
			}),
			{ inputItems: [{ json: {}, binary: { data: binary(PDF, 'application/octet-stream', 'scan.PDF') } }] },
		);
		const [request] = fixture.apiRequests();
		expect(request.body.input.slice(1)).toEqual([
			{ type: 'document', mime_type: 'application/pdf', data: PDF.toString('base64') },
			{ type: 'video', uri: 'https://example.com/a/clip.mp4', mime_type: 'video/mp4' },
			{ type: 'video', uri: 'https://www.youtube.com/watch?v=abc' },
			{ type: 'image', uri: 'gs://bucket/scan', mime_type: 'image/jpeg' },
		]);
		expect(request.media).toEqual([{ type: 'document', mime_type: 'application/pdf', bytes: PDF.length, sha256: sha256(PDF) }]);
	});

	it('a missing binary field is a NodeOperationError naming the item and the field, and nothing is sent', async () => {
		const result = await fixture.run('apiKey', createParameters({ binaryPropertyNames: 'photo, scan' }), {
			inputItems: [{ json: {} }, itemWithFiles],
		});
		expect(result.error).toBeInstanceOf(NodeOperationError);
		expect(result.error?.message).toBe('Item 0 has no binary field "photo"');
		expect((result.error as NodeOperationError).context.itemIndex).toBe(0);

		const second = await fixture.run('apiKey', createParameters({ binaryPropertyNames: 'photo, scan' }), { inputItems: [itemWithFiles] });
		expect(second.error?.message).toBe('Item 0 has no binary field "scan"');
		expect((second.error as NodeOperationError).description).toContain('photo, report, voice');
		expect(fixture.apiRequests()).toHaveLength(0);
	});

	it('an unsupported MIME type is a NodeOperationError naming the item, the field and the type', async () => {
		const result = await fixture.run('apiKey', createParameters({ binaryPropertyNames: 'archive' }), {
			inputItems: [{ json: {}, binary: { archive: binary(Buffer.from('PK'), 'application/zip', 'files.zip') } }],
		});
		expect(result.error).toBeInstanceOf(NodeOperationError);
		expect(result.error?.message).toBe('The binary field "archive" of item 0 cannot be sent to Gemini');
		expect((result.error as NodeOperationError).description).toContain('application/zip');
		expect(fixture.apiRequests()).toHaveLength(0);
	});

	it('a URL whose type cannot be told is an error that names the option to set', async () => {
		const result = await fixture.run('apiKey', createParameters({ fileUrls: 'https://example.com/download?id=3' }));
		expect((result.error as NodeOperationError).description).toMatch(/set "URL MIME Type"/);
	});

	it('with Continue On Fail the failing item gets an error item and the others are answered', async () => {
		const result = await fixture.run('apiKey', createParameters({ binaryPropertyNames: 'photo' }), {
			inputItems: [itemWithFiles, { json: {} }],
			continueOnFail: true,
		});
		const items = itemsOf(result);
		expect(items[0].json.status).toBe('completed');
		expect(items[1].json.error).toBe('Item 1 has no binary field "photo"');
		expect(items[1].pairedItem).toEqual({ item: 1 });
	});
});

describe('binary output', () => {
	const fixture = useEmulator();

	it('images and audio the model returns become binary data; the JSON keeps the text and says where the files are', async () => {
		const [item] = itemsOf(
			await fixture.run('apiKey', createParameters({ outputTypes: ['text', 'image', 'audio'] }, 'Draw and say hello')),
		);
		expect(fixture.apiRequests()[0].body.response_format).toEqual([{ type: 'text' }, { type: 'image' }, { type: 'audio' }]);
		expect(item.binary?.data).toMatchObject({ mimeType: 'image/png', fileName: 'data.png', fileExtension: 'png' });
		expect(item.binary?.data_1).toMatchObject({ mimeType: 'audio/wav', fileName: 'data_1.wav' });
		expect(Buffer.from(item.binary!.data.data, 'base64').subarray(1, 4).toString()).toBe('PNG');
		expect(Buffer.from(item.binary!.data_1.data, 'base64').subarray(0, 4).toString()).toBe('RIFF');
		expect(item.json.text).toContain('Draw and say hello');
		expect(item.json.files).toEqual([
			{ type: 'image', mimeType: 'image/png', binaryProperty: 'data', fileName: 'data.png' },
			{ type: 'audio', mimeType: 'audio/wav', binaryProperty: 'data_1', fileName: 'data_1.wav' },
		]);
		expect(JSON.stringify(item.json)).not.toContain('iVBORw0KGgo');
	});

	it('raw output names the binary field instead of carrying the base64 data, and the field prefix is configurable', async () => {
		const [item] = itemsOf(
			await fixture.run('apiKey', { ...createParameters({ outputTypes: ['image'], outputBinaryField: 'picture' }, 'Draw'), simplify: false }),
		);
		expect(Object.keys(item.binary ?? {})).toEqual(['picture']);
		const output = (item.json.steps as Array<{ type: string; content?: unknown[] }>).find((step) => step.type === 'model_output');
		expect(output?.content).toEqual([{ type: 'image', mime_type: 'image/png', binaryProperty: 'picture' }]);
	});

	it('works with n8n\'s filesystem binary mode', async () => {
		const [item] = itemsOf(await fixture.run('apiKey', createParameters({ outputTypes: ['image'] }, 'Draw'), { binaryMode: 'filesystem' }));
		expect(item.binary?.data).toMatchObject({ mimeType: 'image/png', fileName: 'data.png', data: 'filesystem-v2' });
		expect(item.binary?.data.id).toEqual(expect.stringMatching(/^filesystem-v2:/));
	});
});
