import { NodeApiError } from 'n8n-workflow';
import type { INodeParameters } from 'n8n-workflow';

import type { AuthMode } from './fixtures';
import { AUTH_MODES, interactionsPath, itemsOf, modelLocator, useEmulator } from './fixtures';

const DEEP_RESEARCH = 'deep-research-preview-04-2026';

function byId(
	operation: 'get' | 'cancel' | 'delete',
	interactionId: string,
	extra: INodeParameters = {},
): INodeParameters {
	return { resource: 'interaction', operation, interactionId, ...extra };
}

describe.each(AUTH_MODES)('Interaction → Get, Cancel, Delete (%s)', (authMode: AuthMode) => {
	const fixture = useEmulator();
	const interactions = () => interactionsPath(authMode);

	async function modelTurn(input: string): Promise<string> {
		const [item] = itemsOf(
			await fixture.run(authMode, {
				resource: 'interaction',
				operation: 'create',
				model: modelLocator('gemini-3.5-flash'),
				input,
			}),
		);
		fixture.emulator.clearRequests();
		return item.json.id as string;
	}

	async function backgroundRun(input: string): Promise<string> {
		const [item] = itemsOf(
			await fixture.run(authMode, {
				resource: 'agent',
				operation: 'run',
				agent: modelLocator(DEEP_RESEARCH),
				input,
				waitMode: 'returnImmediately',
			}),
		);
		fixture.emulator.clearRequests();
		return item.json.id as string;
	}

	it('gets an interaction by ID: simplified by default, the full timeline without Simplify', async () => {
		const id = await modelTurn('Name three rivers');
		const [simple] = itemsOf(await fixture.run(authMode, byId('get', id)));
		expect(simple.json).toMatchObject({ id, status: 'completed', model: 'gemini-3.5-flash' });
		expect(simple.json.text).toContain('Name three rivers');
		expect(simple.json).not.toHaveProperty('input');

		const [raw] = itemsOf(await fixture.run(authMode, byId('get', id, { simplify: false })));
		expect((raw.json.steps as Array<{ type: string }>).map((step) => step.type)).toEqual([
			'user_input',
			'thought',
			'model_output',
		]);
		const log = fixture.apiRequests();
		expect(log.map((entry) => `${entry.method} ${entry.path}`)).toEqual([
			`GET ${interactions()}/${id}`,
			`GET ${interactions()}/${id}`,
		]);
		expect(log[0].query).toEqual({});
	});

	it('takes the ID from the incoming item and can include the input', async () => {
		const id = await modelTurn('Spell "lighthouse" backwards');
		const [item] = itemsOf(
			await fixture.run(
				authMode,
				{ resource: 'interaction', operation: 'get', options: { includeInput: true } },
				{ inputItems: [{ json: { id } }] },
			),
		);
		expect(item.json).toMatchObject({ id, input: 'Spell "lighthouse" backwards' });
		expect(fixture.apiRequests()[0].query).toEqual({ include_input: 'true' });
	});

	it('waiting on a run that has already ended takes one request', async () => {
		const id = await modelTurn('Hello');
		const [item] = itemsOf(await fixture.run(authMode, byId('get', id, { waitMode: 'wait' })));
		expect(item.json.status).toBe('completed');
		expect(fixture.apiRequests()).toHaveLength(1);
	});

	it('Get without waiting shows a failed run as it is; with waiting it is an error with the ID', async () => {
		const id = await backgroundRun('Doomed #status:failed #duration:100');
		const [now] = itemsOf(await fixture.run(authMode, byId('get', id)));
		expect(now.json.status).toBe('in_progress');

		const waited = await fixture.run(authMode, byId('get', id, { waitMode: 'wait' }));
		expect(waited.error).toBeInstanceOf(NodeApiError);
		expect(waited.error?.message).toBe(`Agent run ${DEEP_RESEARCH} (id ${id}) failed`);

		const [after] = itemsOf(await fixture.run(authMode, byId('get', id)));
		expect(after.json.status).toBe('failed');

		const [errorItem] = itemsOf(
			await fixture.run(authMode, byId('get', id, { waitMode: 'wait' }), { continueOnFail: true }),
		);
		expect(errorItem.json.error).toBe(`Agent run ${DEEP_RESEARCH} (id ${id}) failed`);
		expect(errorItem.pairedItem).toEqual({ item: 0 });
	});

	it('Get with wait resumes a dropped stream', async () => {
		const id = await backgroundRun('Fjords #duration:500');
		fixture.emulator.addFault({ match: { method: 'GET', path: 'stream=true' }, dropAfterEvents: 2 });
		const [item] = itemsOf(await fixture.run(authMode, byId('get', id, { waitMode: 'wait' })));
		expect(item.json.text).toMatch(/^# Research report: Fjords/);
		const streams = fixture.apiRequests().filter((entry) => entry.stream);
		expect(streams.map((entry) => entry.query)).toEqual([
			{ stream: 'true' },
			{ last_event_id: 'evt_2', stream: 'true' },
		]);
	});

	it('a stream request that fails with 503 is retried as a resume', async () => {
		const id = await backgroundRun('Reefs #duration:300');
		fixture.emulator.addFault({ match: { method: 'GET', path: 'stream=true' }, status: 503 });
		const [item] = itemsOf(await fixture.run(authMode, byId('get', id, { waitMode: 'wait' })));
		expect(item.json.status).toBe('completed');
		const streams = fixture.apiRequests().filter((entry) => entry.query.stream === 'true');
		expect(streams.map((entry) => entry.status)).toEqual([503, 200]);
	});

	it("cancels a running interaction; cancelling it again reports Google's reason", async () => {
		const id = await backgroundRun('Slow study #duration:20000');
		const [cancelled] = itemsOf(await fixture.run(authMode, byId('cancel', id)));
		expect(cancelled.json).toMatchObject({ id, status: 'cancelled', agent: DEEP_RESEARCH });
		const [request] = fixture.apiRequests();
		expect(`${request.method} ${request.path}`).toBe(`POST ${interactions()}/${id}/cancel`);

		const again = await fixture.run(authMode, byId('cancel', id));
		expect(again.error).toBeInstanceOf(NodeApiError);
		expect(again.error?.message).toContain('cannot be cancelled because its status is cancelled');
		expect((again.error as NodeApiError).httpCode).toBe('400');
	});

	it('deletes an interaction; afterwards Get, Cancel and Delete name the missing ID', async () => {
		const id = await modelTurn('Forget me');
		const [deleted] = itemsOf(await fixture.run(authMode, byId('delete', id)));
		expect(deleted.json).toEqual({ id, deleted: true });
		expect(fixture.apiRequests()[0]).toMatchObject({ method: 'DELETE', path: `${interactions()}/${id}`, status: 200 });

		for (const operation of ['get', 'cancel', 'delete'] as const) {
			const missing = await fixture.run(authMode, byId(operation, id));
			expect(missing.error).toBeInstanceOf(NodeApiError);
			expect(missing.error?.message).toBe(`Interaction "${id}" was not found`);
			expect((missing.error as NodeApiError).httpCode).toBe('404');
			expect((missing.error as NodeApiError).description).toContain(`Interaction ${id} not found`);
		}
	});

	it('an empty Interaction ID is reported before anything is sent', async () => {
		const result = await fixture.run(authMode, byId('get', '  '));
		expect(result.error?.message).toBe('The parameter "Interaction ID" is empty');
		expect(fixture.apiRequests()).toHaveLength(0);
	});

	it('under Continue On Fail each missing ID is its own error item', async () => {
		const id = await modelTurn('Keep me');
		const items = itemsOf(
			await fixture.run(
				authMode,
				{ resource: 'interaction', operation: 'get' },
				{
					continueOnFail: true,
					inputItems: [{ json: { id } }, { json: { id: 'v1_missing' } }],
				},
			),
		);
		expect(items[0].json).toMatchObject({ id, status: 'completed' });
		expect(items[1].json).toMatchObject({ error: 'Interaction "v1_missing" was not found', httpCode: '404' });
	});
});
