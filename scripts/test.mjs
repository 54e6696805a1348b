#!/usr/bin/env node
// npm test: lint, typecheck, build, jest (all projects), then the e2e suite in a real n8n.
// Ends with one line "N passed, N failed" (jest + e2e tests; a failed lint/typecheck/build step counts
// as one failure) and exits non-zero on any failure. SKIP_E2E=1 leaves out the real-n8n part.
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { runE2e } from './e2e.mjs';
import { PROJECT_DIR, runVisible, seconds } from './n8n-runtime.mjs';

const JEST_JSON = path.join(PROJECT_DIR, 'test-results', 'jest.json');

async function main() {
	const pkg = JSON.parse(await readFile(path.join(PROJECT_DIR, 'package.json'), 'utf8'));
	const steps = [];
	let passed = 0;
	let failed = 0;
	const record = (name, ok, started, detail = '') => {
		steps.push(`${ok ? '✔' : '✖'} ${name} (${seconds(started)} s)${detail ? ` — ${detail}` : ''}`);
	};

	for (const script of ['lint', 'typecheck', 'build']) {
		if (!pkg.scripts?.[script]) continue;
		const started = banner(`npm run ${script}`);
		const ok = (await runVisible('npm', ['run', script])) === 0;
		if (!ok) failed++;
		record(script, ok, started);
	}
	const built = !steps.some((s) => s.startsWith('✖ build'));

	let started = banner('jest');
	const jest = await runJest();
	passed += jest.passed;
	failed += jest.failed;
	record('jest', jest.failed === 0, started, `${jest.passed} passed, ${jest.failed} failed`);

	if (process.env.SKIP_E2E) {
		steps.push('- e2e skipped (SKIP_E2E is set)');
	} else if (!built) {
		steps.push('✖ e2e not run: the build failed');
	} else {
		started = banner('e2e (real n8n)');
		const e2e = await runE2e({ skipBuild: true }).catch((error) => {
			console.error(`e2e could not run: ${error.message}`);
			return { passed: 0, failed: 1 };
		});
		passed += e2e.passed;
		failed += e2e.failed;
		record('e2e', e2e.failed === 0, started, `${e2e.passed} passed, ${e2e.failed} failed`);
	}

	console.log(`\n${steps.join('\n')}\n`);
	console.log(`${passed} passed, ${failed} failed`);
	process.exitCode = failed || steps.some((step) => step.startsWith('✖')) ? 1 : 0;
}

async function runJest() {
	await mkdir(path.dirname(JEST_JSON), { recursive: true });
	await rm(JEST_JSON, { force: true });
	await runVisible('npx', ['--no-install', 'jest', '--json', `--outputFile=${JEST_JSON}`]);
	if (!existsSync(JEST_JSON)) return { passed: 0, failed: 1 };
	const report = JSON.parse(await readFile(JEST_JSON, 'utf8'));
	// a suite that fails to load has no failed tests of its own: count it
	return { passed: report.numPassedTests, failed: report.numFailedTests + report.numRuntimeErrorTestSuites };
}

function banner(title) {
	console.log(`\n── ${title} ${'─'.repeat(Math.max(0, 60 - title.length))}`);
	return Date.now();
}

main().catch((error) => {
	console.error(error);
	console.log('0 passed, 1 failed');
	process.exit(1);
});
