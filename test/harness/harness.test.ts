/* eslint-disable -- test code runs in Node, not in n8n: eslint.dev.config.mjs lints it instead of n8n's node rules */
import type { IBinaryData, IExecuteFunctions, INodeExecutionData, INodeParameterResourceLocator } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { Readable } from 'node:stream';

import { runNode, type RunNodeOptions } from './index';
import { credentialTypes, probeNode } from './fixtures/nodes';

type Probe = (ctx: IExecuteFunctions) => Promise<unknown> | unknown;

/** Runs `probe` inside execute() and returns what it produced, re-throwing execute() errors. */
async function probe(fn: Probe, options: Partial<RunNodeOptions> = {}) {
	let seen: unknown;
	const node = probeNode(async function () {
		seen = await fn(this);
		return [[{ json: {} }]];
	});
	const result = await runNode({
		node,
		parameters: {},
		credentialTypes: credentialTypes(),
		credentials: { harnessHeaderApi: { apiKey: 'secret-key-123', host: 'http://127.0.0.1:9' } },
		...options,
	});
	if (result.error) throw result.error;
	return { seen, result };
}

const pdfBase64 = Buffer.from('%PDF-1.7 tiny').toString('base64');
const binaryItem: INodeExecutionData = {
	json: { id: 1 },
	binary: { data: { data: pdfBase64, mimeType: 'application/pdf', fileName: 'doc.pdf', fileExtension: 'pdf' } },
};

describe('harness execute context', () => {
	test('fills defaults like n8n, honouring displayOptions and collections', async () => {
		const { seen, result } = await probe((ctx) => ({
			authentication: ctx.getNodeParameter('authentication', 0),
			options: ctx.getNodeParameter('options', 0),
			fallback: ctx.getNodeParameter('tokenOnly', 0, 'fb'),
		}));
		expect(seen).toEqual({ authentication: 'header', options: {}, fallback: 'fb' });
		expect(result.node.parameters).not.toHaveProperty('tokenOnly');
		expect(result.node.typeVersion).toBe(2);
		expect(result.node.type).toBe('n8n-nodes-gemini-interactions.harnessProbe');
		await expect(probe((ctx) => ctx.getNodeParameter('tokenOnly', 0))).rejects.toThrow('Could not get parameter');
	});

	test('resolves expressions per item with $json, $input, $itemIndex, $binary and $parameter', async () => {
		const items: INodeExecutionData[] = [{ json: { msg: 'first', id: 7 } }, { ...binaryItem, json: { msg: 'second', id: 8 } }];
		const { seen } = await probe(
			(ctx) =>
				ctx.getInputData().map((_, i) => [
					ctx.getNodeParameter('message', i),
					ctx.evaluateExpression('{{ $input.item.json.id }}-{{ $itemIndex }}', i),
					ctx.evaluateExpression('{{ $binary.data ? $binary.data.fileName : "none" }}', i),
					ctx.evaluateExpression('{{ $parameter.authentication }}', i),
				]),
			{ inputItems: items },
		);
		expect(seen).toEqual([
			['first', '7-0', 'none', 'header'],
			['second', '8-1', 'doc.pdf', 'header'],
		]);
	});

	test('extractValue resolves resource locators like n8n', async () => {
		const read = (model: INodeParameterResourceLocator) =>
			probe((ctx) => [ctx.getNodeParameter('model', 0, undefined, { extractValue: true }), ctx.getNodeParameter('model', 0)], {
				parameters: { model },
			}).then(({ seen }) => seen);
		expect(await read({ __rl: true, mode: 'url', value: 'https://example.com/models/gemini-3-pro' })).toEqual([
			'gemini-3-pro',
			{ __rl: true, mode: 'url', value: 'https://example.com/models/gemini-3-pro' },
		]);
		expect(await read({ __rl: true, mode: 'id', value: '={{ "models/" + "x" }}' })).toEqual([
			'models/x',
			{ __rl: true, mode: 'id', value: 'models/x' },
		]);
		await expect(read({ __rl: true, mode: 'url', value: 'https://elsewhere/x' })).rejects.toBeInstanceOf(NodeOperationError);
	});

	test('continueOnFail reflects the node setting', async () => {
		expect((await probe((ctx) => ctx.continueOnFail())).seen).toBe(false);
		const { seen, result } = await probe((ctx) => ctx.continueOnFail(), { continueOnFail: true });
		expect(seen).toBe(true);
		expect(result.node.onError).toBe('continueRegularOutput');
	});

	test('streaming: absent on older hosts, recorded when present', async () => {
		const absent = await probe((ctx) => ({ has: 'isStreaming' in ctx, send: typeof ctx.sendChunk }), { streaming: undefined });
		expect(absent.seen).toEqual({ has: false, send: 'undefined' });

		const { seen, result } = await probe(
			async (ctx) => {
				await ctx.sendChunk('begin', 0);
				await ctx.sendChunk('item', 0, 'hello');
				await ctx.sendChunk('item', 1, { delta: 'x' });
				return ctx.isStreaming();
			},
			{ streaming: true },
		);
		expect(seen).toBe(true);
		expect(result.chunks).toEqual([
			{ type: 'begin', itemIndex: 0, content: undefined },
			{ type: 'item', itemIndex: 0, content: 'hello' },
			{ type: 'item', itemIndex: 1, content: '{"delta":"x"}' },
		]);
		expect((await probe((ctx) => ctx.isStreaming(), { streaming: false })).seen).toBe(false);
	});

	test('binary helpers in in-memory mode', async () => {
		const pngHeader = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]);
		const { seen } = await probe(
			async (ctx) => ({
				asserted: ctx.helpers.assertBinaryData(0, 'data').mimeType,
				buffer: (await ctx.helpers.getBinaryDataBuffer(0, 'data')).toString(),
				named: await ctx.helpers.prepareBinaryData(Buffer.from('hello'), 'out/report.txt'),
				sniffed: await ctx.helpers.prepareBinaryData(pngHeader),
				typed: await ctx.helpers.prepareBinaryData(Buffer.alloc(1500), undefined, 'audio/mpeg'),
				fromStream: (await ctx.helpers.binaryToBuffer(Readable.from([Buffer.from('a'), Buffer.from('b')]))).toString(),
			}),
			{ inputItems: [binaryItem] },
		);
		expect(seen).toEqual({
			asserted: 'application/pdf',
			buffer: '%PDF-1.7 tiny',
			named: {
				mimeType: 'text/plain', fileType: 'text', fileExtension: 'txt', data: Buffer.from('hello').toString('base64'),
				directory: 'out', fileName: 'report.txt', fileSize: '5 B', bytes: 5,
			},
			sniffed: expect.objectContaining({ mimeType: 'image/png', fileExtension: 'png', fileType: 'image', bytes: 10 }),
			typed: expect.objectContaining({ mimeType: 'audio/mpeg', fileExtension: 'mpga', fileType: 'audio', fileSize: '1.5 kB' }),
			fromStream: 'ab',
		});
		await expect(probe((ctx) => ctx.helpers.assertBinaryData(0, 'missing'), { inputItems: [binaryItem] })).rejects.toThrow(
			"The item has no binary field 'missing' [item 0]",
		);
		await expect(probe((ctx) => ctx.helpers.assertBinaryData(0, 'data'))).rejects.toThrow(
			"This operation expects the node's input data to contain a binary file 'data', but none was found [item 0]",
		);
	});

	test('binary helpers in filesystem mode (n8n 2.x regular-mode default)', async () => {
		const { seen } = await probe(
			async (ctx) => {
				const input = ctx.helpers.assertBinaryData(0, 'data');
				const prepared: IBinaryData = await ctx.helpers.prepareBinaryData(Buffer.from('stored'), 'a.txt');
				const streamed = await ctx.helpers.binaryToBuffer(await ctx.helpers.getBinaryStream(prepared.id!, 2));
				return { input, prepared, streamed: streamed.toString(), buffer: (await ctx.helpers.getBinaryDataBuffer(0, 'data')).toString() };
			},
			{ inputItems: [binaryItem], binaryMode: 'filesystem' },
		);
		const { input, prepared, streamed, buffer } = seen as Record<string, IBinaryData | string>;
		expect(input).toMatchObject({ data: 'filesystem-v2', id: expect.stringMatching(/^filesystem-v2:workflows\//), fileName: 'doc.pdf' });
		expect(prepared).toMatchObject({ data: 'filesystem-v2', fileName: 'a.txt', bytes: 6 });
		expect({ streamed, buffer }).toEqual({ streamed: 'stored', buffer: '%PDF-1.7 tiny' });
	});

	test('getInputConnectionData follows the node inputs', async () => {
		const tool = { name: 'calculator' };
		await expect(probe((ctx) => ctx.getInputConnectionData('ai_tool', 0), { aiTools: [tool] })).rejects.toThrow(
			'Node does not have input of type',
		);
		const withToolInput = probeNode(async function () {
			return [[{ json: { tools: (await this.getInputConnectionData('ai_tool', 0)) as object } }]];
		}, { inputs: ['main', { type: 'ai_tool', displayName: 'Tools', required: false }] });
		const base = { parameters: {}, credentialTypes: credentialTypes(), credentials: {} };
		expect((await runNode({ ...base, node: withToolInput, aiTools: [tool] })).output).toEqual([[{ json: { tools: [tool] } }]]);
		expect((await runNode({ ...base, node: withToolInput })).output).toEqual([[{ json: { tools: [] } }]]);
	});

	test('getCredentials fails like n8n for missing or hidden credential types', async () => {
		await expect(probe((ctx) => ctx.getCredentials('harnessTokenApi'))).rejects.toThrow('Credentials not found');
		await expect(
			probe((ctx) => ctx.getCredentials('harnessTokenApi'), { parameters: { authentication: 'token' } }),
		).rejects.toThrow('Node does not have any credentials set for "harnessTokenApi"');
		await expect(probe((ctx) => ctx.getCredentials('somethingElse'))).rejects.toThrow(
			'does not have any credentials of type "somethingElse" defined',
		);
		const { seen } = await probe((ctx) => ctx.getCredentials('harnessHeaderApi'));
		expect(seen).toEqual({ apiKey: 'secret-key-123', host: 'http://127.0.0.1:9', allowedHttpRequestDomains: 'all' });
	});

	test('unmodelled members are loud, cancellation hooks work, empty input skips the node', async () => {
		await expect(probe((ctx) => ctx.executeWorkflow({ id: 'x' }))).rejects.toThrow('harness: executeWorkflow not implemented');
		const controller = new AbortController();
		const { seen } = await probe(
			(ctx) => {
				let called = false;
				ctx.onExecutionCancellation(() => (called = true));
				controller.abort();
				return { called, same: ctx.getExecutionCancelSignal() === controller.signal, mode: ctx.getMode() };
			},
			{ cancelSignal: controller.signal },
		);
		expect(seen).toEqual({ called: true, same: true, mode: 'manual' });
		const { result } = await probe(() => 'never', { inputItems: [] });
		expect(result.output).toBeUndefined();
	});
});
