import { startEmulator, type Emulator } from './index';
import { call, create, KEY, outputText, parseSse, streamedText } from './testUtils';

let emu: Emulator;
beforeAll(async () => {
	emu = await startEmulator({ backgroundDurationMs: 200, streamChunkDelayMs: 1, sseKeepaliveMs: 20 });
});
afterAll(() => emu.close());
afterEach(() => emu.clearFaults());

const MODEL = 'gemini-3.5-flash';

/** Reads a body until it ends or the connection breaks (fetch's text() would lose a partial body). */
async function readAll(path: string, init: RequestInit): Promise<{ status: number; contentType: string; body: string; broken: boolean }> {
	const res = await fetch(emu.url + path, init);
	const decoder = new TextDecoder();
	let body = '';
	let broken = false;
	try {
		for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) body += decoder.decode(chunk, { stream: true });
	} catch {
		broken = true;
	}
	return { status: res.status, contentType: res.headers.get('content-type') ?? '', body, broken };
}

const streamCreate = (body: Record<string, unknown>) =>
	readAll('/v1/interactions', { method: 'POST', headers: { ...KEY, 'content-type': 'application/json', accept: 'text/event-stream' }, body: JSON.stringify({ ...body, stream: true }) });
const streamGet = (id: string, query = '') => readAll(`/v1/interactions/${id}?stream=true${query}`, { headers: { ...KEY, accept: 'text/event-stream' } });

describe('SSE', () => {
	it('streams one turn in the documented order and the text reassembles', async () => {
		emu.clearRequests();
		const res = await streamCreate({ model: MODEL, input: 'Tell me a rather long story about streams' });
		expect(res.status).toBe(200);
		expect(res.contentType).toMatch(/^text\/event-stream/);
		const { frames, events, done } = parseSse(res.body);
		expect(done).toBe(true);
		expect(frames.at(-1)?.data).toBe('[DONE]');
		expect(events.map((e) => `${e.event_type}${e.index === undefined ? '' : `:${e.index}`}`)).toEqual([
			'interaction.created',
			'interaction.status_update',
			'step.start:0',
			'step.delta:0',
			'step.stop:0',
			'step.start:1',
			...Array(events.length - 8).fill('step.delta:1'),
			'step.stop:1',
			'interaction.completed',
		]);
		expect(events.length - 8).toBeGreaterThan(2);
		events.forEach((e, i) => {
			expect(e.event_id).toBe(`evt_${i + 1}`);
			expect(frames[i]).toMatchObject({ event: e.event_type, id: e.event_id });
		});
		const completed = events.at(-1);
		expect(completed.interaction).toMatchObject({ status: 'completed', usage: expect.any(Object), object: 'interaction', model: MODEL });
		expect(completed.interaction).not.toHaveProperty('steps');
		const stored = await call(emu, 'GET', `/v1/interactions/${completed.interaction.id}`);
		expect(streamedText(events)).toBe(outputText(stored.json));
		expect(emu.requests[0]).toMatchObject({ stream: true, status: 200 });
	});

	it('streams function-call arguments as JSON fragments', async () => {
		const tools = [{ type: 'function', name: 'lookup', parameters: { type: 'object', properties: { q: { type: 'string' } } } }];
		const { events } = parseSse((await streamCreate({ model: MODEL, input: 'Find the answer', tools })).body);
		const start = events.find((e) => e.event_type === 'step.start' && e.step.type === 'function_call');
		expect(start.step).toEqual({ type: 'function_call', id: expect.stringMatching(/^call_/), signature: '', name: 'lookup', arguments: {} });
		const fragments = events.filter((e) => e.delta?.type === 'arguments_delta').map((e) => e.delta.arguments);
		expect(fragments.length).toBeGreaterThan(1);
		expect(JSON.parse(fragments.join(''))).toEqual({ q: 'Find the answer' });
		expect(events.at(-1).interaction.status).toBe('requires_action');
	});

	it('streams thought summaries, annotations and images as deltas', async () => {
		const body = {
			model: MODEL,
			input: 'Search and draw',
			generation_config: { thinking_summaries: 'auto' },
			tools: [{ type: 'google_search' }],
			response_modalities: ['text', 'image'],
		};
		const { events } = parseSse((await streamCreate(body)).body);
		const deltaTypes = events.filter((e) => e.event_type === 'step.delta').map((e) => e.delta.type);
		expect(deltaTypes).toEqual(expect.arrayContaining(['thought_summary', 'thought_signature', 'text', 'text_annotation_delta', 'image', 'google_search_call', 'google_search_result']));
		const image = events.find((e) => e.delta?.type === 'image');
		expect(image.delta).toMatchObject({ mime_type: 'image/png', data: expect.any(String) });
	});

	it('uses empty ids with store:false', async () => {
		const { events } = parseSse((await streamCreate({ model: MODEL, input: 'Hi', store: false })).body);
		expect(events[0].interaction.id).toBe('');
		expect(events[1].interaction_id).toBe('');
		expect(events.at(-1).interaction.id).toBe('');
	});

	it('replays a finished interaction and resumes exactly after last_event_id', async () => {
		const first = parseSse((await streamCreate({ model: MODEL, input: 'Replay me please, several words here' })).body).events;
		const id = first[0].interaction.id;
		expect(parseSse((await streamGet(id)).body).events).toEqual(first);
		const resumed = parseSse((await streamGet(id, '&last_event_id=evt_5')).body);
		expect(resumed.events).toEqual(first.slice(5));
		expect(resumed.done).toBe(true);
		expect((await streamGet(id, '&last_event_id=bogus')).status).toBe(400);
	});

	it('follows a running background agent with keepalives and progress until it completes', async () => {
		const made = await create(emu, {
			agent: 'deep-research-preview-04-2026',
			input: 'Research streams',
			background: true,
			agent_config: { type: 'deep-research', thinking_summaries: 'auto' },
		});
		const res = await streamGet(made.json.id);
		const { events, comments, done } = parseSse(res.body);
		expect(comments).toContain(': keepalive');
		expect(done).toBe(true);
		expect(events[1]).toMatchObject({ event_type: 'interaction.status_update', status: 'in_progress' });
		const summaries = events.filter((e) => e.delta?.type === 'thought_summary');
		expect(summaries).toHaveLength(3);
		const firstText = events.findIndex((e) => e.delta?.type === 'text');
		expect(events.indexOf(summaries[2])).toBeLessThan(firstText);
		expect(events.at(-1).interaction.status).toBe('completed');
		expect(streamedText(events)).toMatch(/^# Research report: Research streams/);
	});

	it('a streamed background create stays open until the run ends', async () => {
		const { events } = parseSse((await streamCreate({ agent: 'antigravity-preview-05-2026', input: 'Work', background: true })).body);
		expect(events.at(-1)).toMatchObject({ event_type: 'interaction.completed', interaction: { status: 'completed' } });
	});

	it('sends HTTP errors of a stream request as JSON', async () => {
		const res = await streamCreate({ model: 'gemini-1.5-flash', input: 'x' });
		expect([res.status, res.contentType]).toEqual([404, expect.stringMatching(/^application\/json/)]);
	});

	it('fault sseError sends an error event mid-stream', async () => {
		emu.addFault({ match: { path: '/interactions' }, sseError: { code: 'resource_exhausted', message: 'quota', afterEvents: 3 } });
		const { events, done } = parseSse((await streamCreate({ model: MODEL, input: 'x' })).body);
		expect(events).toHaveLength(4);
		expect(events[3]).toEqual({ event_type: 'error', error: { code: 'resource_exhausted', message: 'quota' } });
		expect(done).toBe(false);
	});

	it('fault dropAfterEvents breaks the connection; the rest can be resumed', async () => {
		emu.addFault({ match: { method: 'POST', path: '/v1/interactions' }, dropAfterEvents: 3 });
		const dropped = await streamCreate({ model: MODEL, input: 'Resume after a drop of the connection' });
		expect(dropped.broken).toBe(true);
		const head = parseSse(dropped.body).events;
		expect(head.map((e) => e.event_id)).toEqual(['evt_1', 'evt_2', 'evt_3']);
		const tail = parseSse((await streamGet(head[0].interaction.id, `&last_event_id=${head[2].event_id}`)).body).events;
		expect(tail[0].event_id).toBe('evt_4');
		expect(tail.at(-1).event_type).toBe('interaction.completed');
		expect(emu.requests.at(-1)?.stream).toBe(true);
	});
});
