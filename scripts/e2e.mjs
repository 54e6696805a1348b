#!/usr/bin/env node
// The end-to-end suite in a real n8n: ensures the cached runtime and Chromium, builds and packs the
// package once, then runs test/e2e/*.test.mjs with node:test, one file at a time.
//
//   node scripts/e2e.mjs [--skip-build] [test/e2e/<file>.test.mjs …]
//   E2E_SKIP_EDITOR=1   leave out the editor (browser) test
//   E2E_KEEP=1          keep the n8n user folders for inspection
//   E2E_SCREENSHOTS_DIR where the editor test saves its screenshots (default docs/screenshots)
// Leaves the TAP report in test-results/e2e.tap; runE2e() returns its pass/fail counts.
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PROJECT_DIR, aptInstall, ensureRuntime, packPackage, runVisible, seconds } from './n8n-runtime.mjs';

export const E2E_DIR = path.join(PROJECT_DIR, 'test', 'e2e');
export const E2E_TAP = path.join(PROJECT_DIR, 'test-results', 'e2e.tap');
export const CHROMIUM = '/usr/bin/chromium';
const EDITOR_TEST = 'editor.test.mjs';

export async function runE2e({ skipBuild = false, files = [] } = {}) {
	const started = Date.now();
	const skipEditor = !!process.env.E2E_SKIP_EDITOR;
	const testFiles = files.length ? files.map((f) => path.resolve(f)) : await discoverTests(skipEditor);
	await ensureRuntime();
	if (testFiles.some((f) => path.basename(f) === EDITOR_TEST)) await ensureChromium();
	console.log(skipBuild ? '· packing the node package' : '· building and packing the node package');
	const tgz = await packPackage(path.join(PROJECT_DIR, '.tmp', 'e2e-pack'), { build: !skipBuild });

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
	], { env: { E2E_PACKAGE_TGZ: tgz } });
	const counts = await readTapCounts(tap);
	// node:test exits non-zero for what no test reports (e.g. a file that does not load)
	if (code !== 0 && counts.failed === 0) counts.failed = 1;
	await mkdir(path.dirname(E2E_TAP), { recursive: true });
	if (existsSync(tap)) await copyFile(tap, E2E_TAP);
	await rm(tapDir, { recursive: true, force: true });
	console.log(`e2e: ${counts.passed} passed, ${counts.failed} failed in ${seconds(started)} s`);
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
	// no summary at all means the run itself broke: count that as a failure
	return { passed, failed: text.includes('# pass ') ? failed : Math.max(failed, 1) };
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
