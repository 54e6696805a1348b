// .github/workflows/release.yml: valid YAML, valid against the GitHub Actions workflow syntax (the
// subset of keys GitHub documents for workflows, jobs and steps, as a JSON schema), and doing what
// RELEASING in the README promises: on a version tag, the full test suite, then `npm publish
// --provenance` of the tarball the tests built, with the id-token permission provenance needs.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { before, describe, test } from 'node:test';
import Ajv from 'ajv';
import { parseDocument } from 'yaml';
import { PROJECT_DIR } from '../../scripts/n8n-runtime.mjs';
import { PACK_DIR } from '../../scripts/test.mjs';

const WORKFLOW = path.join(PROJECT_DIR, '.github', 'workflows', 'release.yml');

// https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-syntax
const permission = { enum: ['read', 'write', 'none'] };
const stringMap = { type: 'object', additionalProperties: { type: ['string', 'number', 'boolean'] } };
const STEP = {
	type: 'object',
	additionalProperties: false,
	properties: {
		id: { type: 'string' },
		if: { type: ['string', 'boolean'] },
		name: { type: 'string' },
		uses: { type: 'string', pattern: '^[\\w.-]+/[\\w.-]+(/[\\w./-]+)?@[\\w.-]+$' },
		run: { type: 'string' },
		shell: { type: 'string' },
		with: stringMap,
		env: stringMap,
		'continue-on-error': { type: ['boolean', 'string'] },
		'timeout-minutes': { type: 'number' },
		'working-directory': { type: 'string' },
	},
	oneOf: [{ required: ['uses'] }, { required: ['run'] }],
};
const PERMISSIONS = {
	oneOf: [
		{ enum: ['read-all', 'write-all'] },
		{
			type: 'object',
			propertyNames: {
				enum: ['actions', 'attestations', 'checks', 'contents', 'deployments', 'discussions', 'id-token', 'issues', 'models', 'packages', 'pages', 'pull-requests', 'repository-projects', 'security-events', 'statuses'],
			},
			additionalProperties: permission,
		},
	],
};
const JOB = {
	type: 'object',
	additionalProperties: false,
	required: ['runs-on', 'steps'],
	properties: {
		name: { type: 'string' },
		needs: { type: ['string', 'array'] },
		if: { type: ['string', 'boolean'] },
		'runs-on': { type: ['string', 'array', 'object'] },
		container: { oneOf: [{ type: 'string' }, { type: 'object', required: ['image'] }] },
		permissions: PERMISSIONS,
		environment: { type: ['string', 'object'] },
		concurrency: { type: ['string', 'object'] },
		outputs: stringMap,
		env: stringMap,
		defaults: { type: 'object' },
		'timeout-minutes': { type: 'number', maximum: 360 },
		strategy: { type: 'object' },
		'continue-on-error': { type: ['boolean', 'string'] },
		services: { type: 'object' },
		steps: { type: 'array', minItems: 1, items: STEP },
	},
};
const WORKFLOW_SCHEMA = {
	type: 'object',
	additionalProperties: false,
	required: ['on', 'jobs'],
	properties: {
		name: { type: 'string' },
		'run-name': { type: 'string' },
		on: { type: ['string', 'array', 'object'] },
		permissions: PERMISSIONS,
		env: stringMap,
		defaults: { type: 'object' },
		concurrency: { type: ['string', 'object'] },
		jobs: { type: 'object', minProperties: 1, patternProperties: { '^[A-Za-z_][\\w-]*$': JOB }, additionalProperties: false },
	},
};

describe('the release workflow', () => {
	let workflow;
	let steps;
	before(async () => {
		const doc = parseDocument(await readFile(WORKFLOW, 'utf8'), { uniqueKeys: true, strict: true });
		assert.deepEqual(doc.errors.map(String), [], 'YAML parses without errors');
		workflow = doc.toJS();
		steps = Object.values(workflow.jobs).flatMap((job) => job.steps ?? []);
	});

	test('is valid GitHub Actions workflow syntax', () => {
		const validate = new Ajv({ allErrors: true, strict: false }).compile(WORKFLOW_SCHEMA);
		assert.ok(validate(workflow), JSON.stringify(validate.errors, null, 2));
	});

	test('runs on pushed version tags only', () => {
		assert.deepEqual(Object.keys(workflow.on), ['push']);
		assert.equal(workflow.on.push.branches, undefined);
		const tags = workflow.on.push.tags;
		assert.ok(tags.length > 0 && tags.every((t) => t.startsWith('v')), `tag filters: ${tags}`);
	});

	test('publishes with provenance from a job allowed to request an OIDC token', () => {
		const [job] = Object.values(workflow.jobs).filter((j) => j.steps.some((s) => /npm publish/.test(s.run ?? '')));
		assert.ok(job, 'a job publishes');
		assert.equal(job.permissions['id-token'], 'write');
		assert.equal(workflow.permissions.contents, 'read', 'nothing else may write');
		const publish = job.steps.find((s) => /npm publish/.test(s.run ?? ''));
		assert.match(publish.run, /npm publish .*--provenance/);
		assert.match(publish.run, /--access public/);
		assert.match(publish.env.NODE_AUTH_TOKEN, /\$\{\{\s*secrets\.\w+\s*\}\}/, 'the token comes from a secret');
	});

	test('runs the full test suite first, then publishes the tarball the tests packed', () => {
		const runs = steps.map((s) => s.run ?? '');
		const testStep = runs.findIndex((r) => /\.ci\/run|npm test\b/.test(r));
		const publishStep = runs.findIndex((r) => /npm publish/.test(r));
		assert.ok(testStep >= 0 && testStep < publishStep, 'tests run before publishing');
		assert.doesNotMatch(runs[testStep], /SKIP_E2E/, 'the end-to-end suite is not skipped');
		const packDir = path.relative(PROJECT_DIR, PACK_DIR);
		assert.ok(runs[publishStep].includes(`${packDir}/*.tgz`), `publishes the tarball from ${packDir}/`);
		assert.ok(steps.some((s) => /^actions\/checkout@v\d+$/.test(s.uses ?? '')), 'checks out the tagged commit');
	});

	test('publishing needs no lifecycle script: package.json has none that npm would run on publish', async () => {
		const pkg = JSON.parse(await readFile(path.join(PROJECT_DIR, 'package.json'), 'utf8'));
		for (const script of ['prepublish', 'prepublishOnly', 'prepack', 'prepare', 'postpack', 'publish', 'postpublish']) {
			assert.equal(pkg.scripts[script], undefined, `no "${script}" script`);
		}
	});

	test('.ci/run is install + npm test', async () => {
		const ci = await readFile(path.join(PROJECT_DIR, '.ci', 'run'), 'utf8');
		const commands = ci.split('\n').filter((l) => l.trim() && !l.trim().startsWith('#') && !/^(set|cd) /.test(l.trim()));
		assert.deepEqual(commands.slice(-2), ['npm ci', 'npm test']);
	});
});
