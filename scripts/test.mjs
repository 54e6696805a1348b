#!/usr/bin/env node
// npm test: lint (n8n's strict `n8n-node lint` + the dev config), typecheck, a fresh build packed
// into .tmp/pack, jest (all projects), the package checks over that tarball (file list, n8n's
// scanner, the release workflow), then the e2e suite in real n8n on every version of the matrix,
// installing that same tarball.
// Ends with one line "N passed, N failed" (jest + package checks + e2e tests of every n8n version;
// a failed lint/typecheck/pack step counts as one failure) and exits non-zero on any failure.
// SKIP_E2E=1 leaves out the real-n8n part; E2E_N8N=<version> runs it on one version only.
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readTapCounts, runE2e } from './e2e.mjs';
import { PROJECT_DIR, runVisible, seconds } from './n8n-runtime.mjs';
import { packFresh } from './pack.mjs';

const RESULTS_DIR = path.join(PROJECT_DIR, 'test-results');
const JEST_JSON = path.join(RESULTS_DIR, 'jest.json');
const PACKAGE_TESTS_DIR = path.join(PROJECT_DIR, 'test', 'package');
/** Where `npm test` leaves the tarball it checked and ran in n8n (the release workflow publishes it). */
export const PACK_DIR = path.join(PROJECT_DIR, '.tmp', 'pack');

async function main() {
	const steps = [];
	let passed = 0;
	let failed = 0;
	const record = (name, ok, started, detail = '') => {
		steps.push(`${ok ? '✔' : '✖'} ${name} (${seconds(started)} s)${detail ? ` — ${detail}` : ''}`);
	};
	const count = (name, started, counts) => {
		passed += counts.passed;
		failed += counts.failed;
		const skipped = counts.skipped ? `, ${counts.skipped} skipped` : '';
		record(name, counts.failed === 0, started, `${counts.passed} passed, ${counts.failed} failed${skipped}`);
	};

	for (const script of ['lint', 'typecheck']) {
		const started = banner(`npm run ${script}`);
		const ok = (await runVisible('npm', ['run', script])) === 0;
		if (!ok) failed++;
		record(script, ok, started);
	}

	let started = banner('fresh build, packed');
	const tarball = await packInto(PACK_DIR).catch((error) => {
		console.error(error.message);
		return null;
	});
	if (!tarball) failed++;
	record('build + pack', !!tarball, started, tarball ? path.relative(PROJECT_DIR, tarball) : 'failed');

	started = banner('jest');
	count('jest', started, await runJest());

	if (tarball) {
		started = banner('package checks (tarball, scanner, release workflow)');
		count('package checks', started, await runPackageChecks(tarball));
	} else {
		steps.push('✖ package checks not run: the build failed');
	}

	if (process.env.SKIP_E2E) {
		steps.push('- e2e skipped (SKIP_E2E is set)');
	} else if (!tarball) {
		steps.push('✖ e2e not run: the build failed');
	} else {
		started = banner('e2e (real n8n, every supported version)');
		const e2e = await runE2e({ tarball }).catch((error) => {
			console.error(`e2e could not run: ${error.message}`);
			return { passed: 0, failed: 1, versions: [] };
		});
		passed += e2e.passed;
		failed += e2e.failed;
		for (const v of e2e.versions) {
			const skipped = v.skipped ? `, ${v.skipped} skipped` : '';
			steps.push(`${v.failed ? '✖' : '✔'} e2e on n8n ${v.n8n} / Node ${v.node} (${v.seconds} s) — ${v.passed} passed, ${v.failed} failed${skipped}`);
		}
		if (e2e.versions.length === 0) record('e2e', false, started, 'did not run');
	}

	console.log(`\n${steps.join('\n')}\n`);
	console.log(`${passed} passed, ${failed} failed`);
	process.exitCode = failed || steps.some((step) => step.startsWith('✖')) ? 1 : 0;
}

async function packInto(dir) {
	await rm(dir, { recursive: true, force: true });
	await mkdir(dir, { recursive: true });
	return packFresh(dir);
}

async function runJest() {
	await mkdir(RESULTS_DIR, { recursive: true });
	await rm(JEST_JSON, { force: true });
	await runVisible('npx', ['--no-install', 'jest', '--json', `--outputFile=${JEST_JSON}`]);
	if (!existsSync(JEST_JSON)) return { passed: 0, failed: 1 };
	const report = JSON.parse(await readFile(JEST_JSON, 'utf8'));
	// a suite that fails to load has no failed tests of its own: count it
	return { passed: report.numPassedTests, failed: report.numFailedTests + report.numRuntimeErrorTestSuites };
}

async function runPackageChecks(tarball) {
	const files = (await readdir(PACKAGE_TESTS_DIR)).filter((f) => f.endsWith('.test.mjs')).sort();
	const tap = path.join(RESULTS_DIR, 'package.tap');
	await rm(tap, { force: true });
	const code = await runVisible(process.execPath, [
		'--test',
		'--test-reporter=spec',
		'--test-reporter-destination=stdout',
		'--test-reporter=tap',
		`--test-reporter-destination=${tap}`,
		...files.map((f) => path.join(PACKAGE_TESTS_DIR, f)),
	], { env: { PACKAGE_TGZ: tarball } });
	const counts = await readTapCounts(tap);
	if (code !== 0 && counts.failed === 0) counts.failed = 1;
	return counts;
}

function banner(title) {
	console.log(`\n── ${title} ${'─'.repeat(Math.max(0, 60 - title.length))}`);
	return Date.now();
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	main().catch((error) => {
		console.error(error);
		console.log('0 passed, 1 failed');
		process.exit(1);
	});
}
