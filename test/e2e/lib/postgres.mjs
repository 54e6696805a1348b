// A PostgreSQL of the e2e's own for n8n's queue mode, which n8n supports only on PostgreSQL (it
// warns "Scaling mode is not officially supported with sqlite"): Debian's server binaries (installed
// with apt-get when missing), a throwaway cluster in the temp folder, TCP on 127.0.0.1 only, trust
// authentication, no durability (nothing here outlives the test).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { chown, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { aptInstall, canAptInstall, freePort, runCommand, spawnLogged, stopLogged, until, within } from '../../../scripts/n8n-runtime.mjs';

const DEBIAN_ROOT = '/usr/lib/postgresql';

function serverBinDir() {
	if (!existsSync(DEBIAN_ROOT)) return undefined;
	const newest = readdirSync(DEBIAN_ROOT).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a))[0];
	const dir = newest && path.join(DEBIAN_ROOT, newest, 'bin');
	return dir && existsSync(path.join(dir, 'initdb')) ? dir : undefined;
}

/** initdb and postgres refuse to run as root: as root, they run as Debian's `postgres` user. */
function serverAccount() {
	if (process.getuid?.() !== 0) return {};
	const uid = Number(spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout);
	const gid = Number(spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout);
	if (!uid) throw new Error('running as root, and there is no "postgres" user to run PostgreSQL as');
	return { uid, gid };
}

/** Whether a PostgreSQL server can be had here (installed, or apt-get available as root / passwordless sudo). */
export function canHavePostgres() {
	return serverBinDir() !== undefined || canAptInstall();
}

/**
 * Starts a server and creates database `n8n`. Resolves `{ env, stop() }`: `env` holds n8n's
 * DB_* variables for it.
 */
export async function startPostgres() {
	if (!serverBinDir()) await aptInstall(['postgresql'], 'PostgreSQL (n8n queue mode)');
	const bin = serverBinDir();
	const account = serverAccount();
	const dir = await mkdtemp(path.join(os.tmpdir(), 'e2e-postgres-'));
	const dataDir = path.join(dir, 'data');
	if (account.uid) await chown(dir, account.uid, account.gid);
	const run = async (cmd, args) => {
		const result = await runCommand(path.join(bin, cmd), args, { cwd: dir, ...account, timeoutMs: 60_000 });
		if (result.code !== 0) throw new Error(`${cmd} failed (exit ${result.code}):\n${result.stderr || result.stdout}`);
	};
	const port = await freePort();
	let server;
	try {
		await run('initdb', ['-D', dataDir, '-U', 'n8n', '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
		server = await launch(bin, dataDir, port, dir, account);
		await run('createdb', ['-h', '127.0.0.1', '-p', String(port), '-U', 'n8n', 'n8n']);
	} catch (error) {
		await stop(server, dir);
		throw error;
	}
	return {
		env: {
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(port),
			DB_POSTGRESDB_DATABASE: 'n8n',
			DB_POSTGRESDB_USER: 'n8n',
			DB_POSTGRESDB_PASSWORD: '',
		},
		stop: () => stop(server, dir),
	};
}

/** The server in the foreground (a child of this process), once its log says it is ready. */
async function launch(bin, dataDir, port, dir, account) {
	const args = ['-D', dataDir, '-p', String(port), '-h', '127.0.0.1', '-k', '', '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'];
	const server = spawnLogged(path.join(bin, 'postgres'), args, path.join(dir, 'server.log'), { cwd: dir, ...account });
	const log = () => readFile(server.logFile, 'utf8').catch(() => '');
	try {
		await until(async () => {
			if (await within(server.exited, 1)) throw new Error('postgres exited');
			return (await log()).includes('ready to accept connections');
		}, 30_000, 'PostgreSQL');
	} catch (error) {
		await stopLogged(server, { signal: 'SIGINT' });
		throw new Error(`${error.message}:\n${await log()}`);
	}
	return server;
}

async function stop(server, dir) {
	if (server) await stopLogged(server, { signal: 'SIGINT' }); // "fast shutdown"
	await rm(dir, { recursive: true, force: true });
}
