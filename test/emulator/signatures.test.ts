import { startEmulator, type Emulator } from './index';
import { create, outputText } from './testUtils';

let emu: Emulator;
beforeAll(async () => {
	emu = await startEmulator({ streamChunkDelayMs: 0 });
});
afterAll(() => emu.close());

const MODEL = 'gemini-3.5-flash';
const tools = [{ type: 'function', name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } }];
const question = { type: 'user_input', content: [{ type: 'text', text: 'Weather?' }] };

describe('stateless history: thought signatures and earlier tool rounds', () => {
	it('accepts a replayed function call after its thought, with the signature unchanged', async () => {
		const first = await create(emu, { model: MODEL, input: [question], tools });
		const [thought, call] = first.json.steps;
		expect(thought).toEqual({ type: 'thought', signature: expect.any(String) });
		const result = { type: 'function_result', call_id: call.id, name: 'get_weather', result: 'sunny' };
		const ok = await create(emu, { model: MODEL, input: [question, thought, call, result], tools });
		expect(ok.status).toBe(200);
		expect(outputText(ok.json)).toBe('get_weather returned sunny. You said: "Weather?".');

		for (const replay of [[question, call, result], [question, { ...thought, signature: 'b3RoZXI=' }, call, result]]) {
			const refused = await create(emu, { model: MODEL, input: replay, tools });
			expect(refused.status).toBe(400);
			expect(refused.json.error.message).toMatch(/Function call "get_weather" \(id call_[\w-]+\) is missing its thought_signature/);
		}
	});

	it('answers only this turn\'s function results: a new question after a tool round calls the tool again', async () => {
		const first = await create(emu, { model: MODEL, input: [question], tools });
		const [thought, call] = first.json.steps;
		const earlierRound = [question, thought, call, { type: 'function_result', call_id: call.id, result: 'sunny' }];
		const answer = { type: 'model_output', content: [{ type: 'text', text: 'Sunny.' }] };
		const next = await create(emu, { model: MODEL, input: [...earlierRound, answer, { type: 'user_input', content: [{ type: 'text', text: 'And tomorrow?' }] }], tools });
		expect(next.json.status).toBe('requires_action');
		expect(next.json.steps.map((step: { type: string }) => step.type)).toEqual(['thought', 'function_call']);
	});
});
