// The tarball under test: the one scripts/test.mjs packed (PACKAGE_TGZ / E2E_PACKAGE_TGZ), or a fresh
// build packed here when a file runs on its own. Unpacked once per process into .tmp/.
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import { PROJECT_DIR } from '../../scripts/n8n-runtime.mjs';
import { packFresh } from '../../scripts/pack.mjs';

let unpacked;

export async function packageTarball() {
	const given = process.env.PACKAGE_TGZ || process.env.E2E_PACKAGE_TGZ;
	if (given) return given;
	const dest = path.join(PROJECT_DIR, '.tmp', 'package-pack');
	await mkdir(dest, { recursive: true });
	return packFresh(dest);
}

/** { tarball, dir, entries }: entries are the tarball's paths relative to its package/ folder. */
export function unpackedPackage() {
	unpacked ??= (async () => {
		const tarball = await packageTarball();
		await mkdir(path.join(PROJECT_DIR, '.tmp'), { recursive: true });
		const dir = await mkdtemp(path.join(PROJECT_DIR, '.tmp', 'unpacked-'));
		const list = tar(['-tzf', tarball]);
		tar(['-xzf', tarball, '-C', dir, '--strip-components=1']);
		const entries = list.split('\n').filter((line) => line && !line.endsWith('/')).map((line) => line.replace(/^package\//, ''));
		return { tarball, dir, entries: entries.sort() };
	})();
	return unpacked;
}

function tar(args) {
	const result = spawnSync('tar', args, { encoding: 'utf8' });
	if (result.status !== 0) throw new Error(`tar ${args.join(' ')} failed: ${result.stderr}`);
	return result.stdout;
}

/** Removes this process's unpacked copy (tests write only into ignored folders, and clean up). */
export async function disposeUnpacked() {
	if (!unpacked) return;
	const { dir } = await unpacked.catch(() => ({}));
	if (dir) await rm(dir, { recursive: true, force: true });
	unpacked = undefined;
}
