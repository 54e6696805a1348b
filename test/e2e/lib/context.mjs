// Shared setup of an e2e test file: the cached runtime, the packed package, a fresh n8n user folder
// with the package installed, and a running emulator.
import path from 'node:path';
import { startEmulator } from '../../../scripts/emulator-process.mjs';
import { emulatorCredentials } from '../../../scripts/examples.mjs';
import { N8nInstance, PROJECT_DIR, ensureRuntime } from '../../../scripts/n8n-runtime.mjs';
import { packFresh } from '../../../scripts/pack.mjs';

export const WORKFLOWS_DIR = path.join(PROJECT_DIR, 'test', 'e2e', 'workflows');
export const NODE_TYPE = 'n8n-nodes-gemini-interactions.geminiInteractions';

/**
 * The package tarball: scripts/e2e.mjs packs once and passes it in E2E_PACKAGE_TGZ; a test file run
 * on its own packs (and builds) itself.
 */
async function packageTarball() {
	if (process.env.E2E_PACKAGE_TGZ) return process.env.E2E_PACKAGE_TGZ;
	return packFresh(path.join(PROJECT_DIR, '.tmp', 'e2e-pack'));
}

/**
 * { n8n, emulator, dispose() }; credentials for the emulator are already imported. `database`: one
 * from `startPostgres()` instead of SQLite (the caller stops it).
 */
export async function setupE2e({ emulatorOptions, database } = {}) {
	const runtime = await ensureRuntime();
	const emulator = await startEmulator(emulatorOptions);
	let n8n;
	try {
		n8n = await N8nInstance.create({ runtime, packageTgz: await packageTarball(), keep: !!process.env.E2E_KEEP, databaseEnv: database?.env });
		await n8n.importCredentials(emulatorCredentials(emulator));
	} catch (error) {
		await n8n?.dispose();
		await emulator.stop();
		throw error;
	}
	return {
		n8n,
		emulator,
		async dispose() {
			await n8n.dispose();
			await emulator.stop();
			if (process.env.E2E_KEEP) console.log(`kept n8n user folder: ${n8n.userFolder}`);
		},
	};
}

/** Interactions create calls (POST …/interactions) among the emulator's logged requests. */
export function createCalls(requests) {
	return requests.filter((r) => r.method === 'POST' && /\/interactions$/.test(r.path));
}
