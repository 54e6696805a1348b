// Same as 02, through the enterprise credential: a service-account JWT is exchanged for a token at
// the key's token_uri (the emulator's /token), and the call goes to the Vertex path with that token.
import { checkStructuredOutput } from './_structured.mjs';

export default {
	check(ctx) {
		const { assert, requests, emulator } = ctx;
		const create = checkStructuredOutput(ctx, {
			path: `/v1beta1/projects/${emulator.project}/locations/global/interactions`,
			auth: { scheme: 'bearer', valid: true, principal: JSON.parse(emulator.serviceAccountKey).client_email },
		});
		const tokenCalls = requests.filter((r) => r.family === 'oauth');
		assert.equal(tokenCalls.length, 1, 'one JWT exchange at /token');
		assert.equal(tokenCalls[0].path, '/token');
		assert.equal(tokenCalls[0].body.grant_type, 'urn:ietf:params:oauth:grant-type:jwt-bearer');
		assert.equal(tokenCalls[0].status, 200);
		assert.ok(tokenCalls[0].seq < create.seq, 'token minted before the API call');
		assert.equal(create.family, 'enterprise');
	},
};
