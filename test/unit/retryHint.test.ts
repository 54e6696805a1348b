import { parseProtoDuration, parseRetryHint } from '../../nodes/shared/transport/retry';

/** A 429 as the Gemini API sends it (classic error shape with google.rpc details), without Retry-After. */
function quotaBody(details: unknown[]) {
	return {
		error: {
			code: 429,
			message: 'You exceeded your current quota, please check your plan and billing details.',
			status: 'RESOURCE_EXHAUSTED',
			details,
		},
	};
}

const retryInfo = (retryDelay: unknown) => ({ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay });
const quotaFailure = (...violations: object[]) => ({ '@type': 'type.googleapis.com/google.rpc.QuotaFailure', violations });
const perMinute = {
	quotaMetric: 'generativelanguage.googleapis.com/generate_content_free_tier_requests',
	quotaId: 'GenerateRequestsPerMinutePerProjectPerModel-FreeTier',
	quotaDimensions: { location: 'global', model: 'gemini-3.5-flash' },
	quotaValue: '10',
};
const perDay = { ...perMinute, quotaId: 'GenerateRequestsPerDayPerProjectPerModel-FreeTier', quotaValue: '250' };

describe('proto Duration', () => {
	it('reads whole and fractional seconds, rounding up to the millisecond', () => {
		expect(parseProtoDuration('12s')).toBe(12_000);
		expect(parseProtoDuration('1.500s')).toBe(1500);
		expect(parseProtoDuration('0.000250s')).toBe(1);
		expect(parseProtoDuration('26.123456789s')).toBe(26_124);
		expect(parseProtoDuration({ seconds: '3', nanos: 500_000_000 })).toBe(3500);
	});

	it('ignores what is not a Duration', () => {
		expect(parseProtoDuration('12')).toBeUndefined();
		expect(parseProtoDuration('soon')).toBeUndefined();
		expect(parseProtoDuration(undefined)).toBeUndefined();
		expect(parseProtoDuration({})).toBeUndefined();
	});
});

describe('retry hint of a 429', () => {
	it("reads Google's RetryInfo and QuotaFailure from the body when there is no Retry-After", () => {
		const hint = parseRetryHint({}, quotaBody([quotaFailure(perMinute), retryInfo('1.500s')]));
		expect(hint).toEqual({
			delayMs: 1500,
			daily: false,
			violations: [{ quotaId: perMinute.quotaId, quotaMetric: perMinute.quotaMetric, quotaValue: '10' }],
		});
	});

	it('reads the body as text (a streamed request) and inside the array Vertex sometimes sends', () => {
		const body = JSON.stringify([quotaBody([retryInfo('7s')])]);
		expect(parseRetryHint({}, body).delayMs).toBe(7000);
	});

	it('takes the longer wait when the header and the body both give one', () => {
		const body = quotaBody([retryInfo('2s')]);
		expect(parseRetryHint({ 'retry-after': '5' }, body).delayMs).toBe(5000);
		expect(parseRetryHint({ 'retry-after-ms': '800' }, body).delayMs).toBe(2000);
	});

	it('tells a daily quota from a per-minute one, whichever violation comes first', () => {
		const hint = parseRetryHint({}, quotaBody([quotaFailure(perMinute, perDay), retryInfo('40s')]));
		expect(hint.daily).toBe(true);
		expect(hint.violations.map((v) => v.quotaId)).toEqual([perMinute.quotaId, perDay.quotaId]);
	});

	it('copes with missing fields: no details, no violations, a RetryInfo without a delay, a non-JSON body', () => {
		expect(parseRetryHint({}, { error: { code: 429, message: 'Resource has been exhausted (e.g. check quota).' } })).toEqual({
			violations: [],
			daily: false,
		});
		expect(parseRetryHint({}, quotaBody([retryInfo(undefined), { '@type': 'type.googleapis.com/google.rpc.QuotaFailure' }]))).toEqual({
			violations: [],
			daily: false,
		});
		expect(parseRetryHint({ 'retry-after': '3' }, '<html>Too Many Requests</html>')).toEqual({
			delayMs: 3000,
			violations: [],
			daily: false,
		});
		expect(parseRetryHint(undefined, undefined)).toEqual({ violations: [], daily: false });
	});
});
