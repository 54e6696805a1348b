import { randomBytes } from 'node:crypto';

import { encodeJsonBody, inlineData } from '../../nodes/shared/wire/request/inlineData';
import {
	classifyMedia,
	extensionForMimeType,
	mediaKindForMimeType,
	mimeTypeFromFileName,
	normalizeMimeType,
	uriContent,
	userContent,
} from '../../nodes/shared/wire/request/media';
import { fileSummaries, outputFiles, withoutInlineMedia } from '../../nodes/shared/wire/response/media';
import { rawInteraction } from '../../nodes/shared/wire/response/simplify';
import { citations, sources } from '../../nodes/shared/wire/response/sources';
import type { Interaction } from '../../nodes/shared/wire/types';

describe('MIME type → content block type', () => {
	it.each([
		['image/png', 'image'],
		['image/jpeg', 'image'],
		['IMAGE/JPG', 'image'],
		['image/webp; q=1', 'image'],
		['image/heic', 'image'],
		['audio/wav', 'audio'],
		['audio/x-wav', 'audio'],
		['audio/mpeg', 'audio'],
		['audio/ogg', 'audio'],
		['audio/flac', 'audio'],
		['application/pdf', 'document'],
		['text/plain', 'document'],
		['text/csv', 'document'],
		['application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'document'],
		['application/vnd.ms-excel', 'document'],
		['video/mp4', 'video'],
		['video/quicktime', 'video'],
		['video/webm', 'video'],
	])('%s is %s', (mime, kind) => {
		expect(mediaKindForMimeType(mime)).toBe(kind);
	});

	it.each(['application/zip', 'application/octet-stream', 'image/svg+xml', 'text/javascript', '', undefined])('%s is not supported', (mime) => {
		expect(mediaKindForMimeType(mime)).toBeUndefined();
	});

	it('normalizes case, parameters and aliases', () => {
		expect(normalizeMimeType(' Audio/Wave ; codecs=1')).toBe('audio/wav');
		expect(normalizeMimeType('image/jpg')).toBe('image/jpeg');
		expect(normalizeMimeType(undefined)).toBe('');
	});

	it('maps file names to MIME types and MIME types to extensions', () => {
		expect(mimeTypeFromFileName('Report.PDF')).toBe('application/pdf');
		expect(mimeTypeFromFileName('https://x.example/a/clip.mov?sig=1#t=3')).toBe('video/quicktime');
		expect(mimeTypeFromFileName('noextension')).toBeUndefined();
		expect(extensionForMimeType('image/jpeg')).toBe('jpg');
		expect(extensionForMimeType('audio/mpeg')).toBe('mp3');
		expect(extensionForMimeType('audio/wav')).toBe('wav');
		expect(extensionForMimeType('application/x-unknown+thing')).toBe('xunknownthing');
		expect(extensionForMimeType(undefined)).toBe('bin');
	});
});

describe('classifyMedia', () => {
	it('uses the declared type, or the file name when the declared type is generic', () => {
		expect(classifyMedia('image/png', 'x.pdf')).toEqual({ ok: true, value: { kind: 'image', mimeType: 'image/png' } });
		expect(classifyMedia('application/octet-stream', 'scan.pdf')).toEqual({ ok: true, value: { kind: 'document', mimeType: 'application/pdf' } });
		expect(classifyMedia(undefined, 'voice.m4a')).toEqual({ ok: true, value: { kind: 'audio', mimeType: 'audio/m4a' } });
	});

	it('names the type and the file when Gemini cannot read it', () => {
		const result = classifyMedia('application/zip', 'files.zip');
		expect(result.ok).toBe(false);
		expect(!result.ok && result.reason).toMatch(/^its MIME type application\/zip \(file files\.zip\) is not one Gemini reads/);
		expect(classifyMedia('application/octet-stream', 'blob')).toMatchObject({ ok: false, reason: expect.stringMatching(/application\/octet-stream/) });
	});
});

describe('uriContent and userContent', () => {
	it('builds uri blocks from the extension, YouTube links as video, and the fallback type otherwise', () => {
		expect(uriContent('https://x.example/doc.pdf')).toEqual({ ok: true, value: { type: 'document', uri: 'https://x.example/doc.pdf', mime_type: 'application/pdf' } });
		expect(uriContent('https://youtu.be/abc')).toEqual({ ok: true, value: { type: 'video', uri: 'https://youtu.be/abc' } });
		expect(uriContent('gs://bucket/object', 'audio/mpeg')).toEqual({ ok: true, value: { type: 'audio', uri: 'gs://bucket/object', mime_type: 'audio/mpeg' } });
		expect(uriContent('https://x.example/photo.png', 'application/pdf')).toMatchObject({ ok: true, value: { type: 'image' } });
	});

	it('explains URLs it cannot use', () => {
		expect(uriContent('ftp://x/a.pdf')).toEqual({ ok: false, reason: '"ftp://x/a.pdf" is not an http(s) or gs:// URL' });
		expect(uriContent('https://x.example/download')).toMatchObject({ ok: false, reason: expect.stringMatching(/URL MIME Type/) });
		expect(uriContent('https://x.example/a.zip', 'application/zip')).toMatchObject({ ok: false, reason: expect.stringMatching(/application\/zip/) });
	});

	it('keeps plain text input a string and puts text before files otherwise', () => {
		expect(userContent('Hi', [])).toBe('Hi');
		const image = { type: 'image' as const, data: 'AA==', mime_type: 'image/png' };
		expect(userContent('Describe', [image])).toEqual([{ type: 'text', text: 'Describe' }, image]);
		expect(userContent('  ', [image])).toEqual([image]);
	});
});

describe('output files', () => {
	const interaction: Interaction = {
		id: 'v1_m',
		status: 'completed',
		steps: [
			{ type: 'user_input', content: [{ type: 'image', data: 'INPUT', mime_type: 'image/png' }] },
			{ type: 'thought' },
			{
				type: 'model_output',
				content: [
					{ type: 'text', text: 'Here:' },
					{ type: 'image', data: 'iVBORw0KGgo=', mime_type: 'image/png' },
					{ type: 'audio', data: 'UklGRg==', mime_type: 'audio/wav' },
					{ type: 'video', uri: 'https://x.example/v/clip.mp4?sig=1', mime_type: 'video/mp4' },
					{ type: 'image', data: '/9j/', mime_type: 'image/jpeg' },
				],
			},
		],
	};

	it('names inline files data, data_1, … and leaves URI files as links', () => {
		const files = outputFiles(interaction);
		expect(files).toEqual([
			{ type: 'image', mimeType: 'image/png', property: 'data', fileName: 'data.png', data: 'iVBORw0KGgo=' },
			{ type: 'audio', mimeType: 'audio/wav', property: 'data_1', fileName: 'data_1.wav', data: 'UklGRg==' },
			{ type: 'video', mimeType: 'video/mp4', property: '', fileName: 'clip.mp4', uri: 'https://x.example/v/clip.mp4?sig=1' },
			{ type: 'image', mimeType: 'image/jpeg', property: 'data_2', fileName: 'data_2.jpg', data: '/9j/' },
		]);
		expect(fileSummaries(files)).toEqual([
			{ type: 'image', mimeType: 'image/png', binaryProperty: 'data', fileName: 'data.png' },
			{ type: 'audio', mimeType: 'audio/wav', binaryProperty: 'data_1', fileName: 'data_1.wav' },
			{ type: 'video', mimeType: 'video/mp4', uri: 'https://x.example/v/clip.mp4?sig=1' },
			{ type: 'image', mimeType: 'image/jpeg', binaryProperty: 'data_2', fileName: 'data_2.jpg' },
		]);
		expect(outputFiles(interaction, 'picture').map((file) => file.property)).toEqual(['picture', 'picture_1', '', 'picture_2']);
	});

	it('moves inline data out of the JSON, keeping the user input as it was', () => {
		const stripped = withoutInlineMedia(interaction, outputFiles(interaction));
		expect(JSON.stringify(stripped)).not.toContain('iVBORw0KGgo=');
		expect(JSON.stringify(stripped)).toContain('INPUT');
		expect((stripped.steps![2] as { content: unknown[] }).content[1]).toEqual({ type: 'image', mime_type: 'image/png', binaryProperty: 'data' });
		expect(interaction.steps![2]).toMatchObject({ content: expect.arrayContaining([expect.objectContaining({ data: 'iVBORw0KGgo=' })]) });
	});
});

describe('citations and sources', () => {
	const text = 'Zürich is big. According to Example Search, it is.';
	const start = Buffer.byteLength('Zürich is big. ');
	const interaction: Interaction = {
		steps: [
			{
				type: 'model_output',
				content: [
					{
						type: 'text',
						text,
						annotations: [
							{ type: 'url_citation', url: 'https://example.com/z', title: 'Z', start_index: start, end_index: Buffer.byteLength(text) },
							{ type: 'speech_metadata', start_index: 0 },
							{ type: 'file_citation', document_uri: 'gs://b/doc.pdf', file_name: 'doc.pdf', page_number: 3, start_index: 0, end_index: 999 },
						],
					},
				],
			},
			{ type: 'url_context_result', call_id: 'u', result: [{ url: 'https://example.com/z', status: 'success' }, { url: 'https://paywall.example', status: 'paywall' }, { url: 'https://read.example', status: 'success' }] },
			{ type: 'google_maps_result', call_id: 'm', result: [{ places: [{ name: 'Café', url: 'https://maps.example/1' }] }] },
			{ type: 'file_search_result', call_id: 'f', result: [{ file_name: 'notes.txt' }] },
		],
	};

	it('lists citations with camelCase keys and the cited text (byte offsets)', () => {
		expect(citations(interaction)).toEqual([
			{ type: 'url_citation', url: 'https://example.com/z', title: 'Z', startIndex: start, endIndex: Buffer.byteLength(text), text: 'According to Example Search, it is.' },
			{ type: 'file_citation', documentUri: 'gs://b/doc.pdf', fileName: 'doc.pdf', pageNumber: 3, startIndex: 0, endIndex: 999 },
		]);
	});

	it('lists each source once, from citations and tool results', () => {
		expect(sources(interaction)).toEqual([
			{ url: 'https://example.com/z', title: 'Z', via: 'url_citation' },
			{ url: 'gs://b/doc.pdf', title: 'doc.pdf', via: 'file_citation' },
			{ url: 'https://read.example', via: 'url_context' },
			{ url: 'https://maps.example/1', title: 'Café', via: 'google_maps' },
			{ url: 'notes.txt', title: 'notes.txt', via: 'file_search' },
		]);
	});

	it('raw output hides the values of echoed MCP headers', () => {
		const raw = rawInteraction({ id: 'x', tools: [{ type: 'mcp_server', url: 'https://m', headers: { Authorization: 'Bearer s3cret' } }, { type: 'google_search' }] });
		expect(raw.tools).toEqual([{ type: 'mcp_server', url: 'https://m', headers: { Authorization: '[redacted]' } }, { type: 'google_search' }]);
	});
});

describe('encodeJsonBody', () => {
	it('writes the JSON with each file\'s base64 where its token is, for any size and order', () => {
		const big = randomBytes(3 * 16 * 1024 * 3 + 2);
		const small = Buffer.from([0xff, 0x00]);
		const first = inlineData(small);
		const second = inlineData(big.subarray(1));
		const body = {
			model: 'm',
			input: [
				{ type: 'text', text: 'Grüße 👋 "quoted"' },
				{ type: 'image', mime_type: 'image/png', data: second.token },
				{ type: 'audio', mime_type: 'audio/wav', data: first.token },
			],
			stream: true,
		};
		const encoded = encodeJsonBody(body, [first, second, inlineData(Buffer.from('unused'))]);
		const expected = JSON.stringify({
			...body,
			input: [body.input[0], { ...body.input[1], data: big.subarray(1).toString('base64') }, { ...body.input[2], data: small.toString('base64') }],
		});
		expect(encoded.equals(Buffer.from(expected, 'utf8'))).toBe(true);
		expect(JSON.parse(encoded.toString('utf8')).input[1].data).toBe(big.subarray(1).toString('base64'));
	});

	it('is plain JSON when there is nothing to splice', () => {
		expect(encodeJsonBody({ a: 'ü' }, []).toString('utf8')).toBe('{"a":"ü"}');
	});
});
