// Contract: Google's own SDK (@google/genai 3.1.0) reads the emulator's quota refusal as it reads Google's.
import { GoogleGenAI } from '@google/genai';
import { startEmulator, type Emulator } from '../emulator';

for (const name of Object.keys(process.env)) {
	if (name === 'GEMINI_API_KEY' || name.startsWith('GOOGLE_')) delete process.env[name];
}

let emu: Emulator;
beforeAll(async () => {
	emu = await startEmulator({ streamChunkDelayMs: 0 });
});
afterAll(() => emu.close());

const BODY = { model: 'gemini-3.5-flash', input: 'Hi' };
const detail = (body: any, type: string) => body.error.details.find((d: any) => d['@type'] === `type.googleapis.com/google.rpc.${type}`);

describe('quota refusal through the SDK', () => {
	it("reaches Google's SDK as Google's own 429 would: RateLimitError with the details in its parsed body", async () => {
		emu.setQuota({ requestsPerWindow: 1, windowMs: 60_000 });
		const ai = new GoogleGenAI({ apiKey: 'test-api-key', httpOptions: { baseUrl: emu.url } });
		await ai.interactions.create(BODY, { maxRetries: 0 });
		let error: any;
		try {
			await ai.interactions.create(BODY, { maxRetries: 0 });
		} catch (caught) {
			error = caught;
		}
		expect(error?.constructor.name).toBe('RateLimitError');
		expect(error.status).toBe(429);
		expect(error.headers.get('retry-after')).toBeNull();
		expect(error.error.error.status).toBe('RESOURCE_EXHAUSTED');
		expect(detail(error.error, 'RetryInfo').retryDelay).toMatch(/^\d+(\.\d{3})?s$/);
		expect(detail(error.error, 'QuotaFailure').violations[0].quotaId).toBe('GenerateRequestsPerMinutePerProjectPerModel-FreeTier');
	});
});
