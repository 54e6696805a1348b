// n8n in queue mode for the e2e tests: a Redis of its own (Debian's redis-server, installed with
// apt-get when missing), then one main, webhook processes (behind a round-robin balancer when there
// are several) and workers sharing the instance's user folder and database. Every process it starts
// is stopped by `stop()`.
import { existsSync } from 'node:fs';
import http from 'node:http';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { aptInstall, canAptInstall, freePort, spawnLogged, stopLogged, until, within } from '../../../scripts/n8n-runtime.mjs';

const REDIS_SERVER = '/usr/bin/redis-server';

async function ensureRedis() {
	if (!existsSync(REDIS_SERVER)) await aptInstall(['redis-server'], 'Redis (n8n queue mode)');
}

function logLines(file) {
	return readFile(file, 'utf8').catch(() => '');
}

async function httpReady(url) {
	try {
		return (await fetch(url, { signal: AbortSignal.timeout(2000) })).ok;
	} catch {
		return false;
	}
}

/**
 * A load balancer in front of several webhook processes, as n8n's scaling guide has it: each request
 * goes to the next process in turn, so two copies of one delivery arriving together land on two.
 */
async function startRoundRobin(port, targets) {
	let next = 0;
	const server = http.createServer((req, res) => {
		const target = new URL(targets[next++ % targets.length]);
		const upstream = http.request({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
			res.writeHead(answer.statusCode ?? 502, answer.headers);
			answer.pipe(res);
		});
		upstream.on('error', (error) => res.writeHead(502).end(error.message));
		req.pipe(upstream);
	});
	await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
	return { close: () => new Promise((resolve) => server.close(resolve)) };
}

/**
 * Starts the cluster on an `N8nInstance` (package and credentials already imported, workflows
 * published). `instance.url` stays the main's (editor, REST); `webhookUrl` is where Google calls.
 */
export async function startQueueCluster(instance, { workers = 2, workerConcurrency = 1, webhookProcesses = 1 } = {}) {
	await ensureRedis();
	const processes = [];
	const redisPort = await freePort();
	const webhookPort = await freePort();
	const webhookUrl = `http://127.0.0.1:${webhookPort}`;
	let balancer;

	const launch = async (name, cmd, args, env) => {
		const entry = { name, ...spawnLogged(cmd, args, path.join(instance.userFolder, `${name}.log`), { env }) };
		processes.push(entry);
		return entry;
	};
	const n8n = async (name, args, extra) =>
		await launch(name, instance.runtime.nodeBin, [instance.runtime.n8nEntry, ...args], instance.env({
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: '127.0.0.1',
			QUEUE_BULL_REDIS_PORT: String(redisPort),
			WEBHOOK_URL: `${webhookUrl}/`,
			N8N_RUNNERS_BROKER_PORT: String(await freePort()),
			QUEUE_HEALTH_CHECK_ACTIVE: 'false',
			...extra,
		}));

	const cluster = {
		webhookUrl,
		processes,
		/** Log text of one process (`main`, `webhook`, `worker-1`…). */
		log: async (name) => await logLines(processes.find((p) => p.name === name).logFile),
		/** Every n8n process's log lines that name one of these executions or an error, for a failure message. */
		async linesAbout(executionIds) {
			const about = new RegExp(`\\bexecution (${executionIds.join('|') || '-'})\\b|error|fail`, 'i');
			const parts = await Promise.all(
				processes.filter((p) => p.name !== 'redis').map(async (p) => (await logLines(p.logFile)).split('\n').filter((line) => about.test(line)).map((line) => `${p.name}: ${line}`)),
			);
			return parts.flat().slice(-60).join('\n');
		},
		async stop() {
			await balancer?.close();
			for (const p of [...processes].reverse()) {
				await stopLogged(p, { graceMs: 20_000 });
			}
		},
	};
	try {
		const redis = await launch('redis', REDIS_SERVER, ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], process.env);
		await until(async () => (await logLines(redis.logFile)).includes('Ready to accept connections'), 20_000, 'redis');

		await n8n('main', ['start'], { N8N_PORT: String(instance.ports.server), N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true' });
		await until(() => httpReady(`${instance.url}/healthz/readiness`), 120_000, 'the main process');
		if (webhookProcesses === 1) {
			await n8n('webhook', ['webhook'], { N8N_PORT: String(webhookPort) });
			await until(() => httpReady(`${webhookUrl}/healthz`), 120_000, 'the webhook process');
		} else {
			const targets = [];
			for (let i = 1; i <= webhookProcesses; i++) {
				const port = await freePort();
				targets.push(`http://127.0.0.1:${port}`);
				await n8n(`webhook-${i}`, ['webhook'], { N8N_PORT: String(port) });
			}
			for (const target of targets) await until(() => httpReady(`${target}/healthz`), 120_000, `the webhook process at ${target}`);
			balancer = await startRoundRobin(webhookPort, targets);
		}
		for (let i = 1; i <= workers; i++) await n8n(`worker-${i}`, ['worker', `--concurrency=${workerConcurrency}`], {});
		await until(async () => {
			const logs = await Promise.all(processes.filter((p) => p.name.startsWith('worker')).map((p) => logLines(p.logFile)));
			return logs.every((text) => /worker is now ready|Worker started/i.test(text));
		}, 120_000, 'the workers');
		for (const p of processes) {
			const early = await within(p.exited, 1);
			if (early) throw new Error(`${p.name} exited (${early.signal ?? early.code}):\n${(await logLines(p.logFile)).slice(-3000)}`);
		}
	} catch (error) {
		const logs = await Promise.all(processes.map(async (p) => `--- ${p.name}\n${(await logLines(p.logFile)).slice(-1500)}`));
		await cluster.stop();
		throw new Error(`${error.message}\n${logs.join('\n')}`);
	}
	return cluster;
}

/** Whether redis-server can be had here (installed, or apt-get available as root / passwordless sudo). */
export function canHaveRedis() {
	return existsSync(REDIS_SERVER) || canAptInstall();
}
