// The Interactions API emulator (test/emulator/cli.js) as a child process, plus its control API.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { PROJECT_DIR, within } from './n8n-runtime.mjs';

export const EMULATOR_CLI = path.join(PROJECT_DIR, 'test', 'emulator', 'cli.js');
export const EMULATOR_PROJECT = 'emulator-project';

/**
 * Starts the emulator and resolves with its announcement plus helpers:
 * { url, tokenUrl, apiKey, accessToken, pid, serviceAccountKey (JSON text), requests(), clearRequests(),
 *   addFault(), clearFaults(), stop() }.
 */
export async function startEmulator({ port = 0, backgroundMs, project = EMULATOR_PROJECT, startTimeoutMs = 20_000 } = {}) {
	const tmpDir = await mkdtemp(path.join(os.tmpdir(), 'gemini-emulator-'));
	const keyFile = path.join(tmpDir, 'service-account.json');
	const args = [EMULATOR_CLI, '--port', String(port), '--write-service-account', keyFile, '--project', project];
	if (backgroundMs !== undefined) args.push('--background-ms', String(backgroundMs));
	const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
	let stderr = '';
	child.stderr.on('data', (d) => (stderr = (stderr + d).slice(-4000)));
	const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));

	let info;
	try {
		const announced = Promise.race([
			firstJsonLine(child.stdout),
			exited.then(({ code, signal }) => {
				throw new Error(`emulator exited (${signal ?? code}) before announcing itself:\n${stderr}`);
			}),
		]);
		info = await within(announced, startTimeoutMs);
		if (!info) throw new Error(`emulator did not announce itself within ${startTimeoutMs} ms:\n${stderr}`);
	} catch (error) {
		child.kill('SIGKILL');
		await rm(tmpDir, { recursive: true, force: true });
		throw error;
	}

	const control = (p, init) => controlRequest(info.url, p, init);
	return {
		...info,
		project,
		serviceAccountKey: await readFile(keyFile, 'utf8'),
		/** The request log, oldest first; `filter` narrows it (e.g. to real API calls). */
		async requests(filter = () => true) {
			const body = await control('/__emulator/requests');
			const list = Array.isArray(body) ? body : body.requests;
			return list.filter(filter);
		},
		clearRequests: () => control('/__emulator/requests', { method: 'DELETE' }),
		addFault: (fault) => control('/__emulator/faults', { method: 'POST', body: JSON.stringify(fault) }),
		clearFaults: () => control('/__emulator/faults', { method: 'DELETE' }),
		health: () => control('/__emulator/health'),
		async stop() {
			if (child.exitCode === null && child.signalCode === null) {
				child.kill('SIGTERM');
				const done = await within(exited, 5000);
				if (!done) child.kill('SIGKILL');
			}
			await rm(tmpDir, { recursive: true, force: true });
		},
	};
}

/** Requests that reached the API surface (not the emulator's own control endpoints). */
export const isApiRequest = (entry) => !entry.path.startsWith('/__emulator');

async function controlRequest(baseUrl, p, init = {}) {
	const res = await fetch(new URL(p, baseUrl), {
		...init,
		headers: { 'content-type': 'application/json', ...init.headers },
	});
	const text = await res.text();
	if (!res.ok) throw new Error(`emulator ${init.method ?? 'GET'} ${p}: HTTP ${res.status} ${text}`);
	return text ? JSON.parse(text) : null;
}

function firstJsonLine(stream) {
	return new Promise((resolve, reject) => {
		const lines = createInterface({ input: stream });
		lines.on('line', (line) => {
			if (!line.trim().startsWith('{')) return;
			try {
				resolve(JSON.parse(line));
				// keep draining stdout so the emulator never blocks on a full pipe
				lines.removeAllListeners('line');
				stream.resume();
			} catch (error) {
				reject(error);
			}
		});
	});
}

