#!/usr/bin/env node
// The package tarball, always from a fresh build of the sources it ships: dist/ is removed, the
// build runs, then `npm pack --ignore-scripts`. The project's .npmrc turns lifecycle scripts off,
// so a plain `npm pack` would run no build and ship whatever dist/ holds (or none): use this.
//
//   npm run pack [-- --dest <dir>]   → prints the tarball's path (default dir: the project root)
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PROJECT_DIR, npmChildEnv, runCommand } from './n8n-runtime.mjs';

export const DIST_DIR = path.join(PROJECT_DIR, 'dist');

/** Removes dist/ (stale output of deleted sources must not ship) and runs `npm run build`. */
export async function cleanBuild() {
	await rm(DIST_DIR, { recursive: true, force: true });
	await projectNpm(['run', 'build']);
}

/** `npm pack` of what is in dist/ now into destDir; returns { tarball, files } (npm's own list). */
export async function packBuilt(destDir) {
	// npm pack does not create its destination (a fresh clone has no .tmp/ yet)
	await mkdir(destDir, { recursive: true });
	const stdout = await projectNpm(['pack', '--ignore-scripts', '--pack-destination', destDir, '--json']);
	const [{ filename, files }] = JSON.parse(stdout.slice(stdout.indexOf('[')));
	return { tarball: path.join(destDir, path.basename(filename)), files: files.map((f) => f.path) };
}

/** A fresh build, packed into destDir; returns the tarball's path. */
export async function packFresh(destDir) {
	await cleanBuild();
	return (await packBuilt(destDir)).tarball;
}

async function projectNpm(args) {
	const opts = { cwd: PROJECT_DIR, env: npmChildEnv(), timeoutMs: 300_000 };
	const { code, stdout, stderr } = await runCommand('npm', [...args, '--loglevel=error'], opts);
	if (code !== 0) throw new Error(`npm ${args.join(' ')} failed:\n${stderr}\n${stdout}`);
	return stdout;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	const destIndex = process.argv.indexOf('--dest');
	const dest = path.resolve(destIndex > 0 ? process.argv[destIndex + 1] : PROJECT_DIR);
	packFresh(dest)
		.then((tarball) => console.log(tarball))
		.catch((error) => {
			console.error(error.message);
			process.exit(1);
		});
}
