import { startEmulator, type Emulator } from './index';
import { create } from './testUtils';

let emu: Emulator;
beforeAll(async () => {
	emu = await startEmulator({ streamChunkDelayMs: 0 });
});
afterAll(() => emu.close());
beforeEach(() => {
	emu.setQuota(null);
	emu.clearRequests();
});

const BODY = { model: 'gemini-3.5-flash', input: 'Hi' };
const detail = (body: any, type: string) => body.error.details.find((d: any) => d['@type'] === `type.googleapis.com/google.rpc.${type}`);

describe('quota mode', () => {
	it("refuses requests beyond the window's quota with Google's 429 body and no Retry-After, then admits again", async () => {
		emu.setQuota({ requestsPerWindow: 2, windowMs: 400 });
		expect((await create(emu, BODY)).status).toBe(200);
		expect((await create(emu, BODY)).status).toBe(200);
		const refused = await create(emu, BODY);
		expect(refused.status).toBe(429);
		expect(refused.headers.get('retry-after')).toBeNull();
		expect(refused.json.error).toMatchObject({ code: 429, status: 'RESOURCE_EXHAUSTED', message: expect.stringContaining('exceeded your current quota') });
		expect(detail(refused.json, 'QuotaFailure').violations).toEqual([
			{
				quotaMetric: 'generativelanguage.googleapis.com/generate_content_free_tier_requests',
				quotaId: 'GenerateRequestsPerMinutePerProjectPerModel-FreeTier',
				quotaDimensions: { location: 'global', model: 'gemini-3.5-flash' },
				quotaValue: '2',
			},
		]);
		const delay = detail(refused.json, 'RetryInfo').retryDelay;
		expect(delay).toMatch(/^0\.\d{3}s$|^0s$/);
		expect(Number(delay.slice(0, -1)) * 1000).toBeLessThanOrEqual(400);
		await new Promise((resolve) => setTimeout(resolve, Number(delay.slice(0, -1)) * 1000 + 5));
		expect((await create(emu, BODY)).status).toBe(200);
		expect(emu.quotaStats).toMatchObject({ admitted: 3, refused: 1 });
	});

	it('names the per-day quota once the day is used up', async () => {
		emu.setQuota({ requestsPerDay: 1, dailyRetryDelayMs: 1500 });
		expect((await create(emu, BODY)).status).toBe(200);
		const refused = await create(emu, BODY);
		expect(refused.status).toBe(429);
		expect(detail(refused.json, 'QuotaFailure').violations[0]).toMatchObject({
			quotaId: 'GenerateRequestsPerDayPerProjectPerModel-FreeTier',
			quotaValue: '1',
		});
		expect(detail(refused.json, 'RetryInfo').retryDelay).toBe('1.500s');
	});

	it('admits N at a time, holding each for the answer delay; one more gets a bare 429', async () => {
		emu.setQuota({ maxConcurrent: 2, answerDelayMs: 150 });
		const results = await Promise.all([create(emu, BODY), create(emu, BODY), create(emu, BODY)]);
		expect(results.map((r) => r.status).sort()).toEqual([200, 200, 429]);
		const refused = results.find((r) => r.status === 429)!;
		expect(refused.json).toEqual({ error: { code: 429, message: 'Resource has been exhausted (e.g. check quota).', status: 'RESOURCE_EXHAUSTED' } });
		expect(emu.maxInFlight).toBe(3);
		expect((await create(emu, BODY)).status).toBe(200);
	});
});
