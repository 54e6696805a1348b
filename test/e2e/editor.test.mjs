// The node in n8n's editor (headless Chromium): canvas, the parameter panel of every resource and
// operation (checked against the node's own description), the model picker, the options collection,
// the credential picker, and a run from the editor. Saves the screenshots the README shows.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { isApiRequest } from '../../scripts/emulator-process.mjs';
import { importExamples, loadExamples } from '../../scripts/examples.mjs';
import { setupOwner } from '../../scripts/n8n-runtime.mjs';
import { createCalls, setupE2e } from './lib/context.mjs';
import {
	canvasNode,
	closeNode,
	openBrowser,
	openDropdownItems,
	openNode,
	openWorkflow,
	pickDropdownItem,
	screenshot,
	selectOption,
	signIn,
	waitForParameterLines,
} from './lib/editor.mjs';
import { expectedLabels, loadNodeDescription, parameterValues, shownProperty } from './lib/nodeDescription.mjs';
import { GEMINI_NODE, geminiWorkflow } from './lib/workflows.mjs';

const RUN_EXAMPLE = { id: 'geminiExample0002', geminiNode: 'Extract person', lastNode: 'Use the fields' };
const PLAYGROUND = geminiWorkflow('e2eEditorPlayground', 'E2E editor playground', {});
const CUSTOM_API_CALL = 'Custom API Call'; // n8n adds this to every resource/operation list

describe('the node in the n8n editor', () => {
	const description = loadNodeDescription();
	let ctx;
	let browser;
	let page;

	before(async () => {
		ctx = await setupE2e();
		await importExamples(ctx.n8n, await loadExamples(), [PLAYGROUND]);
		await ctx.n8n.start();
		await setupOwner(ctx.n8n.url);
		({ browser, page } = await openBrowser());
		await signIn(page, ctx.n8n.url);
	});
	after(async () => {
		await browser?.close();
		await ctx?.dispose();
	});

	test('an example workflow shows the node, with its icon, on the canvas', async () => {
		await openWorkflow(page, ctx.n8n.url, RUN_EXAMPLE.id);
		const node = canvasNode(page, RUN_EXAMPLE.geminiNode);
		await node.waitFor();
		assert.equal(await node.getAttribute('data-node-type'), 'n8n-nodes-gemini-interactions.geminiInteractions');
		assert.ok((await node.locator('img, svg').count()) > 0, 'node icon rendered');
		assert.match(await node.innerText(), /Generate structured output/, 'the subtitle names the action');
		await screenshot(page, 'editor-canvas.png');
		await screenshot(await openNode(page, RUN_EXAMPLE.geminiNode), 'node-panel.png');
		await closeNode(page);
	});

	test('running the workflow from the editor shows the structured output', async () => {
		await ctx.emulator.clearRequests();
		await page.locator('[data-test-id="execute-workflow-button"]').click();
		await canvasNode(page, RUN_EXAMPLE.lastNode).locator('[data-test-id="canvas-node-status-success"]').waitFor();
		const ndv = await openNode(page, RUN_EXAMPLE.lastNode);
		const output = ndv.locator('[data-test-id="output-panel"]');
		await output.getByText('summary').first().waitFor();
		const text = await output.innerText();
		for (const column of ['name', 'age', 'summary']) assert.match(text, new RegExp(`\\b${column}\\b`));
		assert.match(text, /\(\d+\)/, 'summary "<name> (<age>)" from the Set node');
		await screenshot(page, 'editor-run-output.png');
		await closeNode(page);
		assert.equal(createCalls(await ctx.emulator.requests(isApiRequest)).length, 1);
	});

	test('the parameter panel shows the right parameters for every resource and operation', async () => {
		await openWorkflow(page, ctx.n8n.url, PLAYGROUND.id);
		const ndv = await openNode(page, GEMINI_NODE);
		const resources = shownProperty(description, parameterValues(description, {}), 'resource');
		const resourceNames = await selectOption(page, ndv, 'resource', resources.options[0].name);
		assert.deepEqual(without(resourceNames, CUSTOM_API_CALL).sort(), resources.options.map((o) => o.name).sort());

		for (const resource of resources.options) {
			await selectOption(page, ndv, 'resource', resource.name);
			const operations = shownProperty(description, parameterValues(description, { resource: resource.value }), 'operation');
			for (const operation of operations.options) {
				const offered = await selectOption(page, ndv, 'operation', operation.name);
				assert.deepEqual(without(offered, CUSTOM_API_CALL).sort(), operations.options.map((o) => o.name).sort());
				const values = parameterValues(description, { resource: resource.value, operation: operation.value });
				const { shown, hidden } = expectedLabels(description, values);
				const lines = await waitForParameterLines(
					ndv,
					(l) => shown.every((label) => l.includes(label)) && !hidden.some((label) => l.includes(label)),
				);
				const where = `${resource.name} → ${operation.name}`;
				for (const label of shown) assert.ok(lines.includes(label), `${where}: "${label}" is shown`);
				for (const label of hidden) assert.ok(!lines.includes(label), `${where}: "${label}" is not shown`);
			}
		}
		// The tests below start from Interaction (the loop ends on the alphabetically last resource).
		await selectOption(page, ndv, 'resource', 'Interaction');
	});

	test('the model picker lists the models the API offers', async () => {
		const ndv = page.locator('[data-test-id="ndv"]');
		await selectOption(page, ndv, 'operation', 'Create');
		await ndv.locator('[data-test-id="rlc-mode-selector"]').click();
		assert.deepEqual((await openDropdownItems(page)).sort(), ['By ID', 'From list']);
		await pickDropdownItem(page, 'From list');
		await ndv.locator('[data-test-id="rlc-input"]').click();
		const items = page.locator('[data-test-id="rlc-item"]');
		await items.first().waitFor();
		const models = await items.allInnerTexts();
		assert.ok(models.some((m) => m.includes('Gemini 3.5 Flash')), `models listed: ${models.join(', ')}`);
		await screenshot(ndv, 'model-list.png');
		await page.keyboard.press('Escape');
	});

	test('the options collection offers every option for the operation', async () => {
		const ndv = page.locator('[data-test-id="ndv"]');
		const values = parameterValues(description, { resource: 'interaction', operation: 'create' });
		const collection = shownProperty(description, values, 'options');
		await ndv
			.locator('[data-test-id="parameter-item"]')
			.filter({ has: page.getByText(collection.displayName, { exact: true }) })
			.locator('[data-test-id="collection-parameter-add"]')
			.click();
		const offered = await openDropdownItems(page);
		assert.deepEqual(offered.sort(), collection.options.map((o) => o.displayName).sort());
		await screenshot(page, 'options.png');
		const temperature = collection.options.find((o) => o.name === 'temperature');
		await pickDropdownItem(page, temperature.displayName);
		const lines = await waitForParameterLines(ndv, (l) => l.includes(temperature.displayName));
		assert.ok(lines.includes(temperature.displayName), 'the added option is shown');
	});

	test('the credential picker offers the API key and the enterprise credential', async () => {
		const ndv = page.locator('[data-test-id="ndv"]');
		await ndv.locator('[data-test-id="node-credentials-select"]').click();
		const items = page.locator('[data-test-id^="node-credentials-select-item"]:visible');
		await items.first().waitFor();
		const texts = (await items.allInnerTexts()).join('\n');
		assert.match(texts, /Gemini Interactions account/);
		assert.match(texts, /Gemini Enterprise account/);
		await page.keyboard.press('Escape');
	});
});

function without(list, value) {
	return list.filter((item) => item !== value);
}
