import { send } from '../../credentials/common/signIn/exchange';
import type { HttpRequest } from '../../credentials/common/signIn/types';

// What a sign-in step says when no answer came back. The network failures are covered against the
// emulator (test/integration/signIn.test.ts); n8n refusing to send at all is not reproducible there.
const STEP = { label: 'Metadata server', step: "getting the service account's token", url: 'http://metadata.google.internal/computeMetadata/v1/instance/service-accounts/default/token' };
const failingWith = (error: unknown): HttpRequest => async () => {
	throw error;
};

describe('a sign-in step that got no answer', () => {
	it("carries n8n's own refusal (SSRF protection), so the admin knows what to allow", async () => {
		// the message of @n8n/backend-network's SsrfBlockedIpError (n8n 2.41.1)
		const blocked = new Error('The request was blocked because it resolves to a restricted IP address');
		await expect(send(failingWith(blocked), STEP, { method: 'GET' })).rejects.toThrow(
			"Metadata server: getting the service account's token failed: could not reach http://metadata.google.internal/computeMetadata/v1/instance/service-accounts/default/token (The request was blocked because it resolves to a restricted IP address)",
		);
	});

	it('words a network code instead of echoing it', async () => {
		const refused = Object.assign(new Error('connect ECONNREFUSED 169.254.169.254:80'), { code: 'ECONNREFUSED' });
		await expect(send(failingWith(refused), STEP, { method: 'GET' })).rejects.toThrow(/ \(connection refused\)$/);
	});

	it('says "no answer" when the failure has no words', async () => {
		await expect(send(failingWith({}), STEP, { method: 'GET' })).rejects.toThrow(/ \(no answer\)$/);
	});
});
