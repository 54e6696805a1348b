#!/usr/bin/env node
// npm run demo            → runs every workflow in examples/ in a real n8n against the local emulator
//                           and prints what each node produced.
// npm run demo -- --open  → starts n8n with the examples and credentials imported, prints the editor
//                           URL and login, and runs until Ctrl-C.
// No Google account is involved: both credentials point at the emulator (test/emulator/).
import path from 'node:path';
import { startEmulator } from './emulator-process.mjs';
import { emulatorCredentials, executionError, executionStatus, importExamples, loadExamples, runData, runExample } from './examples.mjs';
import {
	N8nInstance,
	OWNER,
	PROJECT_DIR,
	ensureRuntime,
	findRuntime,
	seconds,
	setupOwner,
} from './n8n-runtime.mjs';
import { packFresh } from './pack.mjs';

const WIDTH = Math.max(80, Math.min(process.stdout.columns || 120, 160));
const MAX_ITEMS = 6;

async function main(args) {
	const open = args.includes('--open');
	const started = Date.now();
	if (!(await findRuntime())) status('first run: installing n8n into the cache (~5 minutes, once)');
	const runtime = await ensureRuntime();
	status('building and packing the node package');
	const tgz = await packFresh(path.join(PROJECT_DIR, '.tmp', 'demo-pack'));
	const emulator = await startEmulator();
	const n8n = await N8nInstance.create({ runtime, packageTgz: tgz, port: open ? 5678 : undefined });
	const cleanup = once(async () => {
		await n8n.dispose();
		await emulator.stop();
	});
	process.once('SIGINT', () => cleanup().then(() => process.exit(130)));
	process.once('SIGTERM', () => cleanup().then(() => process.exit(143)));
	try {
		const examples = await loadExamples();
		status(`importing ${examples.length} example workflows and 2 credentials (pointing at the emulator ${emulator.url})`);
		await n8n.importCredentials(emulatorCredentials(emulator));
		await importExamples(n8n, examples);
		if (open) return await openEditor(n8n, examples);
		const failures = await runAll(n8n, emulator, examples);
		console.log(`\n${examples.length - failures} of ${examples.length} example workflows ran; ${seconds(started)} s`);
		process.exitCode = failures ? 1 : 0;
	} finally {
		if (!open) await cleanup();
	}
}

async function runAll(n8n, emulator, examples) {
	let failures = 0;
	// the server starts for the first webhook example and stays up: run the others before it
	const ordered = [...examples.filter((e) => !e.webhook), ...examples.filter((e) => e.webhook)];
	for (const example of ordered) {
		if (example.webhook && !n8n.server) {
			status('starting the n8n server for the webhook examples');
			await n8n.start();
		}
		try {
			const result = await runExample(n8n, emulator, example);
			printResult(example, result);
			if (executionStatus(result.run) === 'error' && example.expectations.status !== 'error') failures++;
		} catch (error) {
			failures++;
			printHeading(example);
			console.log(`  ✖ could not run: ${error.message}`);
		}
	}
	return failures;
}

async function openEditor(n8n, examples) {
	await n8n.start();
	await setupOwner(n8n.url);
	console.log(`
n8n is running with the Gemini Interactions node, its two credentials (pointing at the emulator)
and ${examples.length} example workflows:

  editor:   ${n8n.url}
  email:    ${OWNER.email}
  password: ${OWNER.password}

Open "Overview" to see the workflows. Press Ctrl-C to stop (the instance is thrown away).`);
	await new Promise(() => {});
}

// ---------------------------------------------------------------------------------------------
// Printing

function printHeading(example) {
	console.log(`\n━━ ${example.workflow.name}  (examples/${example.name}.json)`);
}

function printResult(example, { run, response, requests }) {
	printHeading(example);
	if (response) {
		const { method, path: hookPath } = example.webhook;
		console.log(`  ▸ ${method} /webhook/${hookPath} ${compact(example.expectations.request?.body ?? {})}`);
		const chunks = streamedChunks(response.body);
		if (chunks) {
			const text = chunks.filter((c) => c.type === 'item').map((c) => c.content).join('');
			console.log(`  ◂ HTTP ${response.status}, streamed in ${chunks.length} JSON lines (begin, item…, end):`);
			console.log(`    ${truncate(text, WIDTH - 4)}`);
		} else {
			console.log(`  ◂ HTTP ${response.status}`);
			printItem(response.body, '    ');
		}
	} else {
		for (const [node, tasks] of Object.entries(runData(run))) printNode(node, tasks[0]);
		const error = executionError(run);
		if (error) console.log(`  ✖ workflow failed: ${errorText(error)}`);
	}
	const plural = requests.length === 1 ? '' : 's';
	console.log(`  (${requests.length} API request${plural} to the emulator: ${summarizeRequests(requests)})`);
}

function printNode(node, task) {
	if (task.error) {
		console.log(`  ✖ ${node}: ${errorText(task.error)}`);
		return;
	}
	const items = (task.data?.main?.[0] ?? []).map((i) => i.json);
	console.log(`  ▸ ${node} → ${items.length} item${items.length === 1 ? '' : 's'}`);
	if (items.every((json) => Object.keys(json).length === 0)) return;
	items.slice(0, MAX_ITEMS).forEach((json, i) => printItem(json, `    [${i}] `));
	if (items.length > MAX_ITEMS) console.log(`    … ${items.length - MAX_ITEMS} more`);
}

/** One line when it fits, otherwise one line per field; errors stand out. */
function printItem(json, prefix) {
	const pad = ' '.repeat(prefix.length);
	if (json?.error) {
		console.log(`${prefix}✖ error: ${truncate(compact(json.error), WIDTH - prefix.length - 9)}`);
		return;
	}
	const line = compact(json);
	if (typeof json !== 'object' || json === null || prefix.length + line.length <= WIDTH) {
		console.log(`${prefix}${truncate(line, WIDTH - prefix.length)}`);
		return;
	}
	Object.entries(json).forEach(([key, value], i) => {
		const text = typeof value === 'string' ? value : compact(value);
		console.log(`${i === 0 ? prefix : pad}${key}: ${truncate(text, WIDTH - pad.length - key.length - 2)}`);
	});
}

/** n8n's streaming response (Webhook in streaming mode): JSON lines {type, content}; else null. */
function streamedChunks(body) {
	if (typeof body !== 'string') return null;
	try {
		const chunks = body.split('\n').filter((line) => line.trim()).map((line) => JSON.parse(line));
		return chunks.length && chunks.every((c) => typeof c?.type === 'string') ? chunks : null;
	} catch {
		return null;
	}
}

function errorText(error) {
	return error.description ? `${error.message} — ${error.description}` : error.message;
}

function summarizeRequests(requests) {
	const counts = new Map();
	for (const r of requests) {
		const key = `${r.method} ${r.path} ${r.status}`;
		counts.set(key, (counts.get(key) ?? 0) + 1);
	}
	return [...counts].map(([key, n]) => (n > 1 ? `${n}× ${key}` : key)).join(', ') || 'none';
}

function compact(value) {
	return JSON.stringify(value) ?? String(value);
}

function truncate(text, max) {
	const flat = text.replace(/\s+/g, ' ');
	return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

function status(message) {
	console.log(`· ${message}`);
}

function once(fn) {
	let promise;
	return () => (promise ??= fn());
}

main(process.argv.slice(2)).catch((error) => {
	console.error(`demo failed: ${error.message}`);
	process.exit(1);
});
