#!/usr/bin/env node
// Real n8n hosts (a version matrix: the newest and the oldest n8n the package supports, each on the
// Node version it ships for), cached outside the source tree, plus helpers to run one against this
// package the way a self-hosted user would (packed tarball in ~/.n8n/nodes).
//
// CLI: node scripts/n8n-runtime.mjs ensure [all|<n8n version>]  → installs (if needed), prints paths
//      node scripts/n8n-runtime.mjs path [<n8n version>]         → prints the cache directory only
// E2E_N8N=<n8n version> picks the runtime for code that runs one (default: the newest).
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const PACKAGE_NAME = 'n8n-nodes-gemini-interactions';
export const PROJECT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The n8n hosts the package is tested on, newest first, each on the Node major it ships for.
 * `overrides` are npm overrides for the n8n install: linkedom@0.18.15 (an n8n 2.x dependency) needs
 * `cssomnom`, which the project's npm registry lacks; n8n 1.x pins `xlsx` to a tarball outside the
 * registry (0.18.5 is the registry's last). `features` are host features examples may need
 * (examples/expectations `needs`); an example needing one the host lacks is skipped there.
 */
export const RUNTIMES = Object.freeze([
	Object.freeze({ n8n: '2.41.1', node: 24, overrides: { linkedom: '0.18.14' }, features: ['streaming', 'aiNodeSdk', 'tokenUsage', 'executionCustomData'] }),
	Object.freeze({ n8n: '1.82.3', node: 22, overrides: { xlsx: '0.18.5' }, features: [] }),
]);

/** What each feature is, for skip reasons and the README. */
export const HOST_FEATURES = Object.freeze({
	streaming: 'the "Streaming" response mode of the Chat Trigger and Webhook nodes',
	aiNodeSdk: "n8n's AI node SDK (@n8n/ai-node-sdk), which the Chat Model sub-node needs",
	tokenUsage: "n8n's token usage records per node (setMetadata and its usage helper)",
	executionCustomData: "execution custom data on the node's context (this.customData), where Resume on Webhook keeps its runs",
});
export const NEWEST = RUNTIMES[0];
export const OLDEST = RUNTIMES[RUNTIMES.length - 1];
const COMPLETE_MARKER = 'runtime.json';

/** The matrix entry for an n8n version (default: E2E_N8N, else the newest). */
export function runtimeSpec(version = process.env.E2E_N8N || NEWEST.n8n) {
	const spec = RUNTIMES.find((r) => r.n8n === version);
	if (!spec) throw new Error(`n8n ${version} is not in the runtime matrix (${RUNTIMES.map((r) => r.n8n).join(', ')})`);
	return spec;
}

const log = (msg) => process.stderr.write(`[n8n-runtime] ${msg}\n`);

// ---------------------------------------------------------------------------------------------
// Cache location and install

function cacheRoot() {
	return path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), PACKAGE_NAME);
}

export function runtimeDir(spec = runtimeSpec()) {
	return path.join(cacheRoot(), 'runtime', `n8n-${spec.n8n}_node-${spec.node}`);
}

/**
 * A fresh n8n user folder. Not under the project nor the system temp folder: Node resolves a
 * package's imports through every ancestor's node_modules, so a node_modules above the folder (the
 * project's, or one someone linked into /tmp — seen on a shared machine) would lend the installed
 * package modules a real n8n install does not have (e.g. its optional peer @n8n/ai-node-sdk).
 */
async function newUserFolder() {
	const parent = path.join(cacheRoot(), 'instances');
	await mkdir(parent, { recursive: true });
	return mkdtemp(path.join(parent, 'n8n-'));
}

function layout(dir, spec) {
	const nodeDir = path.join(dir, 'node', 'node_modules', `node-linux-${process.arch}`);
	return {
		n8nVersion: spec.n8n,
		nodeMajor: spec.node,
		features: spec.features,
		dir,
		nodeDir,
		nodeBin: path.join(nodeDir, 'bin', 'node'),
		n8nDir: path.join(dir, 'n8n'),
		n8nEntry: path.join(dir, 'n8n', 'node_modules', 'n8n', 'bin', 'n8n'),
	};
}

/** Resolves the installed runtime, or null when the cache holds no complete install. */
export async function findRuntime(spec = runtimeSpec()) {
	const dir = runtimeDir(spec);
	if (!existsSync(path.join(dir, COMPLETE_MARKER))) return null;
	const rt = layout(dir, spec);
	return existsSync(rt.nodeBin) && existsSync(rt.n8nEntry) ? rt : null;
}

/**
 * Installs the spec's Node and n8n into the cache unless a complete install is there. The install
 * goes into a temporary sibling directory that is renamed into place only after it fully succeeded,
 * so an interrupted run leaves nothing that looks usable.
 */
export async function ensureRuntime(spec = runtimeSpec()) {
	const existing = await findRuntime(spec);
	if (existing) return existing;
	if (process.platform !== 'linux') throw new Error('the n8n runtime install supports Linux only');

	await ensureBuildTools();
	const { n8n: N8N_VERSION, node: NODE_MAJOR } = spec;
	const finalDir = runtimeDir(spec);
	const parent = path.dirname(finalDir);
	await mkdir(parent, { recursive: true });
	await removeStaleTempDirs(parent);
	const tmpDir = await mkdtemp(path.join(parent, `.tmp-${process.pid}-${path.basename(finalDir)}-`));
	const rt = layout(tmpDir, spec);
	const started = Date.now();
	log(`installing n8n ${N8N_VERSION} on Node ${NODE_MAJOR} into ${finalDir} (first run: ~5 minutes)`);
	try {
		await step(`Node ${NODE_MAJOR} from the npm registry`, async () => {
			await mkdir(path.join(tmpDir, 'node'));
			await writeJson(path.join(tmpDir, 'node', 'package.json'), { name: 'node-runtime', private: true });
			await npm(['install', `node-linux-${process.arch}@${NODE_MAJOR}`], path.join(tmpDir, 'node'));
		});
		const nodeEnv = {
			PATH: `${path.dirname(rt.nodeBin)}${path.delimiter}${process.env.PATH}`,
			// node-gyp must build against this Node's headers (and must not download them)
			npm_config_nodedir: rt.nodeDir,
		};
		await step(`n8n ${N8N_VERSION} (~3 minutes, ~3 GB)`, async () => {
			await mkdir(rt.n8nDir);
			await writeJson(path.join(rt.n8nDir, 'package.json'), {
				name: 'n8n-runtime',
				private: true,
				overrides: spec.overrides,
			});
			// Install scripts stay off: one of them downloads from github.com and fails offline. The
			// only native module n8n needs that lacks a prebuild is sqlite3, built next.
			await npm(['install', `n8n@${N8N_VERSION}`, '--ignore-scripts'], rt.n8nDir, nodeEnv);
		});
		await step('sqlite3 native module (~80 s)', () =>
			npm(['rebuild', 'sqlite3', '--build-from-source', '--ignore-scripts=false'], rt.n8nDir, nodeEnv),
		);
		const nodeVersion = (await capture(rt.nodeBin, ['-v'])).trim();
		const n8nVersion = (await capture(rt.nodeBin, [rt.n8nEntry, '--version'])).trim();
		if (n8nVersion !== N8N_VERSION) throw new Error(`installed n8n reports version ${n8nVersion}`);
		await writeJson(path.join(tmpDir, COMPLETE_MARKER), {
			n8n: n8nVersion,
			node: nodeVersion,
			installedAt: new Date().toISOString(),
		});
		try {
			await rename(tmpDir, finalDir);
		} catch (error) {
			// another process finished the same install first: keep theirs
			if (!(await findRuntime(spec))) throw error;
			await rm(tmpDir, { recursive: true, force: true });
		}
	} catch (error) {
		await rm(tmpDir, { recursive: true, force: true });
		throw error;
	}
	log(`runtime ready in ${seconds(started)} s`);
	return layout(finalDir, spec);
}

/** sqlite3 is compiled from source (node-gyp): it needs python3, make and a C++ compiler. */
async function ensureBuildTools() {
	const missing = ['python3', 'make', 'g++'].filter((tool) => !onPath(tool));
	if (missing.length) await aptInstall(['python3', 'make', 'g++'], `${missing.join(', ')} (to build sqlite3)`);
}

function onPath(command) {
	return (process.env.PATH ?? '').split(path.delimiter).some((dir) => dir && existsSync(path.join(dir, command)));
}

/** Whether `aptInstall` can work here: root, or passwordless sudo. */
export function canAptInstall() {
	return process.getuid?.() === 0 || spawnSync('sudo', ['-n', 'true']).status === 0;
}

/** apt-get install as root (or through passwordless sudo), with apt's own progress output. */
export async function aptInstall(packages, why) {
	log(`installing ${why} with apt-get: ${packages.join(' ')}`);
	const prefix = process.getuid?.() === 0 ? [] : ['sudo', '-n'];
	const apt = (args) => {
		const [cmd, ...rest] = [...prefix, 'apt-get', ...args];
		return spawnChecked(cmd, rest, { stdio: ['ignore', 2, 2], env: { DEBIAN_FRONTEND: 'noninteractive' } });
	};
	try {
		await apt(['update', '-qq']);
		await apt(['install', '-y', '-qq', '--no-install-recommends', ...packages]);
	} catch (error) {
		throw new Error(`could not install ${packages.join(' ')} (needs root or passwordless sudo): ${error.message}`);
	}
}

/** Leftovers of installs whose process is gone (killed mid-install): ~3 GB each. */
async function removeStaleTempDirs(parent) {
	for (const name of await readdir(parent)) {
		const pid = Number(name.match(/^\.tmp-(\d+)-/)?.[1]);
		if (pid && !isAlive(pid)) await rm(path.join(parent, name), { recursive: true, force: true });
	}
}

function isAlive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return error.code === 'EPERM';
	}
}

async function step(title, fn) {
	const started = Date.now();
	log(`→ ${title}`);
	const timer = setInterval(() => log(`  … ${title}: ${seconds(started)} s`), 15_000);
	try {
		await fn();
	} finally {
		clearInterval(timer);
	}
	log(`  done in ${seconds(started)} s`);
}

function npm(args, cwd, env = {}) {
	const npmArgs = [...args, '--no-audit', '--no-fund', '--no-save', '--loglevel=error'];
	return spawnChecked('npm', npmArgs, { cwd, env: { ...npmChildEnv(), ...env }, stdio: ['ignore', 2, 2] });
}

/**
 * process.env without what a parent `npm run` exports about this project: a nested npm would
 * otherwise treat the project as its prefix (npm_config_local_prefix) or inherit its settings.
 */
export function npmChildEnv() {
	const env = {};
	for (const [key, value] of Object.entries(process.env)) {
		const k = key.toLowerCase();
		if (k === 'npm_config_local_prefix' || k === 'npm_config_ignore_scripts') continue;
		if (k.startsWith('npm_package_') || k.startsWith('npm_lifecycle_')) continue;
		env[key] = value;
	}
	return env;
}

export function majorOf(version) {
	return Number(version.split('.')[0]);
}

// ---------------------------------------------------------------------------------------------
// Process helpers

export function seconds(since) {
	return ((Date.now() - since) / 1000).toFixed(1);
}

/** Runs a command with its output shown (stdio inherited unless given); resolves its exit code. */
export function runVisible(cmd, args, { cwd = PROJECT_DIR, env, stdio = 'inherit' } = {}) {
	return new Promise((resolve, reject) => {
		const child = spawn(cmd, args, { cwd, stdio, env: { ...process.env, ...env } });
		child.on('error', reject);
		child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
	});
}

async function spawnChecked(cmd, args, options) {
	const code = await runVisible(cmd, args, options);
	if (code !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (exit ${code})`);
}

/** A long-running process with its stdout and stderr in `logFile`: `{ child, exited, logFile }`. */
export function spawnLogged(cmd, args, logFile, options = {}) {
	const out = createWriteStream(logFile);
	const child = spawn(cmd, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
	child.stdout.pipe(out);
	child.stderr.pipe(out);
	const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
	return { child, exited, logFile };
}

/** Stops a process from `spawnLogged`: `signal`, then SIGKILL if it is still there after `graceMs`. */
export async function stopLogged({ child, exited }, { signal = 'SIGTERM', graceMs = 15_000 } = {}) {
	if (child.exitCode !== null || child.signalCode !== null) return;
	child.kill(signal);
	if (!(await within(exited, graceMs))) {
		child.kill('SIGKILL');
		await exited;
	}
}

/** Runs a command and collects its output; never rejects on a non-zero exit. `uid`/`gid`: run as another user. */
export function runCommand(cmd, args, { cwd, env, timeoutMs = 120_000, uid, gid } = {}) {
	return new Promise((resolve, reject) => {
		const child = spawn(cmd, args, { cwd, env, uid, gid, stdio: ['ignore', 'pipe', 'pipe'] });
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (d) => (stdout += d));
		child.stderr.on('data', (d) => (stderr += d));
		const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
		child.on('error', reject);
		child.on('exit', (code, signal) => {
			clearTimeout(timer);
			resolve({ code, signal, stdout, stderr });
		});
	});
}

async function capture(cmd, args) {
	const { code, stdout, stderr } = await runCommand(cmd, args);
	if (code !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${stderr || stdout}`);
	return stdout;
}

/** `preferred` if it is free on 127.0.0.1, else any free port. */
export function freePort(preferred = 0) {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.unref();
		server.on('error', (error) => (preferred ? freePort().then(resolve, reject) : reject(error)));
		server.listen(preferred, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}

async function writeJson(file, value) {
	await writeFile(file, JSON.stringify(value, null, 2) + '\n');
}

// ---------------------------------------------------------------------------------------------
// One n8n instance: a fresh user folder with the package installed

/**
 * A fresh n8n user folder with the packed package installed into ~/.n8n/nodes (node types are
 * `n8n-nodes-gemini-interactions.<node>` there, as for real users). All n8n commands of the
 * instance share that folder, a fixed encryption key and ports of their own.
 */
export class N8nInstance {
	/**
	 * `port`: the server port to use if it is free (default: any free port). `databaseEnv`: n8n's DB_*
	 * variables of another database than the user folder's SQLite file.
	 */
	static async create({ runtime, packageTgz, userFolder, keep = false, port, databaseEnv }) {
		const rt = runtime ?? (await ensureRuntime());
		const folder = userFolder ?? (await newUserFolder());
		const ports = { server: await freePort(port), serverBroker: await freePort(), cliBroker: await freePort() };
		const instance = new N8nInstance(rt, folder, keep, ports, databaseEnv);
		try {
			if (packageTgz) await instance.installPackage(packageTgz);
		} catch (error) {
			await instance.dispose();
			throw error;
		}
		return instance;
	}

	/** `ports`: the server's, and task-broker ports for the server and for CLI commands (they may overlap in time). */
	constructor(runtime, userFolder, keep, ports, databaseEnv = {}) {
		this.runtime = runtime;
		this.databaseEnv = databaseEnv;
		this.userFolder = userFolder;
		this.keep = keep;
		this.ports = ports;
		this.server = null;
	}

	get url() {
		return `http://127.0.0.1:${this.ports.server}`;
	}

	env(extra = {}) {
		return {
			...process.env,
			PATH: `${path.dirname(this.runtime.nodeBin)}${path.delimiter}${process.env.PATH}`,
			N8N_USER_FOLDER: this.userFolder,
			N8N_ENCRYPTION_KEY: 'e2e-only-not-a-secret',
			DB_TYPE: 'sqlite',
			...this.databaseEnv,
			// `execute` prints its JSON result through the logger: keep info
			N8N_LOG_LEVEL: 'info',
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_HOST: '127.0.0.1',
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_PORT: String(this.ports.server),
			N8N_PROTOCOL: 'http',
			N8N_SECURE_COOKIE: 'false',
			N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
			N8N_RUNNERS_BROKER_PORT: String(this.ports.cliBroker),
			...extra,
		};
	}

	async installPackage(tgz) {
		const nodesDir = path.join(this.userFolder, '.n8n', 'nodes');
		await mkdir(nodesDir, { recursive: true });
		await writeJson(path.join(nodesDir, 'package.json'), { name: 'installed-nodes', private: true });
		// --omit=peer: the node must resolve n8n's own n8n-workflow, as in a real install
		const { code, stderr } = await runCommand(
			'npm',
			['install', '--no-audit', '--no-fund', '--omit=peer', '--ignore-scripts', '--loglevel=warn', path.resolve(tgz)],
			{ cwd: nodesDir, env: npmChildEnv() },
		);
		if (code !== 0) throw new Error(`installing ${tgz} into n8n failed:\n${stderr}`);
	}

	/** Runs an n8n CLI command; resolves { code, stdout, stderr } whatever the exit code. */
	run(args, { timeoutMs = 180_000, env } = {}) {
		return runCommand(this.runtime.nodeBin, [this.runtime.n8nEntry, ...args], { env: this.env(env), timeoutMs });
	}

	async runChecked(args) {
		const result = await this.run(args);
		if (result.code !== 0) throw new Error(`n8n ${args[0]} failed (exit ${result.code}):\n${tail(result)}`);
		return result;
	}

	/** Imports credentials given as plain objects; n8n encrypts `data` on import. */
	importCredentials(credentials) {
		return this.#importJson('import:credentials', credentials);
	}

	/** Imports workflows (file paths or workflow objects) with one n8n command. */
	async importWorkflows(workflows) {
		const list = await Promise.all(
			workflows.map(async (w) => (typeof w === 'string' ? JSON.parse(await readFile(w, 'utf8')) : w)),
		);
		return this.#importJson('import:workflow', list);
	}

	async #importJson(command, data) {
		const file = path.join(this.userFolder, `import-${Date.now()}.json`);
		await writeJson(file, data);
		try {
			await this.runChecked([command, `--input=${file}`]);
		} finally {
			await rm(file, { force: true });
		}
	}

	/** Makes a workflow's triggers live (n8n 1.x has no publish:workflow, only the active flag). */
	async publishWorkflow(id) {
		if (majorOf(this.runtime.n8nVersion) >= 2) await this.runChecked(['publish:workflow', `--id=${id}`]);
		else await this.runChecked(['update:workflow', `--id=${id}`, '--active=true']);
	}

	/**
	 * `n8n execute --id --rawOutput`. Returns { code, run, stdout, stderr } where `run` is the parsed
	 * execution (status, data.resultData…) or null when n8n printed none.
	 */
	async execute(id, { timeoutMs } = {}) {
		const result = await this.run(['execute', `--id=${id}`, '--rawOutput'], { timeoutMs });
		return { ...result, run: parseExecuteOutput(result.stdout) };
	}

	/** `n8n start`; resolves once /healthz/readiness answers. */
	async start({ env } = {}) {
		if (this.server) return this.server;
		const logFile = path.join(this.userFolder, 'server.log');
		this.server = spawnLogged(this.runtime.nodeBin, [this.runtime.n8nEntry, 'start'], logFile, {
			env: this.env({ N8N_RUNNERS_BROKER_PORT: String(this.ports.serverBroker), ...env }),
		});
		const { exited } = this.server;
		const deadline = Date.now() + 90_000;
		while (Date.now() < deadline) {
			const early = await within(exited, 500);
			if (early) {
				this.server = null;
				throw new Error(`n8n start exited (${early.signal ?? early.code}); log: ${logFile}\n${await tailFile(logFile)}`);
			}
			if (await isReady(this.url)) return this.server;
		}
		await this.stop();
		throw new Error(`n8n did not become ready within 90 s; log: ${logFile}`);
	}

	async stop() {
		const server = this.server;
		if (!server) return;
		this.server = null;
		await stopLogged(server);
	}

	async dispose() {
		await this.stop();
		if (!this.keep) await rm(this.userFolder, { recursive: true, force: true });
	}
}

/** The JSON that `execute --rawOutput` prints after its log preamble, or null. */
export function parseExecuteOutput(stdout) {
	const start = stdout.startsWith('{\n') ? 0 : stdout.indexOf('\n{\n') + 1;
	if (start === 0 && !stdout.startsWith('{\n')) return null;
	const text = stdout.slice(start);
	const end = text.lastIndexOf('\n}');
	try {
		return JSON.parse(end >= 0 ? text.slice(0, end + 2) : text);
	} catch {
		return null;
	}
}

/**
 * Readiness, and the editor's REST routes: n8n 1.x answers /healthz/readiness before it has mounted
 * the rest of its routes (measured on 1.82.3: 404 for /types/nodes.json right after readiness).
 */
async function isReady(baseUrl) {
	for (const route of ['/healthz/readiness', '/rest/settings']) {
		try {
			const res = await fetch(`${baseUrl}${route}`, { signal: AbortSignal.timeout(2000) });
			if (!res.ok) return false;
		} catch {
			return false;
		}
	}
	return true;
}

export function sleep(ms) {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The promise's value, or null if it takes longer than ms (the timer never keeps the process alive). */
export async function within(promise, ms) {
	let timer;
	const expired = new Promise((resolve) => (timer = setTimeout(resolve, ms, null)));
	try {
		return await Promise.race([promise, expired]);
	} finally {
		clearTimeout(timer);
	}
}

/** Polls `check` (async) every 250 ms until it returns a truthy value, which it resolves, or `ms` pass. */
export async function until(check, ms, what) {
	const deadline = Date.now() + ms;
	for (;;) {
		const value = await check();
		if (value) return value;
		if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
		await sleep(250);
	}
}

function tail({ stdout, stderr }, lines = 30) {
	return `${stdout}\n${stderr}`.trim().split('\n').slice(-lines).join('\n');
}

async function tailFile(file, lines = 30) {
	return tail({ stdout: await readFile(file, 'utf8').catch(() => ''), stderr: '' }, lines);
}

// ---------------------------------------------------------------------------------------------
// Server-side helpers: owner account and the editor's REST API

export const OWNER = Object.freeze({
	email: 'owner@example.com',
	firstName: 'Demo',
	lastName: 'Owner',
	password: 'Demo-password-1',
});

/** Creates the owner account on a fresh instance; returns the auth cookie. */
export async function setupOwner(baseUrl, owner = OWNER) {
	const res = await fetch(`${baseUrl}/rest/owner/setup`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(owner),
	});
	if (!res.ok) throw new Error(`owner setup failed: HTTP ${res.status} ${await res.text()}`);
	return authCookie(res);
}

function authCookie(res) {
	const cookie = res.headers.getSetCookie().find((c) => c.startsWith('n8n-auth='));
	return cookie?.split(';')[0];
}

// ---------------------------------------------------------------------------------------------
// CLI

async function main(command, version) {
	if (command === 'path') {
		console.log(runtimeDir(runtimeSpec(version)));
		return;
	}
	if (command !== 'ensure') {
		console.error('usage: node scripts/n8n-runtime.mjs ensure [all|<n8n version>] | path [<n8n version>]');
		process.exitCode = 2;
		return;
	}
	// one after the other: two ~3 GB installs at once only compete for the same cores and disk
	const specs = version === 'all' ? RUNTIMES : [runtimeSpec(version)];
	const installed = [];
	for (const spec of specs) {
		const rt = await ensureRuntime(spec);
		const info = JSON.parse(await readFile(path.join(rt.dir, COMPLETE_MARKER), 'utf8'));
		installed.push({ versions: info, dir: rt.dir, nodeBin: rt.nodeBin, n8nEntry: rt.n8nEntry });
	}
	console.log(JSON.stringify(version === 'all' ? installed : installed[0], null, 2));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	main(process.argv[2], process.argv[3]).catch((error) => {
		console.error(`[n8n-runtime] ${error.message}`);
		process.exit(1);
	});
}
