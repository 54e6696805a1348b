/* eslint-disable -- test code runs in Node, not in n8n: eslint.dev.config.mjs lints it instead of n8n's node rules */
import type { IExecuteFunctions, IHttpRequestOptions, IN8nHttpFullResponse } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';

import { AxiosError, CanceledError, createCredentialStore, runLoadOptions, runNode, testCredential, type RunNodeOptions } from './index';
import { credentialTypes, HarnessHeaderApi, HarnessTokenApi, probeNode } from './fixtures/nodes';
import { startServer, type TestServer } from './fixtures/server';

let server: TestServer;
beforeEach(async () => {
	server = await startServer();
	HarnessTokenApi.preAuthCalls = 0;
});
afterEach(async () => await server.close());

const headerCreds = () => ({ harnessHeaderApi: { apiKey: 'secret-key-123', host: server.url } });
const tokenCreds = () => ({ harnessTokenApi: { clientSecret: 'client-secret-xyz', host: server.url } });

/** execute() makes one request (authenticated with `type` unless null) and returns its result as json. */
async function request(
	options: IHttpRequestOptions,
	type: string | null = 'harnessHeaderApi',
	extra: Partial<RunNodeOptions> = {},
	after?: (response: unknown, ctx: IExecuteFunctions) => Promise<unknown>,
) {
	const node = probeNode(async function () {
		const response = type
			? await this.helpers.httpRequestWithAuthentication.call(this, type, options)
			: await this.helpers.httpRequest(options);
		return [[{ json: { response: (after ? await after(response, this) : response) as object } }]];
	});
	const parameters = type === 'harnessTokenApi' ? { authentication: 'token' } : {};
	const result = await runNode({ node, parameters, credentialTypes: credentialTypes(), credentials: headerCreds(), ...extra });
	return { ...result, response: result.output?.[0][0].json.response as any };
}

describe('harness HTTP, auth and credentials', () => {
	test('generic auth puts $credentials values into headers and qs; secrets are redacted', async () => {
		const { response, requests } = await request({ method: 'POST', url: `${server.url}/echo`, body: { a: 1 }, json: true });
		expect(response.headers['x-api-key']).toBe('secret-key-123');
		expect(response.query).toEqual({ client: 'harness' });
		expect(JSON.parse(response.body)).toEqual({ a: 1 });
		expect(response.headers).toMatchObject({ 'user-agent': 'n8n', accept: 'application/json', 'content-type': 'application/json' });
		expect(requests).toEqual([
			expect.objectContaining({ method: 'POST', url: `${server.url}/echo?client=harness`, status: 200 }),
		]);
		expect(requests[0].headers['x-api-key']).toBe('*****');
		expect(JSON.stringify(requests)).not.toContain('secret-key-123');
	});

	test('function-style authenticate is called as a method of the credential type', async () => {
		class FunctionAuthApi extends HarnessHeaderApi {
			authenticate = async function (this: { name: string }, credentials: { apiKey?: unknown }, options: IHttpRequestOptions) {
				return { ...options, headers: { ...options.headers, 'x-from': `${this.name}:${String(credentials.apiKey)}` } };
			} as unknown as HarnessHeaderApi['authenticate'];
		}
		const { response } = await request({ url: `${server.url}/echo` }, 'harnessHeaderApi', {
			credentialTypes: [new FunctionAuthApi()],
		});
		expect(response.headers['x-from']).toBe('harnessHeaderApi:secret-key-123');
	});

	test('request shape follows n8n/axios: qs arrays as indices, GET bodies dropped, basic auth', async () => {
		const { response } = await request(
			{ url: `${server.url}/echo`, qs: { tags: ['a', 'b'], nested: { x: 1 } }, body: { ignored: true }, auth: { username: 'u', password: 'p' } },
			null,
		);
		expect(response.query).toEqual({ 'tags[0]': 'a', 'tags[1]': 'b', 'nested[x]': '1' });
		expect(response.body).toBe('');
		expect(response.headers).toMatchObject({ authorization: `Basic ${Buffer.from('u:p').toString('base64')}`, accept: 'application/json, text/plain, */*' });
		expect(response.headers).not.toHaveProperty('content-type');
	});

	test('preAuthentication runs once per stored token, and again (with one retry) after a 401', async () => {
		const store = createCredentialStore(tokenCreds());
		const call = async () => await request({ url: `${server.url}/protected` }, 'harnessTokenApi', { credentials: store });

		const first = await call();
		expect(first.response).toEqual({ ok: true, token: 'tok-1' });
		expect(first.credentialUpdates).toEqual([
			{ type: 'harnessTokenApi', data: { clientSecret: 'client-secret-xyz', host: server.url, sessionToken: 'tok-1' } },
		]);
		const second = await call();
		expect(second.response.token).toBe('tok-1');
		expect(second.credentialUpdates).toEqual([]);
		expect(HarnessTokenApi.preAuthCalls).toBe(1);

		server.validToken = 'rotated-by-server';
		const third = await call();
		expect(third.error).toBeUndefined();
		expect(third.response.token).toBe('tok-2');
		expect(HarnessTokenApi.preAuthCalls).toBe(2);
		expect(third.requests.map((r) => [r.method, r.url.replace(server.url, ''), r.status])).toEqual([
			['GET', '/protected', 401],
			['POST', '/token', 200],
			['GET', '/protected', 200],
		]);
		expect(store.get('harnessTokenApi')?.sessionToken).toBe('tok-2');
	});

	test('a 401 is retried once even for credentials without preAuthentication', async () => {
		const { error, requests } = await request({ url: `${server.url}/status/401` });
		expect(error).toBeInstanceOf(NodeApiError);
		expect(requests.map((r) => r.status)).toEqual([401, 401]);
	});

	test('failures are wrapped in NodeApiError with the axios-style error as cause', async () => {
		const { error } = await request({ url: `${server.url}/status/404` });
		const apiError = error as NodeApiError;
		expect(apiError).toBeInstanceOf(NodeApiError);
		expect(apiError.httpCode).toBe('404');
		expect(apiError.message).toBe('The resource you are requesting could not be found');
		expect(apiError.description).toBe('boom from server');
		const cause = apiError.cause as AxiosError;
		expect(cause).toBeInstanceOf(AxiosError);
		expect(cause).toMatchObject({ code: 'ERR_BAD_REQUEST', response: { status: 404, data: { error: { code: 404 } } } });

		const plain = await request({ url: `${server.url}/status/503` }, null);
		expect(plain.error).toBeInstanceOf(AxiosError);
		expect((plain.error as AxiosError).code).toBe('ERR_BAD_RESPONSE');
	});

	test('ignoreHttpStatusErrors: true and { ignore, except }', async () => {
		const ignored = await request({ url: `${server.url}/status/500`, ignoreHttpStatusErrors: true, returnFullResponse: true });
		expect(ignored.response).toMatchObject({ statusCode: 500, statusMessage: 'Internal Server Error', body: { error: { code: 500 } } });
		const except = { ignore: true as const, except: [500] };
		expect((await request({ url: `${server.url}/status/404`, ignoreHttpStatusErrors: except })).error).toBeUndefined();
		expect((await request({ url: `${server.url}/status/500`, ignoreHttpStatusErrors: except })).error).toBeInstanceOf(NodeApiError);
	});

	test('response bodies are parsed like axios: JSON whatever the content type, text otherwise, Buffer for arraybuffer', async () => {
		const asText = await request({ url: `${server.url}/text?body=${encodeURIComponent('{"n":1}')}` }, null);
		expect(asText.response).toEqual({ n: 1 });
		expect((await request({ url: `${server.url}/text` }, null)).response).toBe('plain words');
		expect((await request({ url: `${server.url}/gzip` }, null)).response).toEqual({ zipped: true });
		const buffer = await request({ url: `${server.url}/text`, encoding: 'arraybuffer' }, null, {}, async (body) =>
			Buffer.isBuffer(body) ? (body as Buffer).toString() : 'not a buffer',
		);
		expect(buffer.response).toBe('plain words');
	});

	test("encoding 'stream' gives an async-iterable Readable (not the IncomingMessage)", async () => {
		const { response } = await request(
			{ url: `${server.url}/stream`, encoding: 'stream', returnFullResponse: true },
			'harnessHeaderApi',
			{},
			async (full) => {
				const { body, statusCode, headers } = full as IN8nHttpFullResponse;
				let text = '';
				for await (const chunk of body as Readable) text += (chunk as Buffer).toString();
				return { readable: body instanceof Readable, incoming: body instanceof IncomingMessage, statusCode, type: headers['content-type'], text };
			},
		);
		expect(response).toEqual({
			readable: true, incoming: false, statusCode: 200, type: 'text/event-stream', text: 'data: one\n\ndata: two\n\ndata: three\n\n',
		});
	});

	test("the node's own abortSignal is replaced by the execution cancel signal", async () => {
		const aborted = AbortSignal.abort();
		const replaced = await request({ url: `${server.url}/echo`, abortSignal: aborted });
		expect(replaced.error).toBeUndefined();
		const plain = await request({ url: `${server.url}/echo`, abortSignal: aborted }, null);
		expect(plain.error).toBeInstanceOf(CanceledError);
	});

	test('cancelling the execution aborts an in-flight request and a stream being read', async () => {
		const controller = new AbortController();
		void server.hang.arrived.then(() => controller.abort());
		const inFlight = await request({ url: `${server.url}/hang` }, 'harnessHeaderApi', { cancelSignal: controller.signal });
		expect(inFlight.error).toBeInstanceOf(NodeApiError);
		expect((inFlight.error as NodeApiError).cause).toBeInstanceOf(CanceledError);
		await server.hang.closed;

		const streamController = new AbortController();
		const midStream = await request(
			{ url: `${server.url}/stream?hold=1`, encoding: 'stream' },
			'harnessHeaderApi',
			{ cancelSignal: streamController.signal },
			async (body) => {
				let seen = '';
				try {
					for await (const chunk of body as Readable) {
						seen += (chunk as Buffer).toString();
						if (seen.includes('two')) streamController.abort();
					}
				} catch (error) {
					return { seen, error: (error as CanceledError).code };
				}
				return { seen, error: 'none' };
			},
		);
		expect(midStream.response).toEqual({ seen: 'data: one\n\ndata: two\n\n', error: 'ERR_CANCELED' });
	});

	test('httpRequestWithAuthentication needs `.call(this, ...)` exactly like in n8n', async () => {
		const node = probeNode(async function () {
			// A method call, so `this` is the helpers object, not the context.
			const helpers = this.helpers as unknown as { httpRequestWithAuthentication(type: string, o: object): Promise<unknown> };
			await helpers.httpRequestWithAuthentication('harnessHeaderApi', { url: `${server.url}/echo` });
			return [[]];
		});
		const { error, requests } = await runNode({ node, parameters: {}, credentialTypes: credentialTypes(), credentials: headerCreds() });
		expect(error).toBeInstanceOf(TypeError);
		expect(requests).toEqual([]);
	});

	test('credential test: OK, status rules, transport errors, and preAuthentication always runs', async () => {
		const header = new HarnessHeaderApi();
		expect(await testCredential({ credentialType: header, data: headerCreds().harnessHeaderApi })).toEqual({
			status: 'OK',
			message: 'Connection successful!',
		});
		expect(server.received.at(-1)?.headers['x-api-key']).toBe('secret-key-123');
		const forbidden = { ...header, test: { request: { baseURL: server.url, url: '/status/403' }, rules: header.test.rules } };
		expect(await testCredential({ credentialType: forbidden, data: {} })).toEqual({ status: 'Error', message: 'That key is forbidden' });
		const unauthorized = { ...header, test: { request: { baseURL: server.url, url: '/status/401' } } };
		expect(await testCredential({ credentialType: unauthorized, data: {} })).toEqual({ status: 'Error', message: 'Unauthorized' });
		expect(await testCredential({ credentialType: header, data: { apiKey: 'k', host: 'http://127.0.0.1:9' } })).toEqual({
			status: 'Error',
			message: 'ECONNREFUSED',
		});

		const token = new HarnessTokenApi();
		const data = { ...tokenCreds().harnessTokenApi, sessionToken: 'cached-token' };
		expect(await testCredential({ credentialType: token, data })).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(HarnessTokenApi.preAuthCalls).toBe(1);
	});

	test('listSearch methods run with a load-options context and real HTTP', async () => {
		const result = await runLoadOptions({
			node: probeNode(async () => [[]]),
			method: 'searchModels',
			kind: 'listSearch',
			parameters: {},
			credentialTypes: credentialTypes(),
			credentials: headerCreds(),
			filter: 'beta',
		});
		expect(result).toEqual({ results: [{ name: 'models/beta', value: 'models/beta' }] });
		expect(server.received.at(-1)).toMatchObject({ path: '/models?client=harness', headers: { 'x-api-key': 'secret-key-123' } });
	});
});
