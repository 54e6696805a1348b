import type { ChatStream } from '../../nodes/shared/host/chatStream';
import type { ApiCall, ApiStreamResponse, GeminiApiClient } from '../../nodes/shared/transport/client';
import { streamTurn, StreamTurnError } from '../../nodes/shared/interactions/streamTurn';

type Body = { events: string[]; thenDrop?: boolean } | { json: unknown };

/** A client whose stream() answers with the given bodies in turn, recording the calls. */
function fakeClient(bodies: Body[]) {
	const calls: ApiCall[] = [];
	const client = {
		async stream(call: ApiCall): Promise<ApiStreamResponse> {
			calls.push(call);
			const body = bodies.shift();
			if (!body) throw new Error('no more bodies');
			if ('json' in body) return { json: body.json };
			const { events: texts, thenDrop } = body;
			async function* events() {
				for (const event of texts) yield Buffer.from(event);
				if (thenDrop) throw new Error('socket hang up');
			}
			return { events: events() };
		},
	};
	return { client: client as unknown as GeminiApiClient, calls };
}

function recordingChat(): ChatStream & { texts: string[] } {
	const texts: string[] = [];
	return { active: true, texts, text: (delta) => texts.push(delta), end: () => undefined };
}

const sse = (payload: object, id?: string) => `${id ? `id: ${id}\n` : ''}data: ${JSON.stringify(payload)}\n\n`;

/** A turn's events without event ids, as recorded from the real Gemini API. */
const turn = (id: string, words: string[]) => [
	sse({ event_type: 'interaction.created', interaction: { id, status: 'in_progress' } }),
	sse({ event_type: 'step.start', index: 0, step: { type: 'model_output' } }),
	...words.map((text) => sse({ event_type: 'step.delta', index: 0, delta: { type: 'text', text } })),
	sse({ event_type: 'step.stop', index: 0 }),
	sse({ event_type: 'interaction.completed', interaction: { id, status: 'completed', usage: { total_tokens: 3 } } }),
];

const options = (chat: ChatStream) => ({ itemIndex: 0, timeoutMs: 1000, chat });

describe('streamTurn', () => {
	it('rebuilds the interaction and forwards each text delta', async () => {
		const { client, calls } = fakeClient([{ events: turn('v1_a', ['Hello ', 'there.']) }]);
		const chat = recordingChat();
		const interaction = await streamTurn(client, { model: 'm', input: 'hi' }, options(chat));
		expect(calls[0]).toMatchObject({ method: 'POST', path: 'interactions', body: { model: 'm', input: 'hi', stream: true } });
		expect(interaction).toMatchObject({ id: 'v1_a', status: 'completed', steps: [{ type: 'model_output', content: [{ type: 'text', text: 'Hello there.' }] }] });
		expect(chat.texts).toEqual(['Hello ', 'there.']);
	});

	it('resumes after a drop with last_event_id, when the server sends ids', async () => {
		const events = turn('v1_b', ['one ', 'two ', 'three']).map((event, index) => `id: evt_${index + 1}\n${event}`);
		const { client, calls } = fakeClient([{ events: events.slice(0, 3), thenDrop: true }, { events: events.slice(3) }]);
		const chat = recordingChat();
		const interaction = await streamTurn(client, { model: 'm', input: 'hi' }, options(chat));
		expect(calls[1]).toMatchObject({ method: 'GET', path: 'interactions/v1_b', qs: { stream: true, last_event_id: 'evt_3' } });
		expect(chat.texts.join('')).toBe('one two three');
		expect(interaction.status).toBe('completed');
	});

	it('without event ids, a resumed stream starts over: rebuilt afresh, and the chat gets no text twice', async () => {
		const events = turn('v1_c', ['one ', 'two ', 'three']);
		const { client, calls } = fakeClient([{ events: events.slice(0, 4), thenDrop: true }, { events }]);
		const chat = recordingChat();
		const interaction = await streamTurn(client, { model: 'm', input: 'hi' }, options(chat));
		expect(calls[1].qs).toEqual({ stream: true });
		expect(chat.texts).toEqual(['one ', 'two ', 'three']);
		expect(interaction.steps).toEqual([{ type: 'model_output', content: [{ type: 'text', text: 'one two three' }] }]);
	});

	it('also when the drop came in the middle of a delta the chat had already received', async () => {
		const first = turn('v1_d', ['one ', 'two ']);
		const replay = turn('v1_d', ['one two ', 'three']);
		const { client } = fakeClient([{ events: first.slice(0, 4), thenDrop: true }, { events: replay }]);
		const chat = recordingChat();
		await streamTurn(client, { model: 'm', input: 'hi' }, options(chat));
		expect(chat.texts.join('')).toBe('one two three');
	});

	it('an error event ends the turn with the server\'s code and message', async () => {
		const { client } = fakeClient([
			{ events: [...turn('v1_e', ['partial']).slice(0, 3), sse({ event_type: 'error', error: { code: 'unavailable', message: 'Overloaded' } })] },
		]);
		const error = await streamTurn(client, { model: 'm' }, options(recordingChat())).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(StreamTurnError);
		expect((error as StreamTurnError).failure).toEqual({ kind: 'streamError', interactionId: 'v1_e', code: 'unavailable', message: 'Overloaded' });
	});

	it('takes the event type from the SSE event line when the payload has none', async () => {
		const { client } = fakeClient([
			{
				events: [
					'event: interaction.created\ndata: {"interaction":{"id":"v1_f","status":"in_progress"}}\n\n',
					'event: error\ndata: {"error":{"message":"Bad"}}\n\n',
				],
			},
		]);
		await expect(streamTurn(client, { model: 'm' }, options(recordingChat()))).rejects.toThrow('Bad');
	});

	it('cannot resume a stream that never said which interaction it is', async () => {
		const { client, calls } = fakeClient([{ events: [sse({ event_type: 'step.start', index: 0 })], thenDrop: true }]);
		const error = await streamTurn(client, { model: 'm', store: false }, options(recordingChat())).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(StreamTurnError);
		expect((error as StreamTurnError).failure).toEqual({ kind: 'brokeOff', interactionId: undefined, resumes: 0, reason: 'socket hang up' });
		expect(calls).toHaveLength(1);
	});

	it('passes a JSON answer (a gateway that ignores streaming) through as one chunk', async () => {
		const { client } = fakeClient([{ json: { id: 'v1_g', status: 'completed', steps: [{ type: 'model_output', content: [{ type: 'text', text: 'All at once' }] }] } }]);
		const chat = recordingChat();
		const interaction = await streamTurn(client, { model: 'm' }, options(chat));
		expect(interaction.id).toBe('v1_g');
		expect(chat.texts).toEqual(['All at once']);
	});

	it('stops with a cancellation when the execution is cancelled', async () => {
		const controller = new AbortController();
		controller.abort();
		const { client } = fakeClient([{ events: turn('v1_h', ['x']) }]);
		await expect(streamTurn(client, { model: 'm' }, { ...options(recordingChat()), cancelSignal: controller.signal })).rejects.toThrow(
			'The execution was cancelled',
		);
	});

	it('encodes the body with the given encoder (inline files)', async () => {
		const { client, calls } = fakeClient([{ events: turn('v1_i', ['x']) }]);
		await streamTurn(client, { model: 'm' }, { ...options(recordingChat()), encode: (request) => Buffer.from(JSON.stringify(request)) });
		expect(Buffer.isBuffer(calls[0].body)).toBe(true);
		expect(JSON.parse(String(calls[0].body))).toEqual({ model: 'm', stream: true });
	});
});
