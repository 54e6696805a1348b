// What npm users (and n8n's Community Nodes screen) install: the packed tarball holds exactly what
// n8n loads — the compiled nodes and credentials, their JSON codex and icons, README and LICENSE —
// and nothing else (no build info, source maps, type declarations, sources or tests).
import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { PROJECT_DIR } from '../../scripts/n8n-runtime.mjs';
import { disposeUnpacked, unpackedPackage } from './lib.mjs';

const ICON_EXTENSIONS = ['.svg', '.png'];

/** Files under dir (relative to the project), recursively. */
async function sourceFiles(dir) {
	const entries = await readdir(path.join(PROJECT_DIR, dir), { recursive: true, withFileTypes: true });
	return entries
		.filter((e) => e.isFile())
		.map((e) => path.relative(PROJECT_DIR, path.join(e.parentPath ?? e.path, e.name)).split(path.sep).join('/'));
}

/**
 * The list the tarball must have, derived from the source tree (not from the pack configuration):
 * every TypeScript module of nodes/ and credentials/ compiled to .js, the nodes' codex JSON and
 * every icon, plus what npm always adds (package.json, README, LICENSE, the `main` file).
 */
async function expectedEntries(pkg) {
	const expected = ['package.json', 'README.md', 'LICENSE.md', pkg.main];
	for (const root of ['nodes', 'credentials', 'icons']) {
		for (const file of await sourceFiles(root)) {
			if (file.endsWith('.ts') && !file.endsWith('.d.ts')) expected.push(`dist/${file.replace(/\.ts$/, '.js')}`);
			else if (ICON_EXTENSIONS.includes(path.extname(file))) expected.push(`dist/${file}`);
			else if (root === 'nodes' && file.endsWith('.node.json')) expected.push(`dist/${file}`);
		}
	}
	return expected.sort();
}

describe('the package tarball', () => {
	let pkg;
	let unpacked;
	before(async () => {
		pkg = JSON.parse(await readFile(path.join(PROJECT_DIR, 'package.json'), 'utf8'));
		unpacked = await unpackedPackage();
	});
	after(disposeUnpacked);

	test('holds exactly the compiled nodes and credentials, codex JSON, icons, README and LICENSE', async () => {
		assert.deepEqual(unpacked.entries, await expectedEntries(pkg));
	});

	test('ships no build info, source maps, declarations, sources or tests', () => {
		const unwanted = unpacked.entries.filter((f) =>
			/\.tsbuildinfo$|\.map$|\.d\.ts$|\.ts$|(^|\/)test\/|\.test\.|^dist\/package\.json$/.test(f),
		);
		assert.deepEqual(unwanted, []);
	});

	test('every node and credential n8n is told to load is in it, built from the current sources', async () => {
		const listed = [...pkg.n8n.nodes, ...pkg.n8n.credentials];
		assert.ok(pkg.n8n.nodes.length > 0 && pkg.n8n.credentials.length > 0);
		for (const file of listed) {
			assert.ok(unpacked.entries.includes(file), `${file} is in the tarball`);
			const source = file.replace(/^dist\//, '').replace(/\.js$/, '.ts');
			assert.ok((await sourceFiles(path.dirname(source))).includes(source), `${file} has a source ${source}`);
		}
	});

	test('every icon a node or credential names (file:…) resolves inside the tarball', async () => {
		const missing = [];
		let icons = 0;
		for (const file of unpacked.entries.filter((f) => f.endsWith('.js'))) {
			const code = await readFile(path.join(unpacked.dir, file), 'utf8');
			for (const [, icon] of code.matchAll(/['"]file:([^'"]+\.(?:svg|png))['"]/g)) {
				icons++;
				const resolved = path.posix.normalize(path.posix.join(path.posix.dirname(file), icon));
				if (!unpacked.entries.includes(resolved)) missing.push(`${file} → ${icon}`);
			}
		}
		assert.ok(icons > 0, 'the nodes and credentials name icons');
		assert.deepEqual(missing, []);
	});

	test('its package.json declares no runtime dependencies and n8n-workflow only as a peer', async () => {
		const shipped = JSON.parse(await readFile(path.join(unpacked.dir, 'package.json'), 'utf8'));
		assert.equal(shipped.dependencies, undefined);
		assert.ok(shipped.peerDependencies?.['n8n-workflow'], 'n8n-workflow is a peer dependency');
		assert.ok(shipped.keywords.includes('n8n-community-node-package'));
		assert.equal(shipped.version, pkg.version);
	});
});
