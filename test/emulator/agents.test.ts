/* eslint-disable -- test code runs in Node, not in n8n: eslint.dev.config.mjs lints it instead of n8n's node rules */
import { startEmulator, type Emulator } from './index';
import { call, mintToken } from './testUtils';

let emu: Emulator;
beforeAll(async () => {
	emu = await startEmulator();
});
afterAll(() => emu.close());

const BASE = 'antigravity-preview-05-2026';

describe('Agents API', () => {
	it('creates, gets, lists with pagination and deletes custom agents', async () => {
		const created = await call(emu, 'POST', '/v1beta/agents', { id: 'agent-a', base_agent: BASE, description: 'A', display_name: 'Agent A' });
		expect(created.status).toBe(200);
		expect(created.contentType).toMatch(/^application\/json/);
		expect(created.json).toEqual({ id: 'agent-a', base_agent: BASE, description: 'A', display_name: 'Agent A', create_time: expect.stringMatching(/Z$/) });
		for (const id of ['agent-b', 'agent-c']) expect((await call(emu, 'POST', '/v1/agents', { id, base_agent: BASE })).status).toBe(200);

		expect((await call(emu, 'GET', '/v1/agents/agent-b')).json).toMatchObject({ id: 'agent-b' });
		const page1 = await call(emu, 'GET', '/v1/agents?page_size=2');
		expect(page1.json.agents.map((a: any) => a.id)).toEqual(['agent-a', 'agent-b']);
		expect(page1.json.next_page_token).toEqual(expect.any(String));
		const page2 = await call(emu, 'GET', `/v1/agents?page_size=2&page_token=${page1.json.next_page_token}`);
		expect(page2.json).toEqual({ agents: [expect.objectContaining({ id: 'agent-c' })] });
		expect((await call(emu, 'GET', '/v1/agents')).json.agents).toHaveLength(3);

		const deleted = await call(emu, 'DELETE', '/v1/agents/agent-b');
		expect([deleted.status, deleted.json]).toEqual([200, {}]);
		const gone = await call(emu, 'GET', '/v1/agents/agent-b');
		expect([gone.status, gone.json]).toEqual([404, { error: { message: 'Agent agent-b not found', code: 'not_found' } }]);
		expect((await call(emu, 'DELETE', '/v1/agents/agent-b')).status).toBe(404);
	});

	it('refuses duplicates with 409 already_exists', async () => {
		await call(emu, 'POST', '/v1/agents', { id: 'dup', base_agent: BASE });
		const again = await call(emu, 'POST', '/v1/agents', { id: 'dup', base_agent: BASE });
		expect([again.status, again.json]).toEqual([409, { error: { message: 'Agent dup already exists', code: 'already_exists' } }]);
	});

	it.each([
		[{ base_agent: BASE }, /id is required/],
		[{ id: 'Bad_Id', base_agent: BASE }, /must match/],
		[{ id: 'no-base' }, /base_agent must be one of/],
		[{ id: 'dr-base', base_agent: 'deep-research-preview-04-2026' }, /base_agent/],
		[{ id: 'camel', baseAgent: BASE }, /baseAgent/],
	])('rejects %j with 400', async (body, message) => {
		const res = await call(emu, 'POST', '/v1/agents', body);
		expect(res.status).toBe(400);
		expect(res.json.error.message).toMatch(message);
	});

	it('rejects a bad page token or page size', async () => {
		expect((await call(emu, 'GET', '/v1/agents?page_token=garbage')).status).toBe(400);
		expect((await call(emu, 'GET', '/v1/agents?page_size=0')).status).toBe(400);
	});

	it('keeps agents separate per family and per project/location', async () => {
		const token = await mintToken(emu);
		const bearer = { authorization: `Bearer ${token}` };
		const ent = '/v1beta1/projects/p1/locations/global/agents';
		expect((await call(emu, 'POST', ent, { id: 'ent-only', base_agent: BASE }, bearer)).status).toBe(200);
		expect((await call(emu, 'GET', `${ent}/ent-only`, undefined, bearer)).status).toBe(200);
		expect((await call(emu, 'GET', '/v1beta1/projects/p2/locations/global/agents/ent-only', undefined, bearer)).status).toBe(404);
		expect((await call(emu, 'GET', '/v1/agents/ent-only')).status).toBe(404);
	});
});
