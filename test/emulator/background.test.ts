/* eslint-disable -- test code runs in Node, not in n8n: eslint.dev.config.mjs lints it instead of n8n's node rules */
import { startEmulator, type Emulator } from './index';
import { call, create, outputText, waitForEnd } from './testUtils';

let emu: Emulator;
beforeAll(async () => {
	emu = await startEmulator({ backgroundDurationMs: 150, streamChunkDelayMs: 0 });
});
afterAll(() => emu.close());

const DEEP_RESEARCH = 'deep-research-preview-04-2026';
const ANTIGRAVITY = 'antigravity-preview-05-2026';

describe('background interactions', () => {
	it('a model interaction runs in the background and completes later', async () => {
		const made = await create(emu, { model: 'gemini-3.5-flash', input: 'Slow please', background: true });
		expect(made.json).toMatchObject({ status: 'in_progress', steps: [] });
		expect(made.json).not.toHaveProperty('usage');
		const running = await call(emu, 'GET', `/v1/interactions/${made.json.id}`);
		expect(running.json.status).toBe('in_progress');
		const done = await waitForEnd(emu, made.json.id);
		expect(done.status).toBe('completed');
		expect(outputText(done)).toBe('You said: "Slow please".');
	});

	it('Deep Research writes a report, with thought summaries when asked', async () => {
		const made = await create(emu, {
			agent: DEEP_RESEARCH,
			input: 'Research TPUs',
			background: true,
			agent_config: { type: 'deep-research', thinking_summaries: 'auto' },
		});
		expect(made.json).toMatchObject({ agent: DEEP_RESEARCH, status: 'in_progress' });
		const done = await waitForEnd(emu, made.json.id);
		expect(done.steps.map((s: any) => s.type)).toEqual(['user_input', 'thought', 'thought', 'thought', 'model_output']);
		expect(done.steps[1].summary[0].text).toContain('Research TPUs');
		expect(outputText(done)).toMatch(/^# Research report: Research TPUs\n[\s\S]*You said: "Research TPUs"[\s\S]*## Sources/);
	});

	it.each([
		[{ agent: DEEP_RESEARCH, input: 'x' }, /requires background=true/],
		[{ agent: DEEP_RESEARCH, input: 'x', background: true, generation_config: { temperature: 1 } }, /generation_config/],
		[{ agent: DEEP_RESEARCH, input: 'x', background: true, agent_config: { type: 'antigravity' } }, /agent_config.type "antigravity"/],
	])('rejects %j', async (body, message) => {
		const res = await create(emu, body);
		expect(res.status).toBe(400);
		expect(res.json.error.message).toMatch(message);
	});

	it('answers 404 for an unknown agent', async () => {
		const res = await create(emu, { agent: 'nope', input: 'x', background: true });
		expect([res.status, res.json.error]).toEqual([404, { message: 'Agent nope not found', code: 'not_found' }]);
	});

	it.each([
		['remote', /^env_/],
		['env_existing123', /^env_existing123$/],
		[{ type: 'remote', environment_id: 'env_given' }, /^env_given$/],
		[{ type: 'remote', sources: [{ type: 'inline', content: 'print(1)', target: 'main.py' }] }, /^env_/],
	])('environment %j → environment_id', async (environment, expected) => {
		const res = await create(emu, { agent: ANTIGRAVITY, input: 'Do it', environment });
		expect(res.json.status).toBe('completed');
		expect(res.json.environment_id).toMatch(expected);
		expect(outputText(res.json)).toContain(`in environment ${res.json.environment_id}`);
	});

	it.each([
		['failed', { errors: [{ code: 'internal', message: 'The agent failed: simulated failure' }] }],
		['incomplete', {}],
		['budget_exceeded', {}],
		['cancelled', {}],
	])('#status:%s ends the run with that status', async (status, extra) => {
		const made = await create(emu, { agent: DEEP_RESEARCH, input: `Research #status:${status}`, background: true });
		const done = await waitForEnd(emu, made.json.id);
		expect(done).toMatchObject({ status, ...extra });
	});

	it('#duration overrides the run time', async () => {
		const slow = await startEmulator({ backgroundDurationMs: 60_000 });
		try {
			const made = await create(slow, { agent: DEEP_RESEARCH, input: 'Quick #duration:30', background: true });
			expect((await waitForEnd(slow, made.json.id)).status).toBe('completed');
		} finally {
			await slow.close();
		}
	});

	it('cancel stops a running interaction; cancelling a finished one is a 400', async () => {
		const made = await create(emu, { agent: DEEP_RESEARCH, input: 'Long #duration:5000', background: true });
		const cancelled = await call(emu, 'POST', `/v1/interactions/${made.json.id}/cancel`);
		expect([cancelled.status, cancelled.json.status]).toEqual([200, 'cancelled']);
		expect((await call(emu, 'GET', `/v1/interactions/${made.json.id}`)).json.status).toBe('cancelled');
		const again = await call(emu, 'POST', `/v1/interactions/${made.json.id}/cancel`);
		expect(again.status).toBe(400);
		expect(again.json.error.code).toBe('invalid_request');
	});

	it('delete removes a running interaction', async () => {
		const made = await create(emu, { agent: DEEP_RESEARCH, input: 'Long #duration:5000', background: true });
		expect((await call(emu, 'DELETE', `/v1/interactions/${made.json.id}`)).status).toBe(200);
		expect((await call(emu, 'GET', `/v1/interactions/${made.json.id}`)).status).toBe(404);
	});

	it('a continuation of a running interaction is rejected', async () => {
		const made = await create(emu, { agent: DEEP_RESEARCH, input: 'Long #duration:5000', background: true });
		const next = await create(emu, { agent: DEEP_RESEARCH, input: 'more', background: true, previous_interaction_id: made.json.id });
		expect(next.status).toBe(400);
	});
});

describe('custom agents in interactions', () => {
	it('runs a custom agent with its system instruction and tools', async () => {
		const agent = {
			id: 'support-bot',
			base_agent: ANTIGRAVITY,
			system_instruction: 'Be kind.',
			tools: [{ type: 'code_execution' }],
		};
		expect((await call(emu, 'POST', '/v1/agents', agent)).status).toBe(200);
		const res = await create(emu, { agent: 'support-bot', input: 'Help me', environment: 'remote' });
		expect(res.json.steps.map((s: any) => s.type)).toEqual(['thought', 'code_execution_call', 'code_execution_result', 'model_output']);
		expect(outputText(res.json)).toMatch(/^Agent support-bot completed the task in environment env_\S+\. \[system: Be kind\.\] You said: "Help me"\./);
	});
});
