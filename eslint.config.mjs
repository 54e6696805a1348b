import { config } from '@n8n/node-cli/eslint';
import { globalIgnores } from 'eslint/config';

// The n8n community-node rules (cloud support on) apply to what ships: nodes/ and credentials/.
// Tests, scripts and the emulator run only on developer and CI machines.
export default [
	...config,
	globalIgnores(['dist', 'test', 'scripts', 'examples', 'docs', 'gulpfile.js', 'jest.config.js', 'index.js', 'eslint.config.mjs']),
];
