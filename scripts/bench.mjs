// Benchmarks of the node, run through the test harness (a faithful n8n 2.41 execution context doing real
// HTTP) against the emulator in its own process. Results go to docs/benchmarks.md, each benchmark in its
// own marked section.
//
//   npm run bench                    all benchmarks
//   npm run bench -- --sizes 10,100  binary input sizes in MB (default 10,100)
//   npm run bench -- --only speed    only the speed benchmarks (or: --only memory, --only files, --only quota)
//   npm run bench -- --file-sizes 100,1024   Files API input sizes in MB (default 100,1024)
//
// Speed (scripts/bench-speed.mjs): stream parsing throughput and items per second at several
// Concurrency settings.
//
// Quota (scripts/bench-quota.mjs): 100 items against the emulator's capacity mode (10 at a time) and
// quota mode (10 requests per 2 s window), as ratios to what each limit allows.
//
// Binary input memory: one file of the given size is attached to a Create request (n8n's filesystem
// binary mode, its default in regular mode, and the in-memory mode). Each size runs in a fresh Node
// process; a worker thread samples the process RSS every millisecond, so the peaks inside the long
// synchronous steps (base64 encoding, JSON serialisation) are seen. The reported number is the peak
// RSS during the run minus the RSS right before it (after a GC), i.e. what sending the file costs.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

const PROJECT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BUILD_DIR = path.join(PROJECT_DIR, '.tmp', 'bench-build');
const RESULTS_FILE = path.join(PROJECT_DIR, 'docs', 'benchmarks.md');
const MB = 1024 * 1024;

function run(cmd, args, options = {}) {
	return new Promise((resolve, reject) => {
		const child = spawn(cmd, args, { cwd: PROJECT_DIR, stdio: ['ignore', 'pipe', 'inherit'], ...options });
		let stdout = '';
		child.stdout.on('data', (chunk) => (stdout += chunk));
		child.on('error', reject);
		child.on('exit', (code) => (code === 0 ? resolve(stdout) : reject(new Error(`${cmd} ${args.join(' ')} exited ${code}\n${stdout}`))));
	});
}

/** The node and the harness, compiled once from TypeScript into .tmp/bench-build. */
async function compile() {
	const tsc = path.join(PROJECT_DIR, 'node_modules', 'typescript', 'bin', 'tsc');
	await run(process.execPath, [
		tsc,
		'-p', 'tsconfig.test.json',
		'--noEmit', 'false',
		'--outDir', BUILD_DIR,
		'--incremental', 'false',
		'--sourceMap', 'false',
		'--declaration', 'false',
	]);
}

// ---------------------------------------------------------------------------------------------
// Child: one measured run

/** Runs the node once (after a GC) and measures it: RSS before, peak RSS during, time. Throws the node's error. */
async function measuredRun(runNode, options) {
	global.gc();
	const before = process.memoryUsage.rss();
	const sampler = startSampler();
	const started = Date.now();
	const result = await runNode(options);
	const ms = Date.now() - started;
	const peak = await sampler.stop();
	if (result.error) throw result.error;
	return { result, ms, before, peak };
}

function startSampler() {
	const source = `
		const { parentPort } = require('node:worker_threads');
		let peak = 0, stop = false;
		parentPort.on('message', () => { stop = true; });
		(function tick() {
			const rss = process.memoryUsage.rss();
			if (rss > peak) peak = rss;
			if (stop) return parentPort.postMessage(peak);
			setTimeout(tick, 1);
		})();`;
	const worker = new Worker(source, { eval: true });
	return {
		stop: () =>
			new Promise((resolve) => {
				worker.once('message', (peak) => worker.terminate().then(() => resolve(peak)));
				worker.postMessage('stop');
			}),
	};
}

async function measureBinaryInput({ sizeMb, binaryMode, url }) {
	const require = createRequire(import.meta.url);
	const { runNode, createCredentialStore } = require(path.join(BUILD_DIR, 'test', 'harness', 'index.js'));
	const { GeminiInteractions } = require(path.join(BUILD_DIR, 'nodes', 'GeminiInteractions', 'GeminiInteractions.node.js'));
	const { GeminiInteractionsApi } = require(path.join(BUILD_DIR, 'credentials', 'GeminiInteractionsApi.credentials.js'));

	// A PDF header followed by random bytes: the type check passes, nothing compresses.
	const file = randomBytes(sizeMb * MB);
	file.write('%PDF-1.7\n', 0, 'latin1');
	const inputItems = [{ json: {}, binary: { data: { data: file.toString('base64'), mimeType: 'application/pdf', fileName: 'big.pdf' } } }];
	const options = {
		node: new GeminiInteractions(),
		credentialTypes: [new GeminiInteractionsApi()],
		credentials: createCredentialStore({ geminiInteractionsApi: { apiKey: 'test-api-key', baseUrl: url, apiVersion: 'v1' } }),
		parameters: {
			authentication: 'apiKey',
			resource: 'interaction',
			operation: 'create',
			model: { __rl: true, mode: 'id', value: 'gemini-3.5-flash' },
			input: 'Summarize the attached file',
			// the inline (base64) path this benchmark measures; larger files would go through the Files API
			options: { binaryPropertyNames: 'data', timeout: 600, filesApiThresholdMb: 1024 },
		},
		inputItems,
		binaryMode,
	};

	const { result, ms, before, peak } = await measuredRun(runNode, options);
	const text = result.output[0][0].json.text;
	if (!text.includes(`(${sizeMb * MB} bytes)`)) throw new Error(`the emulator did not receive the whole file: ${text}`);
	return { sizeMb, binaryMode, ms, baselineMb: before / MB, peakMb: peak / MB, extraMb: (peak - before) / MB };
}

// ---------------------------------------------------------------------------------------------
// Parent: emulator, one child per measurement, results file

async function replaceSection(name, body) {
	let text = '';
	try {
		text = await readFile(RESULTS_FILE, 'utf8');
	} catch {
		text = '# Benchmarks\n\nProduced by `npm run bench` (scripts/bench.mjs); each section is rewritten by its benchmark.\n';
	}
	const start = `<!-- bench:${name} -->`;
	const end = `<!-- /bench:${name} -->`;
	const section = `${start}\n${body.trim()}\n${end}`;
	const pattern = new RegExp(`${start}[\\s\\S]*?${end}`);
	text = pattern.test(text) ? text.replace(pattern, section) : `${text.trimEnd()}\n\n${section}\n`;
	await writeFile(RESULTS_FILE, text);
}

function binaryInputReport(results) {
	const rows = results.map(
		(r) =>
			`| ${r.sizeMb} MB | ${r.binaryMode} | ${r.baselineMb.toFixed(0)} MB | ${r.peakMb.toFixed(0)} MB | **${r.extraMb.toFixed(0)} MB** (${(r.extraMb / r.sizeMb).toFixed(2)}× the file) | ${(r.ms / 1000).toFixed(1)} s |`,
	);
	return `## Binary input memory

One file attached to Interaction → Create ("Input Binary Fields"), sent inline as base64 to the emulator.
"Extra" is the peak RSS during the run minus the RSS right before it: what reading, encoding and sending
the file costs. n8n keeps the input file itself in the "RSS before" (in memory in the in-memory mode, on
disk in filesystem mode).

What the extra is made of: the file's bytes as n8n's \`getBinaryDataBuffer\` returns them (1×), the request
body with the base64 written straight into it (1.33×), and a fixed ~30 MB (HTTP, response, code paths).
The node encodes the body itself for this reason: handing n8n's HTTP layer the request as a JSON object
with the base64 in a string measured **+665 MB** for the 100 MB file (base64 string, JSON string, and the
UTF-8 Buffer of it).

| file | binary mode | RSS before | peak RSS | extra | time |
|---|---|---|---|---|---|
${rows.join('\n')}

Measured ${new Date().toISOString().slice(0, 10)} on ${os.cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}, ${os.platform()}.`;
}

async function main() {
	const args = process.argv.slice(2);
	if (args[0] === '--child') {
		const params = JSON.parse(args[1]);
		if (params.kind) {
			const { measureFiles } = await import('./bench-files.mjs');
			process.stdout.write(`${JSON.stringify(await measureFiles({ ...params, buildDir: BUILD_DIR, measuredRun }))}\n`);
			return;
		}
		const result = await measureBinaryInput(params);
		process.stdout.write(`${JSON.stringify(result)}\n`);
		return;
	}
	const sizesArg = args.indexOf('--sizes');
	const sizes = sizesArg >= 0 ? args[sizesArg + 1].split(',').map(Number) : [10, 100];

	const onlyArg = args.indexOf('--only');
	const only = onlyArg >= 0 ? args[onlyArg + 1] : undefined;

	console.log('compiling the node and the harness…');
	await compile();
	const { startEmulator } = await import('./emulator-process.mjs');
	const emulator = await startEmulator();
	const results = [];
	const fileResults = [];
	const fileSizesArg = args.indexOf('--file-sizes');
	const fileSizes = fileSizesArg >= 0 ? args[fileSizesArg + 1].split(',').map(Number) : [100, 1024];
	const child = async (params) => {
		const out = await run(process.execPath, [
			'--expose-gc',
			'--max-old-space-size=4096',
			fileURLToPath(import.meta.url),
			'--child',
			JSON.stringify({ ...params, url: emulator.url }),
		]);
		return JSON.parse(out.trim().split('\n').pop());
	};
	try {
		if (!only || only === 'quota') {
			const { measureCap, measureWindow, quotaReport } = await import('./bench-quota.mjs');
			const cap = await measureCap(BUILD_DIR, emulator);
			console.log(`capacity 10: ${cap.answered}/${cap.items} in ${cap.ms} ms (${(cap.ms / cap.limitMs).toFixed(2)}× the limit), ${cap.refused} refused`);
			const window = await measureWindow(BUILD_DIR, emulator);
			console.log(`10 per 2 s: ${window.answered}/${window.items} in ${window.ms} ms (${(window.ms / window.limitMs).toFixed(2)}× the floor), ${window.refused}/${window.requests} refused`);
			await replaceSection('quota', quotaReport(cap, window));
		}
		if (!only || only === 'files') {
			const measurements = [...fileSizes.map((sizeMb) => ({ kind: 'filesApi', sizeMb })), { kind: 'download', sizeMb: 100 }];
			for (const params of measurements) {
				const result = await child(params);
				console.log(`${params.kind} ${params.sizeMb} MB: +${result.extraMb.toFixed(0)} MB peak RSS (limit ${result.limitMb.toFixed(0)} MB), ${result.ms} ms`);
				fileResults.push(result);
				await emulator.clearRequests();
			}
		}
		if (!only || only === 'speed') {
			const { measureSse, measureThroughput, speedReport } = await import('./bench-speed.mjs');
			const sse = await measureSse(BUILD_DIR);
			console.log(`stream parsing: ${sse.events} events in ${sse.ms.toFixed(0)} ms`);
			const throughput = await measureThroughput(BUILD_DIR, emulator);
			for (const r of throughput) console.log(`concurrency ${r.concurrency}: ${r.items} items in ${r.ms} ms`);
			await replaceSection('speed', speedReport(sse, throughput));
		}
		for (const sizeMb of !only || only === 'memory' ? sizes : []) {
			for (const binaryMode of ['filesystem', 'default']) {
				const out = await run(process.execPath, [
					'--expose-gc',
					'--max-old-space-size=4096',
					fileURLToPath(import.meta.url),
					'--child',
					JSON.stringify({ sizeMb, binaryMode, url: emulator.url }),
				]);
				const result = JSON.parse(out.trim().split('\n').pop());
				console.log(`${sizeMb} MB, ${binaryMode}: +${result.extraMb.toFixed(0)} MB peak RSS, ${result.ms} ms`);
				results.push(result);
				await emulator.clearRequests();
			}
		}
	} finally {
		await emulator.stop();
	}
	if (results.length > 0) await replaceSection('binary-input', binaryInputReport(results));
	if (fileResults.length > 0) {
		const { filesReport } = await import('./bench-files.mjs');
		const machine = `${os.cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}, ${os.platform()}`;
		await replaceSection('large-files', filesReport(fileResults, machine));
	}
	console.log(`wrote ${path.relative(PROJECT_DIR, RESULTS_FILE)}`);
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
