import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import {
	API_KEY,
	AUTH_MODES,
	interactionsPath,
	itemsOf,
	modelLocator,
	useEmulator,
} from './fixtures';

const PERSON_SCHEMA = JSON.stringify({
	type: 'object',
	properties: { name: { type: 'string' }, age: { type: 'integer', minimum: 0, maximum: 130 } },
	required: ['name', 'age'],
});

describe.each(AUTH_MODES)('interaction operations (%s)', (authMode) => {
	const fixture = useEmulator();

	it('create: sends the mapped request and returns the simplified answer', async () => {
		const result = await fixture.run(authMode, {
			resource: 'interaction',
			operation: 'create',
			model: modelLocator('gemini-3.5-flash'),
			input: 'What is the capital of France?',
			options: { systemInstruction: 'Answer in one word.', temperature: 0.2, maxOutputTokens: 200, stopSequences: 'END' },
		});
		const [item] = itemsOf(result);
		const [request] = fixture.apiRequests();
		expect(request.method).toBe('POST');
		expect(request.path).toBe(interactionsPath(authMode));
		expect(request.body).toEqual({
			model: 'gemini-3.5-flash',
			input: 'What is the capital of France?',
			system_instruction: 'Answer in one word.',
			generation_config: { temperature: 0.2, max_output_tokens: 200, stop_sequences: ['END'] },
		});
		expect(request.auth).toMatchObject({ scheme: authMode === 'apiKey' ? 'api-key' : 'bearer', valid: true });
		expect(item.pairedItem).toEqual({ item: 0 });
		expect(item.json).toMatchObject({ status: 'completed', model: 'gemini-3.5-flash' });
		expect(item.json.id).toEqual(expect.any(String));
		expect(item.json.text).toContain('What is the capital of France?');
		expect(item.json.text).toContain('Answer in one word.');
		expect(item.json.usage).toEqual(expect.objectContaining({ total_tokens: expect.any(Number) }));
	});

	it('continueConversation: sends previous_interaction_id from the incoming item and the answer uses the first turn', async () => {
		const first = itemsOf(
			await fixture.run(authMode, {
				resource: 'interaction',
				operation: 'create',
				model: modelLocator('gemini-3.5-flash'),
				input: 'My name is Ada',
			}),
		);
		const second = itemsOf(
			await fixture.run(
				authMode,
				{
					resource: 'interaction',
					operation: 'continueConversation',
					model: modelLocator('gemini-3.5-flash'),
					input: 'What is my name?',
				},
				{ inputItems: first.map((item) => ({ json: item.json })) },
			),
		);
		const continueRequest = fixture.apiRequests()[1];
		expect(continueRequest.body).toEqual({
			model: 'gemini-3.5-flash',
			input: 'What is my name?',
			previous_interaction_id: first[0].json.id,
		});
		expect(second[0].json.text).toContain('What is my name?');
		expect(second[0].json.text).toContain('My name is Ada');
	});

	it('generateStructuredOutput: sends the schema as response_format and outputs the parsed object', async () => {
		const [item] = itemsOf(
			await fixture.run(authMode, {
				resource: 'interaction',
				operation: 'generateStructuredOutput',
				model: modelLocator('gemini-3.5-flash'),
				input: 'Extract: Ada Lovelace, 36 years old',
				schema: PERSON_SCHEMA,
			}),
		);
		expect(fixture.apiRequests()[0].body.response_format).toEqual({
			type: 'text',
			mime_type: 'application/json',
			schema: JSON.parse(PERSON_SCHEMA),
		});
		expect(item.json.output).toEqual({ name: expect.any(String), age: expect.any(Number) });
		expect(Number.isInteger((item.json.output as { age: number }).age)).toBe(true);
		expect(JSON.parse(item.json.text as string)).toEqual(item.json.output);
	});
});

describe('interaction operations: inputs and errors', () => {
	const fixture = useEmulator();

	const structured = (schema: string, input = 'Extract the person') => ({
		resource: 'interaction',
		operation: 'generateStructuredOutput',
		model: modelLocator('gemini-3.5-flash'),
		input,
		schema,
	});

	it('an invalid schema is a NodeOperationError naming the parameter and the item, and nothing is sent', async () => {
		const result = await fixture.run('apiKey', structured('{"type": "object",'), {
			inputItems: [{ json: {} }, { json: {} }],
		});
		expect(result.error).toBeInstanceOf(NodeOperationError);
		expect(result.error?.message).toMatch(/"JSON Schema" is invalid: it is not valid JSON/);
		expect((result.error as NodeOperationError).context.itemIndex).toBe(0);
		expect(fixture.apiRequests()).toHaveLength(0);
	});

	it('an answer that is not JSON is an error that carries the raw text', async () => {
		const result = await fixture.run('apiKey', structured(PERSON_SCHEMA, 'Extract #invalid-json'));
		expect(result.error?.message).toBe("The model's answer is not valid JSON");
		expect((result.error as NodeOperationError).description).toContain("Sorry, I can't answer in JSON.");
	});

	it('an empty input names the parameter', async () => {
		const result = await fixture.run('apiKey', {
			resource: 'interaction',
			operation: 'create',
			model: modelLocator('gemini-3.5-flash'),
			input: '   ',
		});
		expect(result.error).toBeInstanceOf(NodeOperationError);
		expect(result.error?.message).toBe('The parameter "Input" is empty');
	});

	it('replaces a deprecated model and says so in the output', async () => {
		const [item] = itemsOf(
			await fixture.run('apiKey', {
				resource: 'interaction',
				operation: 'create',
				model: modelLocator('gemini-2.0-flash'),
				input: 'Hi',
			}),
		);
		expect(fixture.apiRequests()[0].body.model).toBe('gemini-3.5-flash');
		expect(item.json.model).toBe('gemini-3.5-flash');
		expect(item.json.modelSubstitution).toEqual(
			expect.objectContaining({ requested: 'gemini-2.0-flash', used: 'gemini-3.5-flash' }),
		);
		expect(item.json.notice).toContain('gemini-2.0-flash is deprecated');
	});

	it("with replacement off, Google's 404 for the retired model surfaces as a NodeApiError with Google's message", async () => {
		const result = await fixture.run('apiKey', {
			resource: 'interaction',
			operation: 'create',
			model: modelLocator('gemini-1.5-pro'),
			input: 'Hi',
			options: { replaceDeprecatedModels: false },
		});
		expect(result.error).toBeInstanceOf(NodeApiError);
		expect(result.error?.message).toContain('gemini-1.5-pro');
		expect((result.error as NodeApiError).httpCode).toBe('404');
		expect(fixture.apiRequests()[0].body.model).toBe('gemini-1.5-pro');
	});

	it('store off sends store:false and outputs no id', async () => {
		const [item] = itemsOf(
			await fixture.run('apiKey', {
				resource: 'interaction',
				operation: 'create',
				model: modelLocator('gemini-3.5-flash'),
				input: 'Forget me',
				options: { store: false },
			}),
		);
		expect(fixture.apiRequests()[0].body.store).toBe(false);
		expect(item.json.id).toBeNull();
		expect(item.json.text).toContain('Forget me');
	});

	it('simplify off returns the whole interaction with its steps', async () => {
		const [item] = itemsOf(
			await fixture.run('apiKey', {
				resource: 'interaction',
				operation: 'create',
				model: modelLocator('gemini-3.5-flash'),
				input: 'Raw please',
				simplify: false,
			}),
		);
		expect(item.json.object).toBe('interaction');
		expect(item.json.steps).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'model_output' })]));
	});

	it('Continue On Fail: one item out per item in, errors in place, each paired', async () => {
		const result = await fixture.run(
			'apiKey',
			{
				resource: 'interaction',
				operation: 'create',
				model: modelLocator('gemini-3.5-flash'),
				input: '={{ $json.question }}',
			},
			{
				continueOnFail: true,
				inputItems: [{ json: { question: 'first' } }, { json: { question: '' } }, { json: { question: 'third' } }],
			},
		);
		const items = itemsOf(result);
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(items[0].json.text).toContain('first');
		expect(items[1].json.error).toBe('The parameter "Input" is empty');
		expect(items[2].json.text).toContain('third');
		expect(fixture.apiRequests()).toHaveLength(2);
	});

	it('runs items concurrently up to the Concurrency option and keeps their order', async () => {
		fixture.emulator.addFault({ match: { method: 'POST' }, times: 6, delayMs: 150 });
		const result = await fixture.run(
			'apiKey',
			{
				resource: 'interaction',
				operation: 'create',
				model: modelLocator('gemini-3.5-flash'),
				input: '={{ "question " + $json.n }}',
				options: { concurrency: 2 },
			},
			{ inputItems: [1, 2, 3, 4, 5, 6].map((n) => ({ json: { n } })) },
		);
		const items = itemsOf(result);
		expect(items.map((item) => item.json.text)).toEqual(
			[1, 2, 3, 4, 5, 6].map((n) => expect.stringContaining(`question ${n}`)),
		);
		const inFlight = fixture.apiRequests().map((entry) => entry.inFlightAtStart);
		expect(Math.max(...inFlight)).toBe(2);
	});

	it('retries a 429 after the Retry-After the server asked for', async () => {
		fixture.emulator.addFault({
			match: { method: 'POST' },
			status: 429,
			retryAfter: '1',
			body: { error: { message: 'Resource has been exhausted (e.g. check quota).', code: 'resource_exhausted' } },
		});
		const [item] = itemsOf(
			await fixture.run('apiKey', {
				resource: 'interaction',
				operation: 'create',
				model: modelLocator('gemini-3.5-flash'),
				input: 'Retry me',
			}),
		);
		const [throttled, retried] = fixture.apiRequests();
		expect(throttled.status).toBe(429);
		expect(retried.status).toBe(200);
		expect(retried.startedAt - throttled.startedAt).toBeGreaterThanOrEqual(950);
		expect(item.json.text).toContain('Retry me');
	});

	it("gives up after the last attempt and reports Google's message", async () => {
		fixture.emulator.addFault({
			match: { method: 'POST' },
			times: 10,
			status: 503,
			retryAfterMs: 5,
			body: { error: { message: 'The model is overloaded. Please try again later.', code: 'unavailable' } },
		});
		const result = await fixture.run('apiKey', {
			resource: 'interaction',
			operation: 'create',
			model: modelLocator('gemini-3.5-flash'),
			input: 'Overloaded',
		});
		expect(result.error).toBeInstanceOf(NodeApiError);
		expect(result.error?.message).toBe('The model is overloaded. Please try again later.');
		expect((result.error as NodeApiError).httpCode).toBe('503');
		expect(fixture.apiRequests()).toHaveLength(4);
	});

	it('does not retry a 400 and names the failing item', async () => {
		fixture.emulator.addFault({
			match: { method: 'POST', bodyIncludes: 'bad one' },
			status: 400,
			body: { error: { message: 'Request contains an invalid argument.', code: 'invalid_request' } },
		});
		const result = await fixture.run(
			'apiKey',
			{
				resource: 'interaction',
				operation: 'create',
				model: modelLocator('gemini-3.5-flash'),
				input: '={{ $json.q }}',
				options: { concurrency: 1 },
			},
			{ inputItems: [{ json: { q: 'good one' } }, { json: { q: 'bad one' } }] },
		);
		expect(result.error?.message).toBe('Request contains an invalid argument.');
		expect((result.error as NodeApiError).context.itemIndex).toBe(1);
		expect(fixture.apiRequests().filter((entry) => entry.status === 400)).toHaveLength(1);
	});

	it('a malformed JSON body is a clear NodeApiError', async () => {
		fixture.emulator.addFault({ match: { method: 'POST' }, malformed: true });
		const result = await fixture.run('apiKey', {
			resource: 'interaction',
			operation: 'create',
			model: modelLocator('gemini-3.5-flash'),
			input: 'Broken',
		});
		expect(result.error).toBeInstanceOf(NodeApiError);
		expect(result.error?.message).toBe('The Gemini API sent a response that is not valid JSON');
	});

	it('never puts the API key in a URL', async () => {
		await fixture.run('apiKey', {
			resource: 'interaction',
			operation: 'create',
			model: modelLocator('gemini-3.5-flash'),
			input: 'Hi',
		});
		for (const entry of fixture.apiRequests()) {
			expect(entry.url).not.toContain(API_KEY);
			expect(entry.auth.scheme).toBe('api-key');
		}
	});
});
