import { DONE_SENTINEL, readSse, SseParser } from '../../nodes/shared/transport/sse';
import type { SseEvent } from '../../nodes/shared/transport/sse';

/** Feeds the chunks one by one and collects every event, the end included. */
function parseChunks(chunks: Array<string | Uint8Array>): SseEvent[] {
	const parser = new SseParser();
	return [...chunks.flatMap((chunk) => parser.push(chunk)), ...parser.end()];
}

/** Every way of cutting `bytes` in two, and byte-by-byte. */
function splits(bytes: Uint8Array): Uint8Array[][] {
	const cuts = Array.from({ length: bytes.length + 1 }, (_, at) => [bytes.subarray(0, at), bytes.subarray(at)]);
	return [...cuts, Array.from(bytes, (byte) => Uint8Array.of(byte))];
}

const utf8 = (text: string) => new TextEncoder().encode(text);

describe('SseParser', () => {
	it('reads data, event, id and retry fields', () => {
		expect(parseChunks(['event: step.delta\nid: evt_3\nretry: 1500\ndata: {"a":1}\n\n'])).toEqual([
			{ event: 'step.delta', id: 'evt_3', retry: 1500, data: '{"a":1}' },
		]);
	});

	it('joins several data lines with a newline', () => {
		expect(parseChunks(['data: first\ndata: second\ndata:\ndata:  indented\n\n'])).toEqual([
			{ data: 'first\nsecond\n\n indented' },
		]);
	});

	it('skips comments, unknown fields and events without data', () => {
		expect(parseChunks([': keepalive\n\nevent: ping\n\nfoo: bar\ndata: x\n\n'])).toEqual([{ data: 'x' }]);
	});

	it('takes a field without a colon as an empty value and strips only one space', () => {
		expect(parseChunks(['data\n\ndata:  two spaces\n\n'])).toEqual([{ data: '' }, { data: ' two spaces' }]);
	});

	it('gives each event its own id and keeps the last one seen, like EventSource; ids with NUL are ignored', () => {
		const parser = new SseParser();
		const events = [
			...parser.push('id: evt_1\ndata: a\n\ndata: b\n\nid: bad\u0000id\ndata: c\n\n'),
			...parser.push('id: evt_9\n\n'),
		];
		expect(events).toEqual([{ id: 'evt_1', data: 'a' }, { data: 'b' }, { data: 'c' }]);
		expect(parser.lastEventId).toBe('evt_9');
	});

	it('ignores a retry that is not a number and does not carry retry to the next event', () => {
		expect(parseChunks(['retry: soon\ndata: a\n\nretry: 10\ndata: b\n\ndata: c\n\n'])).toEqual([
			{ data: 'a' },
			{ retry: 10, data: 'b' },
			{ data: 'c' },
		]);
	});

	it.each([
		['LF', '\n'],
		['CRLF', '\r\n'],
		['CR', '\r'],
	])('accepts %s line ends', (_name, eol) => {
		const body = `id: 1${eol}data: one${eol}${eol}data: two${eol}${eol}`;
		expect(parseChunks([body])).toEqual([{ id: '1', data: 'one' }, { data: 'two' }]);
	});

	it('gives the same events however a CRLF stream with multi-byte UTF-8 is cut', () => {
		const bytes = utf8('event: step.delta\r\ndata: {"text":"Grüße 👋 — ok"}\r\n\r\n: c\r\ndata: [DONE]\r\n\r\n');
		const expected = [{ event: 'step.delta', data: '{"text":"Grüße 👋 — ok"}' }, { data: DONE_SENTINEL }];
		for (const chunks of splits(bytes)) expect(parseChunks(chunks)).toEqual(expected);
	});

	it('does not take a CR at the end of a chunk plus a LF in the next for two line ends', () => {
		expect(parseChunks(['data: a\r', '\ndata: b\r', '\n\r', '\n'])).toEqual([{ data: 'a\nb' }]);
	});

	it('strips one byte-order mark at the very start only', () => {
		expect(parseChunks([Uint8Array.of(0xef, 0xbb), Uint8Array.of(0xbf), 'data: a\n\n'])).toEqual([{ data: 'a' }]);
		expect(parseChunks(['\ufeffdata: a\n\n'])).toEqual([{ data: 'a' }]);
		expect(parseChunks(['\ufeff\ufeffdata: a\n\ndata: \ufeff\n\n'])).toEqual([{ data: '\ufeff' }]);
	});

	it('dispatches a last event that has no trailing blank line', () => {
		expect(parseChunks(['data: a\n\ndata: b'])).toEqual([{ data: 'a' }, { data: 'b' }]);
		expect(parseChunks(['data: a\n\ndata: b\r'])).toEqual([{ data: 'a' }, { data: 'b' }]);
	});

	it('passes [DONE] through as data for the caller to stop on', () => {
		expect(parseChunks(['data: {"x":1}\n\ndata: [DONE]\n\n'])).toEqual([{ data: '{"x":1}' }, { data: '[DONE]' }]);
	});

	it('returns events as soon as their blank line arrives', () => {
		const parser = new SseParser();
		expect(parser.push('data: a\n')).toEqual([]);
		expect(parser.push('\ndata: b')).toEqual([{ data: 'a' }]);
		expect(parser.push('\n\n')).toEqual([{ data: 'b' }]);
		expect(parser.end()).toEqual([]);
	});

	it('reads a long line that arrives in many small chunks', () => {
		const payload = 'A'.repeat(200_000);
		const body = `data: ${payload}\n\n`;
		const chunks: string[] = [];
		for (let at = 0; at < body.length; at += 1000) chunks.push(body.slice(at, at + 1000));
		expect(parseChunks(chunks)).toEqual([{ data: payload }]);
	});
});

describe('readSse', () => {
	it('yields the events of an async body of Buffers', async () => {
		async function* body() {
			yield Buffer.from('event: a\nda');
			yield Buffer.from('ta: 1\n\n');
			yield Buffer.from('data: 2');
		}
		const events: SseEvent[] = [];
		for await (const event of readSse(body())) events.push(event);
		expect(events).toEqual([{ event: 'a', data: '1' }, { data: '2' }]);
	});
});
