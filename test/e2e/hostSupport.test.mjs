// What a user on an older n8n sees where the host lacks something the package needs. The Chat Model
// sub-node needs n8n's AI node SDK (@n8n/ai-node-sdk, n8n 2.x): on a host without it the package
// still loads and the action node works (examples.test.mjs), and the sub-node stops with a message
// that says what is missing and what to do. (Streaming is covered in examples.test.mjs.)
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CREDENTIAL_REFS, executionError, executionStatus, runData } from '../../scripts/examples.mjs';
import { PACKAGE_NAME, runtimeSpec } from '../../scripts/n8n-runtime.mjs';
import { setupE2e } from './lib/context.mjs';

const host = runtimeSpec();
const TRIGGER = 'When clicking ‘Execute workflow’';
const CHAIN = 'Basic LLM Chain';
const MODEL = 'Gemini Chat Model';

// Basic LLM Chain v1.5 exists on every n8n of the matrix (1.82.3 has 1–1.5)
const CHAIN_WITH_OUR_MODEL = {
	id: 'e2eHostChainModel1',
	name: 'E2E chain with the Gemini chat model',
	active: false,
	nodes: [
		{ id: 'hs-trigger', name: TRIGGER, type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
		{
			id: 'hs-chain',
			name: CHAIN,
			type: '@n8n/n8n-nodes-langchain.chainLlm',
			typeVersion: 1.5,
			position: [220, 0],
			parameters: { promptType: 'define', text: 'Name one lighthouse.' },
		},
		{
			id: 'hs-model',
			name: MODEL,
			type: `${PACKAGE_NAME}.lmChatGeminiInteractions`,
			typeVersion: 1,
			position: [220, 200],
			parameters: {},
			credentials: { geminiInteractionsApi: CREDENTIAL_REFS.geminiInteractionsApi },
		},
	],
	connections: {
		[TRIGGER]: { main: [[{ node: CHAIN, type: 'main', index: 0 }]] },
		[MODEL]: { ai_languageModel: [[{ node: CHAIN, type: 'ai_languageModel', index: 0 }]] },
	},
	settings: { executionOrder: 'v1' },
	pinData: {},
};

describe(`host support on n8n ${host.n8n}`, () => {
	let ctx;
	before(async () => {
		ctx = await setupE2e();
		await ctx.n8n.importWorkflows([CHAIN_WITH_OUR_MODEL]);
	});
	after(() => ctx?.dispose());

	test(
		'without the AI node SDK, the Chat Model stops with a message naming what is missing',
		{ skip: host.features.includes('aiNodeSdk') && `n8n ${host.n8n} provides the AI node SDK` },
		async () => {
			const { run, stdout, stderr } = await ctx.n8n.execute(CHAIN_WITH_OUR_MODEL.id);
			assert.ok(run, `n8n printed an execution result:\n${stdout}\n${stderr}`);
			assert.equal(executionStatus(run), 'error');
			// what the editor shows on the chain, and on the model node itself
			const text = (error) => [error?.message, error?.description].filter(Boolean).join(' — ');
			assert.match(text(executionError(run)), /This n8n version cannot run the Gemini Interactions Chat Model/);
			const modelError = runData(run)[MODEL]?.[0]?.error;
			assert.match(text(modelError), /AI node SDK \(@n8n\/ai-node-sdk\)/, text(modelError));
			assert.match(text(modelError), /Update n8n/, text(modelError));
			assert.deepEqual(await ctx.emulator.requests((r) => !r.path.startsWith('/__emulator')), [], 'nothing was sent to Google');
		},
	);

	test(
		'with the AI node SDK, the same workflow answers through the Chat Model',
		{ skip: !host.features.includes('aiNodeSdk') && `n8n ${host.n8n} lacks the AI node SDK` },
		async () => {
			const { run } = await ctx.n8n.execute(CHAIN_WITH_OUR_MODEL.id);
			const error = executionError(run);
			assert.equal(executionStatus(run), 'success', error ? `${error.message} ${error.description ?? ''}` : '');
			const [item] = run.data.resultData.runData[CHAIN][0].data.main[0];
			assert.match(item.json.text, /Name one lighthouse/);
		},
	);
});
