// Upgrade safety: workflows saved with an earlier release of the package must keep loading and
// running unchanged. The saved workflows in test/e2e/saved-workflows/ are kept exactly as the editor
// saved them (non-default parameters only, package-prefixed node types) and are never rewritten.
// For them and every example:
//  - the host's own n8n-workflow reads each of our nodes' parameters against the node's current
//    description, as it does before running the node, and must give back every saved value unchanged
//    (a renamed or removed parameter or a moved displayOptions condition drops it); every saved
//    option value must still be offered;
//  - the saved workflows run in real n8n and are checked by their sidecar expectations (the examples
//    run in examples.test.mjs).
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { importExamples, loadExamples } from '../../scripts/examples.mjs';
import { PACKAGE_NAME, PROJECT_DIR, ensureRuntime, majorOf, runtimeSpec } from '../../scripts/n8n-runtime.mjs';
import { runAndCheckManual } from './lib/checks.mjs';
import { setupE2e } from './lib/context.mjs';
import { packageTypes } from './lib/nodeDescription.mjs';

const SAVED_DIR = path.join(PROJECT_DIR, 'test', 'e2e', 'saved-workflows');
const host = runtimeSpec();
const saved = await loadExamples(SAVED_DIR);
const examples = await loadExamples();

/**
 * Option values saved for `options` parameters that no parameter of that name offers any more
 * (several parameters share a name, e.g. one `operation` per resource).
 */
function unofferedOptions(properties, values, where) {
	const problems = [];
	for (const [name, value] of Object.entries(values)) {
		const sameName = properties.filter((p) => p.name === name);
		const choices = sameName.filter((p) => p.type === 'options' && !p.typeOptions?.loadOptionsMethod);
		if (choices.length && typeof value === 'string' && !value.startsWith('=')) {
			const offered = choices.flatMap((p) => p.options.map((o) => o.value));
			if (!offered.includes(value)) problems.push(`${where}.${name} = ${JSON.stringify(value)} (offered: ${offered.join(', ')})`);
		}
		const collection = sameName.find((p) => p.type === 'collection');
		if (collection && value && typeof value === 'object') {
			problems.push(...unofferedOptions(collection.options, value, `${where}.${name}`));
		}
	}
	return problems;
}

/** Saved values that are missing from, or different in, what n8n read (paths like options.temperature). */
function notReadBack(saved, read, where = '') {
	const problems = [];
	for (const [key, value] of Object.entries(saved)) {
		const at = where ? `${where}.${key}` : key;
		if (!(key in (read ?? {}))) problems.push(`${at} is dropped`);
		else if (isPlainObject(value) && isPlainObject(read[key]) && !value.__rl) problems.push(...notReadBack(value, read[key], at));
		else if (Array.isArray(value) && Array.isArray(read[key]) && value.length === read[key].length && value.some(isPlainObject)) {
			// fixedCollection entries: n8n adds each entry's defaults beside the saved values
			value.forEach((entry, i) => problems.push(...notReadBack({ [i]: entry }, { [i]: read[key][i] }, at)));
		}
		else if (JSON.stringify(value) !== JSON.stringify(read[key])) problems.push(`${at}: saved ${JSON.stringify(value)}, read ${JSON.stringify(read[key])}`);
	}
	return problems;
}

function isPlainObject(value) {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}

describe(`workflows saved with earlier releases, on n8n ${host.n8n}`, () => {
	let types;
	let getNodeParameters;
	before(async () => {
		types = packageTypes().nodes;
		const runtime = await ensureRuntime(host);
		({ NodeHelpers: { getNodeParameters } } = createRequire(path.join(runtime.n8nDir, 'package.json'))('n8n-workflow'));
	});

	for (const workflow of [...saved, ...examples]) {
		const ours = workflow.workflow.nodes.filter((n) => n.type.startsWith(`${PACKAGE_NAME}.`));
		test(`${path.relative(PROJECT_DIR, workflow.file)}: n8n reads every saved parameter back unchanged`, () => {
			assert.ok(ours.length > 0, 'the workflow uses the package');
			for (const node of ours) {
				const description = types.get(node.type);
				assert.ok(description, `${node.name}: node type ${node.type} still exists`);
				const versions = [description.version].flat();
				assert.ok(versions.includes(node.typeVersion), `${node.name}: typeVersion ${node.typeVersion} is offered (${versions})`);
				// as n8n does before it runs a node: the parameters the description knows, with defaults
				const read =
					majorOf(host.n8n) >= 2
						? getNodeParameters(description.properties, node.parameters, true, false, node, description)
						: getNodeParameters(description.properties, node.parameters, true, false, node);
				assert.deepEqual(notReadBack(node.parameters, read), [], `${node.name}: parameters as saved`);
				assert.deepEqual(unofferedOptions(description.properties, node.parameters, node.name), []);
			}
		});
	}

	describe('saved workflows run in real n8n', () => {
		let ctx;
		before(async () => {
			ctx = await setupE2e();
			await importExamples(ctx.n8n, saved);
		});
		after(() => ctx?.dispose());

		for (const workflow of saved) test(`${workflow.name} (n8n execute)`, () => runAndCheckManual(ctx, workflow));
	});
});
