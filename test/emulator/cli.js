#!/usr/bin/env node
// @ts-check
'use strict';

// node test/emulator/cli.js [--port N] [--background-ms N] [--write-service-account FILE] [--project P]
// Prints one JSON line {url, tokenUrl, apiKey, accessToken, pid} and runs until SIGTERM/SIGINT.

const fs = require('node:fs');
const { startEmulator } = require('./index');

/** @param {string[]} argv */
function parseArgs(argv) {
  /** @type {Record<string, string>} */
  const args = {};
  for (let i = 0; i < argv.length; i += 1) {
    const name = argv[i];
    const value = argv[i + 1];
    if (!name.startsWith('--') || value === undefined) throw new Error(`bad argument: ${name}`);
    args[name.slice(2)] = value;
    i += 1;
  }
  return args;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const known = ['port', 'background-ms', 'write-service-account', 'project'];
  const unknown = Object.keys(args).find((k) => !known.includes(k));
  if (unknown) throw new Error(`unknown option --${unknown}; known: ${known.map((k) => `--${k}`).join(' ')}`);
  const emu = await startEmulator({
    port: Number(args.port ?? 0),
    ...(args['background-ms'] ? { backgroundDurationMs: Number(args['background-ms']) } : {}),
    quiet: true,
  });
  if (args['write-service-account']) {
    const key = emu.createServiceAccountKey({ projectId: args.project ?? 'emulator-project' });
    fs.writeFileSync(args['write-service-account'], JSON.stringify(key, null, 2), { mode: 0o600 });
  }
  process.stdout.write(
    `${JSON.stringify({ url: emu.url, tokenUrl: emu.tokenUrl, apiKey: 'test-api-key', accessToken: 'static-token', pid: process.pid })}\n`,
  );
  const stop = () => emu.close().then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((err) => {
  process.stderr.write(`emulator: ${err.message}\n`);
  process.exit(1);
});
