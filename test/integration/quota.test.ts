import { NodeApiError } from 'n8n-workflow';
import type { INodeParameters } from 'n8n-workflow';

import { GeminiInteractionsApi } from '../../credentials/GeminiInteractionsApi.credentials';
import { GeminiInteractions } from '../../nodes/GeminiInteractions/GeminiInteractions.node';
import { ExecutionCancelledError } from '../../nodes/shared/transport/cancellableSleep';
import { runLoadOptions } from '../harness';
import { AUTH_MODES, interactionsPath, itemsOf, modelLocator, useEmulator } from './fixtures';

const ANTIGRAVITY = 'antigravity-preview-05-2026';

function createParameters(options: INodeParameters = {}): INodeParameters {
	return {
		resource: 'interaction',
		operation: 'create',
		model: modelLocator('gemini-3.5-flash'),
		input: '={{ "Question " + $json.n }}',
		options,
	};
}

const numbered = (count: number) => Array.from({ length: count }, (_, n) => ({ json: { n } }));

describe.each(AUTH_MODES)('under a quota (%s)', (authMode) => {
	const fixture = useEmulator();
	afterEach(() => fixture.emulator.setQuota(null));
	const creates = () => fixture.apiRequests().filter((entry) => entry.method === 'POST' && entry.path === interactionsPath(authMode));

	it('a per-window quota loses no item: every one answered, in input order, paired, the refused ones sent again', async () => {
		fixture.emulator.setQuota({ requestsPerWindow: 6, windowMs: 500, answerDelayMs: 30 });
		const items = itemsOf(await fixture.run(authMode, createParameters(), { inputItems: numbered(24) }));
		expect(items.map((item) => item.json.text)).toEqual(
			Array.from({ length: 24 }, (_, n) => expect.stringContaining(`You said: "Question ${n}"`)),
		);
		expect(items.map((item) => item.pairedItem)).toEqual(Array.from({ length: 24 }, (_, item) => ({ item })));
		expect(creates().filter((entry) => entry.status === 200)).toHaveLength(24);
		// The first window shows the quota (some are refused); after it the batch keeps to the window.
		const refused = creates().filter((entry) => entry.status === 429);
		expect(refused.length).toBeGreaterThan(0);
		expect(refused.length).toBeLessThan(24);
	});

	it('a server that admits 3 at a time loses no item and the batch settles at 3', async () => {
		fixture.emulator.setQuota({ maxConcurrent: 3, answerDelayMs: 60 });
		const items = itemsOf(await fixture.run(authMode, createParameters(), { inputItems: numbered(20) }));
		expect(items.map((item) => item.pairedItem)).toEqual(Array.from({ length: 20 }, (_, item) => ({ item })));
		expect(items.every((item) => item.json.status === 'completed')).toBe(true);
		expect(fixture.emulator.quotaStats.admitted).toBe(20);
		// Beyond the first burst, only a probe now and then finds the server full.
		expect(fixture.emulator.quotaStats.refused).toBeLessThan(20);
	});

	it('a used-up daily quota fails each item at once with its name, one request per item, the rest of the batch going on', async () => {
		// A short retry delay: the item must fail for being a daily quota, not for a long delay.
		fixture.emulator.setQuota({ requestsPerDay: 2, dailyRetryDelayMs: 1000 });
		const items = itemsOf(await fixture.run(authMode, createParameters(), { inputItems: numbered(5), continueOnFail: true }));
		expect(items.map((item) => item.pairedItem)).toEqual(Array.from({ length: 5 }, (_, item) => ({ item })));
		const errors = items.filter((item) => item.json.error !== undefined);
		expect(errors).toHaveLength(3);
		for (const error of errors) {
			expect(error.json.error).toBe(
				'The Gemini API quota GenerateRequestsPerDayPerProjectPerModel-FreeTier (limit 2) is used up for today; it resets later',
			);
			expect(error.json.httpCode).toBe('429');
		}
		expect(creates()).toHaveLength(5);
	});

	it('a retry delay beyond Maximum Quota Wait fails the item at once, saying when the quota resets', async () => {
		fixture.emulator.setQuota({ requestsPerWindow: 1, windowMs: 120_000 });
		const started = Date.now();
		const result = await fixture.run(authMode, createParameters({ maxQuotaWait: 1 }), { inputItems: numbered(2) });
		expect(Date.now() - started).toBeLessThan(30_000);
		expect(result.error).toBeInstanceOf(NodeApiError);
		expect(result.error!.message).toMatch(
			/^The Gemini API quota GenerateRequestsPerMinutePerProjectPerModel-FreeTier \(limit 1\) is used up; it resets later, in (1\.\d|2) minutes$/,
		);
		expect((result.error as NodeApiError).description).toContain('Maximum Quota Wait: 1 minute');
	});

	it('waiting longer than Maximum Quota Wait in total fails with how long it waited and why', async () => {
		fixture.emulator.setQuota({ requestsPerWindow: 1, windowMs: 400 });
		// 0.01 minutes = 600 ms: the third item cannot get through within that.
		const result = await fixture.run(authMode, createParameters({ maxQuotaWait: 0.01, concurrency: 3 }), {
			inputItems: numbered(3),
			continueOnFail: true,
		});
		const errors = itemsOf(result).filter((item) => item.json.error !== undefined);
		expect(errors.length).toBeGreaterThan(0);
		expect(errors[0].json.error).toMatch(/^Gave up after waiting 0\.\d seconds for the Gemini API quota/);
		expect(errors[0].json.description).toContain('Maximum Quota Wait');
	});

	it('cancelling the execution during a pause stops at once and sends nothing more', async () => {
		fixture.emulator.setQuota({ requestsPerWindow: 2, windowMs: 60_000 });
		const abort = new AbortController();
		const running = fixture.run(authMode, createParameters(), { inputItems: numbered(8), cancelSignal: abort.signal });
		while (!creates().some((entry) => entry.status === 429)) await new Promise((resolve) => setTimeout(resolve, 10));
		const sent = creates().length;
		const cancelledAt = Date.now();
		abort.abort();
		const result = await running;
		expect(Date.now() - cancelledAt).toBeLessThan(5_000);
		expect(result.error?.message).toBe(new ExecutionCancelledError().message);
		expect(creates().length).toBe(sent);
	});

	it("an agent run waits out a 429 on its event stream as Google's retry delay asks", async () => {
		fixture.emulator.setQuota({ match: { method: 'GET' }, requestsPerWindow: 1, windowMs: 400 });
		const runs = Array.from({ length: 2 }, (_, n) => ({ json: { n } }));
		const items = itemsOf(
			await fixture.run(authMode, { resource: 'agent', operation: 'run', agent: modelLocator(ANTIGRAVITY), input: '={{ "Task " + $json.n }}' }, { inputItems: runs }),
		);
		expect(items.map((item) => item.json.status)).toEqual(['completed', 'completed']);
		const gets = fixture.apiRequests().filter((entry) => entry.method === 'GET');
		const refused = gets.filter((entry) => entry.status === 429);
		expect(refused.length).toBeGreaterThan(0);
		// No GET went out again before the window the refusal named had ended.
		const firstRefusal = refused[0];
		const retryDelayMs = 400 - (firstRefusal.startedAt - gets[0].startedAt);
		const next = gets.find((entry) => entry.seq > firstRefusal.seq)!;
		expect(next.startedAt - firstRefusal.startedAt).toBeGreaterThanOrEqual(retryDelayMs - 20);
	});
});

describe('under a quota, streaming to a chat', () => {
	const fixture = useEmulator();
	afterEach(() => fixture.emulator.setQuota(null));

	it('a streamed turn that gets a 429 is sent again after the retry delay and streams its answer', async () => {
		fixture.emulator.setQuota({ match: { method: 'POST' }, requestsPerWindow: 1, windowMs: 300 });
		const result = await fixture.run('apiKey', { ...createParameters(), input: 'Stream this please' }, { inputItems: numbered(2), streaming: true });
		const items = itemsOf(result);
		expect(items.map((item) => item.json.status)).toEqual(['completed', 'completed']);
		const posts = fixture.apiRequests().filter((entry) => entry.method === 'POST');
		expect(posts.filter((entry) => entry.status === 200 && entry.stream)).toHaveLength(2);
		expect(posts.some((entry) => entry.status === 429)).toBe(true);
		expect(result.chunks.filter((chunk) => chunk.type === 'item').length).toBeGreaterThan(2);
	});
});

describe('under a quota, outside a batch', () => {
	const fixture = useEmulator();
	afterEach(() => fixture.emulator.setQuota(null));

	it('the model picker waits out a 429 by itself, as long as the retry delay says', async () => {
		fixture.emulator.setQuota({ match: { method: 'GET' }, requestsPerWindow: 1, windowMs: 400 });
		const list = () =>
			runLoadOptions({
				node: new GeminiInteractions(),
				kind: 'listSearch',
				method: 'searchModels',
				parameters: { authentication: 'apiKey' },
				credentialTypes: [new GeminiInteractionsApi()],
				credentials: fixture.credentials,
			});
		const first = await list();
		const second = await list();
		expect(second.results).toEqual(first.results);
		const gets = fixture.apiRequests().filter((entry) => entry.method === 'GET');
		expect(gets.map((entry) => entry.status)).toEqual([200, 429, 200]);
		expect(gets[2].startedAt - gets[0].startedAt).toBeGreaterThanOrEqual(395);
	});
});

describe('service tier', () => {
	const fixture = useEmulator();

	it('sends service_tier on model and agent turns, and nothing when the option is not set', async () => {
		itemsOf(await fixture.run('apiKey', createParameters({ serviceTier: 'flex' })));
		itemsOf(
			await fixture.run('apiKey', {
				resource: 'agent',
				operation: 'run',
				agent: modelLocator(ANTIGRAVITY),
				input: 'A task',
				waitMode: 'returnImmediately',
				options: { serviceTier: 'priority' },
			}),
		);
		itemsOf(await fixture.run('apiKey', createParameters()));
		const posts = fixture.apiRequests().filter((entry) => entry.method === 'POST');
		expect(posts.map((entry) => entry.body.service_tier)).toEqual(['flex', 'priority', undefined]);
	});
});
