// ESLint for what never ships: tests, the emulator, scripts, example expectations and tool configs.
// eslint.config.mjs stays n8n's default (`n8n-node lint` checks it is unchanged in strict mode) and
// applies n8n's community-node rules to every .ts file; test code that needs Node's APIs opts out of
// those with a file-level `eslint-disable` and is linted here instead, with inline config off
// (`npm run lint` passes --no-inline-config), so such a comment cannot hide problems from this config.
import js from '@eslint/js';
import { globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const UNUSED = { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' };

export default tseslint.config(
	globalIgnores(['dist', 'nodes', 'credentials', 'coverage', '.tmp', 'test-results']),
	{
		files: ['**/*.{js,mjs,cjs}'],
		extends: [js.configs.recommended],
		languageOptions: { globals: { ...globals.node } },
	},
	{
		files: ['**/*.ts'],
		extends: [js.configs.recommended, tseslint.configs.recommended],
		languageOptions: { globals: { ...globals.node, ...globals.jest } },
		rules: {
			// tests read Google's JSON wire shapes and n8n's loosely typed data
			'@typescript-eslint/no-explicit-any': 'off',
			// tests load modules fresh or without an optional peer (jest.isolateModules + require)
			'@typescript-eslint/no-require-imports': 'off',
			'@typescript-eslint/no-unused-vars': ['error', UNUSED],
		},
	},
	{
		rules: {
			'no-empty': ['error', { allowEmptyCatch: true }],
		},
	},
	{
		files: ['**/*.{js,mjs,cjs}'],
		rules: { 'no-unused-vars': ['error', UNUSED] },
	},
);
