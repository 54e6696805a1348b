#!/usr/bin/env node
// npm run screenshots: refreshes the README's editor screenshots in docs/screenshots by running the
// editor test on the newest n8n with its screenshots sent there. `npm test` never writes them.
import path from 'node:path';
import { NEWEST, PROJECT_DIR } from './n8n-runtime.mjs';

process.env.E2E_N8N = NEWEST.n8n;
process.env.E2E_SCREENSHOTS_DIR = path.join(PROJECT_DIR, 'docs', 'screenshots');
const { runE2e } = await import('./e2e.mjs');
const { failed } = await runE2e({ files: [path.join(PROJECT_DIR, 'test', 'e2e', 'editor.test.mjs')] });
console.log(failed ? 'the editor test failed: check docs/screenshots before committing' : `screenshots saved in ${process.env.E2E_SCREENSHOTS_DIR}`);
process.exit(failed ? 1 : 0);
