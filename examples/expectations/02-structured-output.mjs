import { checkStructuredOutput } from './_structured.mjs';

export default {
	check(ctx) {
		checkStructuredOutput(ctx, { path: '/v1/interactions', auth: { scheme: 'api-key', valid: true } });
	},
};
