#!/usr/bin/env node
// The end-to-end suite in real n8n, on every host of the version matrix (scripts/n8n-runtime.mjs
// RUNTIMES): ensures the cached runtimes and Chromium, builds and packs the package once, then runs
// test/e2e/*.test.mjs with node:test, one file at a time, once per n8n version.
//
//   node scripts/e2e.mjs [--skip-build] [test/e2e/<file>.test.mjs …]
//   E2E_N8N=1.82.3      only this n8n version (comma-separated list allowed; default: all)
//   E2E_PACKAGE_TGZ     test this tarball (no build, no pack)
//   E2E_SKIP_EDITOR=1   leave out the editor (browser) test
//   E2E_KEEP=1          keep the n8n user folders for inspection
//   E2E_SCREENSHOTS_DIR where the editor test saves its screenshots (default test-results/screenshots;
//                       `npm run screenshots` sends them to docs/screenshots for the README)
// Leaves one TAP report per version in test-results/e2e-<n8n version>.tap; runE2e() returns the
// pass/fail counts, in total and per version.
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { NEWEST, PROJECT_DIR, RUNTIMES, aptInstall, ensureRuntime, runVisible, runtimeSpec, seconds } from './n8n-runtime.mjs';
import { packBuilt, packFresh } from './pack.mjs';

export const E2E_DIR = path.join(PROJECT_DIR, 'test', 'e2e');
export const RESULTS_DIR = path.join(PROJECT_DIR, 'test-results');
export const CHROMIUM = '/usr/bin/chromium';
const EDITOR_TEST = 'editor.test.mjs';

/** The matrix entries to run: E2E_N8N's versions, else all. */
export function selectedRuntimes() {
	const wanted = process.env.E2E_N8N?.split(',').map((v) => v.trim()).filter(Boolean);
	return wanted?.length ? wanted.map((v) => runtimeSpec(v)) : [...RUNTIMES];
}

/**
 * Which test files run on a host. The editor test runs on the newest n8n only: it drives the 2.x
 * editor's markup (data-test-id selectors, the canvas), which n8n 1.x renders differently; what
 * the node does on older hosts is covered by the CLI and webhook suites there.
 */
function filesFor(spec, testFiles) {
	return testFiles.filter((f) => spec.n8n === NEWEST.n8n || path.basename(f) !== EDITOR_TEST);
}

export async function runE2e({ skipBuild = false, files = [], tarball = process.env.E2E_PACKAGE_TGZ } = {}) {
	const started = Date.now();
	const skipEditor = !!process.env.E2E_SKIP_EDITOR;
	const testFiles = files.length ? files.map((f) => path.resolve(f)) : await discoverTests(skipEditor);
	const runtimes = selectedRuntimes();
	// one after the other: each install is ~3 GB of npm work on the same cores
	for (const spec of runtimes) await ensureRuntime(spec);
	if (runtimes.some((spec) => filesFor(spec, testFiles).some((f) => path.basename(f) === EDITOR_TEST))) {
		await ensureChromium();
	}
	let tgz = tarball;
	if (!tgz) {
		console.log(skipBuild ? '· packing the node package' : '· building and packing the node package');
		const dest = path.join(PROJECT_DIR, '.tmp', 'e2e-pack');
		await mkdir(dest, { recursive: true });
		tgz = skipBuild ? (await packBuilt(dest)).tarball : await packFresh(dest);
	}

	const total = { passed: 0, failed: 0, versions: [] };
	for (const spec of runtimes) {
		const versionStarted = Date.now();
		console.log(`\n· e2e on n8n ${spec.n8n} (Node ${spec.node})`);
		const counts = await runOnHost(spec, filesFor(spec, testFiles), tgz);
		const secs = seconds(versionStarted);
		console.log(`e2e on n8n ${spec.n8n}: ${counts.passed} passed, ${counts.failed} failed in ${secs} s`);
		total.passed += counts.passed;
		total.failed += counts.failed;
		total.versions.push({ n8n: spec.n8n, node: spec.node, ...counts, seconds: Number(secs) });
	}
	console.log(`e2e: ${total.passed} passed, ${total.failed} failed in ${seconds(started)} s`);
	return total;
}

async function runOnHost(spec, testFiles, tgz) {
	// written privately first: another run in the same checkout must not interleave with this one
	const tapDir = await mkdtemp(path.join(os.tmpdir(), 'e2e-tap-'));
	const tap = path.join(tapDir, 'e2e.tap');
	const code = await runVisible(process.execPath, [
		'--test',
		'--test-concurrency=1',
		'--test-reporter=spec',
		'--test-reporter-destination=stdout',
		'--test-reporter=tap',
		`--test-reporter-destination=${tap}`,
		...testFiles,
	], { env: { E2E_PACKAGE_TGZ: tgz, E2E_N8N: spec.n8n } });
	const counts = await readTapCounts(tap);
	// node:test exits non-zero for what no test reports (e.g. a file that does not load)
	if (code !== 0 && counts.failed === 0) counts.failed = 1;
	await mkdir(RESULTS_DIR, { recursive: true });
	if (existsSync(tap)) await copyFile(tap, path.join(RESULTS_DIR, `e2e-${spec.n8n}.tap`));
	await rm(tapDir, { recursive: true, force: true });
	return counts;
}

async function discoverTests(skipEditor) {
	const names = (await readdir(E2E_DIR)).filter((f) => f.endsWith('.test.mjs')).sort();
	return names.filter((f) => !(skipEditor && f === EDITOR_TEST)).map((f) => path.join(E2E_DIR, f));
}

/** Passed/failed counts from a node:test TAP file (cancelled tests count as failed). */
export async function readTapCounts(file) {
	const text = existsSync(file) ? await readFile(file, 'utf8') : '';
	const count = (name) => Number(text.match(new RegExp(`^# ${name} (\\d+)$`, 'm'))?.[1] ?? 0);
	const passed = count('pass');
	const failed = count('fail') + count('cancelled');
	const skipped = count('skipped');
	// no summary at all means the run itself broke: count that as a failure
	return { passed, failed: text.includes('# pass ') ? failed : Math.max(failed, 1), skipped };
}

/** The editor test drives Debian's Chromium; install it with apt-get when it is missing. */
export async function ensureChromium() {
	if (existsSync(CHROMIUM)) return;
	try {
		await aptInstall(['chromium'], `Chromium (${CHROMIUM} is missing; ~1 minute)`);
	} catch (error) {
		throw new Error(`${error.message}; set E2E_SKIP_EDITOR=1 to leave out the editor test`);
	}
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	const args = process.argv.slice(2);
	runE2e({ skipBuild: args.includes('--skip-build'), files: args.filter((a) => !a.startsWith('--')) })
		.then(({ failed }) => process.exit(failed ? 1 : 0))
		.catch((error) => {
			console.error(`e2e failed to start: ${error.message}`);
			process.exit(1);
		});
}
