// n8n's package scanner (@n8n/scan-community-package, the gate of n8n's verification) over this
// package. The scanner's CLI only scans packages published on npm; its module exposes the analysis
// it runs, which is used here exactly as the CLI uses it: on the attested source (package.json and
// nodes/, credentials/ sources) and on the packed tarball (its .js and package.json), with inline
// eslint comments ignored. Errors fail the gate; every warning must be one explained below.
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ESLint } from 'eslint';
import glob from 'fast-glob';
import { PROJECT_DIR } from '../../scripts/n8n-runtime.mjs';
import { disposeUnpacked, unpackedPackage } from './lib.mjs';

const TARBALL_PATTERNS = ['**/*.js', 'package.json'];

/** Warnings n8n's rules raise that are accepted, each with why (rule, file, what it flags). */
const EXPLAINED_WARNINGS = [
	{
		rule: '@n8n/community-nodes/credential-unnecessary-password',
		file: 'credentials/GeminiInteractionsEnterpriseApi.credentials.ts',
		message: /'serviceAccountKey'/,
		why: 'the service-account key JSON holds a private key: it is a secret and must stay masked',
	},
	{
		rule: '@n8n/community-nodes/credential-unnecessary-password',
		file: 'credentials/GeminiInteractionsEnterpriseApi.credentials.ts',
		message: /'authorizedUserJson'/,
		why: 'the Application Default Credentials JSON holds a refresh token and client secret',
	},
	{
		rule: '@n8n/community-nodes/credential-unnecessary-password',
		file: 'credentials/GeminiInteractionsEnterpriseApi.credentials.ts',
		message: /'externalAccountJson'/,
		why: 'a Workload Identity Federation config may carry a client secret and the subject-token source headers',
	},
];

describe("n8n's package scanner", () => {
	let scanner;
	let tmpDir;
	let tarballDir;
	before(async () => {
		// the scanner makes a temporary folder when it loads: keep it in an ignored folder of ours
		await mkdir(path.join(PROJECT_DIR, '.tmp'), { recursive: true });
		tmpDir = await mkdtemp(path.join(PROJECT_DIR, '.tmp', 'scanner-'));
		process.env.TMPDIR = tmpDir;
		scanner = await import('@n8n/scan-community-package/scanner/scanner.mjs');
		tarballDir = (await unpackedPackage()).dir;
	});
	after(async () => {
		await disposeUnpacked();
		if (tmpDir) await rm(tmpDir, { recursive: true, force: true });
	});

	test('passes on the source, as n8n scans the provenance-attested commit', async () => {
		const result = await scanner.analyzePackage(PROJECT_DIR, scanner.SOURCE_FILE_PATTERNS);
		assert.equal(result.passed, true, `${result.message}\n${result.details ?? ''}`);
	});

	test('passes on the packed tarball, as n8n scans the published package', async () => {
		const result = await scanner.analyzePackage(tarballDir, TARBALL_PATTERNS);
		assert.equal(result.passed, true, `${result.message}\n${result.details ?? ''}`);
	});

	test('raises no warning beyond the explained ones, and each explained one still applies', async () => {
		const warnings = [
			...(await scanWarnings(scanner, PROJECT_DIR, scanner.SOURCE_FILE_PATTERNS)),
			...(await scanWarnings(scanner, tarballDir, TARBALL_PATTERNS)),
		];
		const unexplained = warnings.filter((w) => !EXPLAINED_WARNINGS.some((e) => explains(e, w)));
		assert.deepEqual(unexplained, [], 'every scanner warning is explained in EXPLAINED_WARNINGS');
		for (const explained of EXPLAINED_WARNINGS) {
			assert.ok(warnings.some((w) => explains(explained, w)), `still raised: ${explained.rule} in ${explained.file}`);
		}
	});
});

function explains(explained, warning) {
	return explained.rule === warning.rule && explained.file === warning.file && explained.message.test(warning.message);
}

/** The scanner's lint run (its config and options) reporting warnings, which its result leaves out. */
async function scanWarnings(scanner, dir, patterns) {
	const eslint = new ESLint({
		cwd: dir,
		allowInlineConfig: false,
		overrideConfigFile: true,
		overrideConfig: await scanner.buildScanConfig(),
	});
	const files = glob.sync(patterns, { cwd: dir, absolute: true, ignore: ['node_modules/**', '**/package-lock.json'] });
	const results = await eslint.lintFiles(files);
	return results.flatMap((result) =>
		result.messages
			.filter((m) => m.severity === 1)
			.map((m) => ({ rule: m.ruleId, file: path.relative(dir, result.filePath).split(path.sep).join('/'), message: m.message })),
	);
}
