/**
 * Bytes sent per turn over a 20-turn agent conversation (each turn: a tool call, then the answer),
 * with and without Server-Side History, measured on the emulator's request log. Writes a table to
 * .tmp/chat-model-history-bytes.md; the numbers in the README come from it.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

import { GeminiInteractionsApi } from '../../credentials/GeminiInteractionsApi.credentials';
import { GeminiInteractionsEnterpriseApi } from '../../credentials/GeminiInteractionsEnterpriseApi.credentials';
import { LmChatGeminiInteractions } from '../../nodes/LmChatGeminiInteractions/LmChatGeminiInteractions.node';
import { conversations } from '../../nodes/LmChatGeminiInteractions/model/history';
import { runSupplyData } from '../harness';
import { modelLocator, useEmulator } from './fixtures';

const sdkRequire = createRequire(require.resolve('@n8n/ai-utilities'));
const { AIMessage, HumanMessage, SystemMessage, ToolMessage } = sdkRequire('@langchain/core/messages');
const { DynamicStructuredTool } = sdkRequire('@langchain/core/tools');
const { z } = sdkRequire('zod');

const TURNS = 20;
const tool = new DynamicStructuredTool({
	name: 'lookup_order',
	description: 'Looks up an order',
	schema: z.object({ query: z.string() }),
	func: async () => 'ok',
});

describe('Server-Side History: bytes sent per turn over a 20-turn conversation', () => {
	const fixture = useEmulator();

	async function converse(serverSideHistory: boolean): Promise<number[]> {
		conversations.clear();
		const run = await runSupplyData({
			node: new LmChatGeminiInteractions(),
			credentialTypes: [new GeminiInteractionsApi(), new GeminiInteractionsEnterpriseApi()],
			credentials: fixture.credentials,
			parameters: { authentication: 'apiKey', model: modelLocator('gemini-3.5-flash'), options: { serverSideHistory } },
		});
		const model = (run.response as { bindTools(tools: unknown[]): { invoke(messages: unknown[]): Promise<any> } }).bindTools([tool]);
		const system = new SystemMessage('You are the support assistant of a shop. Look orders up before answering.');
		const history: unknown[] = [];
		const perTurn: number[] = [];
		for (let turn = 1; turn <= TURNS; turn++) {
			fixture.emulator.clearRequests();
			const question = new HumanMessage(`Turn ${turn}: where is my order number ${1000 + turn}, and when will it arrive at my address?`);
			const call = await model.invoke([system, ...history, question]);
			const rebuilt = new AIMessage({ content: [], tool_calls: call.tool_calls });
			const result = new ToolMessage({ content: JSON.stringify({ order: 1000 + turn, status: 'shipped', eta: '2 days' }), tool_call_id: call.tool_calls[0].id });
			const answer = await model.invoke([system, ...history, question, rebuilt, result]);
			history.push(question, rebuilt, result, new AIMessage(answer.text));
			perTurn.push(fixture.apiRequests().reduce((sum, entry) => sum + entry.bodyBytes, 0));
		}
		return perTurn;
	}

	it('sends far less with server-side history, and the full history grows with every turn', async () => {
		const full = await converse(false);
		const server = await converse(true);
		const total = (list: number[]) => list.reduce((a, b) => a + b, 0);
		expect(full[TURNS - 1]).toBeGreaterThan(full[0] * 5);
		expect(server[TURNS - 1]).toBeLessThan(server[0] * 1.5);
		expect(total(server)).toBeLessThan(total(full) / 4);

		const rows = full.map((bytes, index) => `| ${index + 1} | ${bytes} | ${server[index]} |`);
		const report = [
			`Bytes of request bodies per agent turn (tool call + answer = 2 model calls), ${TURNS} turns, emulator.`,
			'',
			'| turn | full history | server-side history |',
			'|---:|---:|---:|',
			...rows,
			`| **total** | **${total(full)}** | **${total(server)}** |`,
			'',
		].join('\n');
		const dir = path.join(__dirname, '..', '..', '.tmp');
		mkdirSync(dir, { recursive: true });
		writeFileSync(path.join(dir, 'chat-model-history-bytes.md'), report);
	});
});
