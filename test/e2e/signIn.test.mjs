// Every sign-in method of the enterprise credential in a real n8n: each credential is imported with
// the n8n CLI, pointing at the emulator (which also plays Google's OAuth, metadata, STS and IAM
// endpoints); a workflow per method creates an interaction, and the emulator's request log shows the
// token chain that signed it in. Then, in a started n8n, the editor's credential test
// (POST /rest/credentials/test) passes for every method and fails, by name and without the secret,
// for a refused one.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { executionError, executionStatus, nodeItems } from '../../scripts/examples.mjs';
import { isApiRequest } from '../../scripts/emulator-process.mjs';
import { majorOf, setupOwner } from '../../scripts/n8n-runtime.mjs';
import { setupE2e } from './lib/context.mjs';
import { GEMINI_NODE, geminiWorkflow } from './lib/workflows.mjs';

const SIGN_IN_FAMILIES = new Set(['oauth', 'metadata', 'idp', 'sts', 'iam']);
const CLOUD_PLATFORM = 'https://www.googleapis.com/auth/cloud-platform';
// the emulator's default project: its metadata server answers it, and it knows this impersonation target
const RUNTIME_PROJECT = 'emulator-project';
const TARGET = `impersonated@${RUNTIME_PROJECT}.iam.gserviceaccount.com`;

/**
 * Each method has two credentials with the same data: one for its workflow, and one that only the
 * credential test uses. n8n stores the token a sign-in returns in the credential (the expirable
 * `oauthToken`), and its credential test reuses a stored token that is still valid; a credential that
 * never signed in is what the editor tests on saving, and its test has to run the whole chain.
 */
const credentialRef = (method, use = 'workflow') =>
	use === 'workflow'
		? { id: `e2eSignIn-${method}`, name: `Gemini Enterprise (${method})` }
		: { id: `e2eSignInTest-${method}`, name: `Gemini Enterprise (${method}, tested)` };

/**
 * The methods: the credential's data (built once the emulator runs and has made the secrets) and what
 * the wire must show. `chain` = the sign-in requests in order as [family, path]; `check(chain, calls)`
 * asserts their headers and bodies and the API calls.
 */
const METHODS = {
	serviceAccount: {
		data: ({ secrets }) => ({ authType: 'serviceAccount', serviceAccountKey: secrets.serviceAccountKey, projectId: '' }),
		chain: [['oauth', '/token']],
		check([grant], [call], { secrets }) {
			assert.equal(grant.body.grant_type, 'urn:ietf:params:oauth:grant-type:jwt-bearer');
			assert.match(call.path, /^\/v1beta1\/projects\/e2e-sa-project\/locations\/global\/interactions$/);
			assert.equal(call.auth.principal, JSON.parse(secrets.serviceAccountKey).client_email);
		},
	},
	accessToken: {
		data: () => ({ authType: 'accessToken', accessToken: 'static-token', projectId: 'e2e-token-project' }),
		chain: [],
		check(_chain, [call]) {
			assert.equal(call.path, '/v1beta1/projects/e2e-token-project/locations/global/interactions');
			assert.deepEqual(pick(call.auth, ['scheme', 'valid']), { scheme: 'bearer', valid: true });
		},
	},
	authorizedUser: {
		data: ({ secrets }) => ({ authType: 'authorizedUser', authorizedUserJson: JSON.stringify(secrets.adc), projectId: '' }),
		chain: [['oauth', '/token']],
		check([grant], [call], { secrets }) {
			assert.deepEqual(grant.body, {
				grant_type: 'refresh_token',
				client_id: secrets.adc.client_id,
				client_secret: '<redacted>',
				refresh_token: '<redacted>',
			});
			assert.equal(call.path, '/v1beta1/projects/e2e-quota-project/locations/global/interactions');
			assert.equal(call.headers['x-goog-user-project'], 'e2e-quota-project');
			assert.match(call.auth.principal, /@example\.com$/);
		},
	},
	metadataServer: {
		data: ({ emulator }) => ({ authType: 'metadataServer', metadataHost: emulator.url, projectId: '' }),
		chain: [
			['metadata', '/computeMetadata/v1/instance/service-accounts/default/token'],
			['metadata', '/computeMetadata/v1/project/project-id'],
		],
		sortChain: true,
		check(chain, [call]) {
			for (const entry of chain) assert.equal(entry.headers['metadata-flavor'], 'Google', entry.path);
			assert.equal(call.path, `/v1beta1/projects/${RUNTIME_PROJECT}/locations/global/interactions`);
			assert.equal(call.auth.principal, `emulator-runtime@${RUNTIME_PROJECT}.iam.gserviceaccount.com`);
		},
	},
	externalAccount: {
		data: ({ secrets }) => ({ authType: 'externalAccount', externalAccountJson: JSON.stringify(secrets.federation), projectId: 'e2e-wif-project' }),
		chain: [
			['idp', '/external-idp/token'],
			['sts', '/v1/token'],
		],
		check([idp, sts], [call], { secrets }) {
			assert.equal(idp.headers.metadata, 'True');
			assert.deepEqual(sts.body, {
				grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
				audience: secrets.federation.audience,
				scope: CLOUD_PLATFORM,
				requested_token_type: 'urn:ietf:params:oauth:token-type:access_token',
				subject_token: '<redacted>',
				subject_token_type: 'urn:ietf:params:oauth:token-type:jwt',
			});
			assert.equal(call.path, '/v1beta1/projects/e2e-wif-project/locations/global/interactions');
			assert.match(call.auth.principal, /^principal:\/\/iam\.googleapis\.com\/projects\/123456789\//);
		},
	},
	apiKey: {
		data: ({ emulator }) => ({ authType: 'apiKey', apiKey: emulator.apiKey, location: '' }),
		chain: [],
		check(_chain, [call]) {
			assert.deepEqual([call.family, call.path], ['express', '/v1beta1/interactions']);
			assert.deepEqual(pick(call.auth, ['scheme', 'valid']), { scheme: 'api-key', valid: true });
			assert.equal(call.headers['x-goog-api-key'], '<redacted>', 'the key travels in x-goog-api-key');
			assert.equal(call.headers.authorization, undefined);
		},
	},
	impersonation: {
		data: ({ emulator, secrets }) => ({
			authType: 'authorizedUser',
			authorizedUserJson: JSON.stringify(secrets.impersonatingAdc),
			projectId: '',
			impersonate: true,
			impersonatedServiceAccount: TARGET,
			iamCredentialsUrl: emulator.url,
		}),
		chain: [
			['oauth', '/token'],
			['iam', `/v1/projects/-/serviceAccounts/${TARGET}:generateAccessToken`],
		],
		check([grant, iam], [call]) {
			assert.equal(grant.body.grant_type, 'refresh_token');
			assert.match(iam.auth.principal, /@example\.com$/, "the user's token asks for the target's");
			assert.equal(iam.auth.valid, true);
			assert.deepEqual(iam.body, { scope: [CLOUD_PLATFORM], lifetime: '3600s' });
			assert.equal(call.path, '/v1beta1/projects/e2e-quota-project/locations/global/interactions');
			assert.equal(call.auth.principal, TARGET);
		},
	},
};

const REFUSED = credentialRef('refusedUser', 'test');
const SSRF_BLOCKED = credentialRef('ssrfBlockedMetadata', 'test');
/**
 * n8n 2.x has SSRF protection (off by default, 127.0.0.0/8 and 169.254.0.0/16 blocked when on); the
 * server runs with it on and only the emulator's address allowed, as the README tells users to
 * allow the metadata server. n8n 1.82.3 has no such setting.
 */
const SSRF_ENV = { N8N_SSRF_PROTECTION_ENABLED: 'true', N8N_SSRF_ALLOWED_IP_RANGES: '127.0.0.1/32' };

describe('enterprise sign-in methods in real n8n', () => {
	let ctx;
	let secrets;
	const control = async (route, body) => {
		const res = await fetch(`${ctx.emulator.url}/__emulator/${route}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(body),
		});
		assert.equal(res.status, 200, `emulator control ${route}`);
		return await res.json();
	};
	const workflowOf = (method) =>
		geminiWorkflow(
			`e2eSignIn-${method}`,
			`E2E sign-in ${method}`,
			{ authentication: 'enterprise', resource: 'interaction', operation: 'create', input: `Signed in with ${method}` },
			{ credential: credentialRef(method) },
		);
	const credentialOf = (ref, data) => ({
		...ref,
		type: 'geminiInteractionsEnterpriseApi',
		data: { location: 'global', baseUrl: ctx.emulator.url, ...data },
	});

	before(async () => {
		ctx = await setupE2e();
		const adc = await control('authorized-users', { quotaProjectId: 'e2e-quota-project' });
		secrets = {
			serviceAccountKey: JSON.stringify(await control('service-accounts', { projectId: 'e2e-sa-project' })),
			adc,
			impersonatingAdc: await control('authorized-users', { quotaProjectId: 'e2e-quota-project' }),
			federation: await control('external-accounts', { format: 'json' }),
			refusedAdc: { ...(await control('authorized-users', { quotaProjectId: 'e2e-quota-project' })), client_secret: 'GOCSPX-e2e-wrong-secret' },
		};
		const env = { emulator: ctx.emulator, secrets };
		// one CLI call for all credentials, one for all workflows
		await ctx.n8n.importCredentials([
			...Object.entries(METHODS).flatMap(([method, spec]) =>
				['workflow', 'test'].map((use) => credentialOf(credentialRef(method, use), spec.data(env))),
			),
			credentialOf(REFUSED, { authType: 'authorizedUser', authorizedUserJson: JSON.stringify(secrets.refusedAdc), projectId: '' }),
			// 127.0.0.2 is in a blocked range and not allowed (nothing listens there either)
			credentialOf(SSRF_BLOCKED, { authType: 'metadataServer', metadataHost: 'http://127.0.0.2:9', projectId: 'p' }),
		]);
		await ctx.n8n.importWorkflows(Object.keys(METHODS).map(workflowOf));
	});
	after(() => ctx?.dispose());

	describe('a workflow signs in and creates an interaction', () => {
		for (const [method, spec] of Object.entries(METHODS)) {
			test(method, async () => {
				await ctx.emulator.clearRequests();
				const { run, stdout, stderr } = await ctx.n8n.execute(`e2eSignIn-${method}`);
				assert.ok(run, `n8n printed an execution result:\n${stdout}\n${stderr}`);
				assert.equal(executionStatus(run), 'success', JSON.stringify(executionError(run)));
				const [item] = nodeItems(run, GEMINI_NODE);
				assert.match(item.text, new RegExp(`Signed in with ${method}`));

				const requests = await ctx.emulator.requests(isApiRequest);
				const chain = requests.filter((r) => SIGN_IN_FAMILIES.has(r.family));
				const calls = requests.filter((r) => !SIGN_IN_FAMILIES.has(r.family));
				const shown = (list) => list.map((r) => [r.family, r.path]);
				if (spec.sortChain) chain.sort((a, b) => a.path.localeCompare(b.path));
				assert.deepEqual(shown(chain), spec.chain, 'the sign-in requests');
				assert.ok(chain.every((r) => r.status === 200), JSON.stringify(chain.map((r) => r.status)));
				assert.deepEqual(calls.map((r) => [r.method, r.status]), [['POST', 200]], 'one create call');
				spec.check(chain, calls, { secrets });
			});
		}
	});

	describe("n8n's credential test (POST /rest/credentials/test)", () => {
		let cookie;
		let hasSsrfProtection;
		/** What the editor does: read the saved (redacted) data back, post it to the test endpoint. */
		const testCredential = async ({ id }) => {
			const saved = await fetch(`${ctx.n8n.url}/rest/credentials/${id}?includeData=true`, { headers: { cookie } });
			assert.equal(saved.status, 200, await saved.clone().text());
			const { data: credentials } = await saved.json();
			const res = await fetch(`${ctx.n8n.url}/rest/credentials/test`, {
				method: 'POST',
				headers: { cookie, 'content-type': 'application/json' },
				body: JSON.stringify({ credentials: pick(credentials, ['id', 'name', 'type', 'data']) }),
			});
			assert.equal(res.status, 200, await res.clone().text());
			return (await res.json()).data;
		};

		before(async () => {
			hasSsrfProtection = majorOf(ctx.n8n.runtime.n8nVersion) >= 2;
			await ctx.n8n.start({ env: hasSsrfProtection ? SSRF_ENV : {} });
			cookie = await setupOwner(ctx.n8n.url);
		});

		for (const [method, spec] of Object.entries(METHODS)) {
			test(`${method}: OK, after the whole sign-in chain`, async () => {
				await ctx.emulator.clearRequests();
				const result = await testCredential(credentialRef(method, 'test'));
				assert.equal(result.status, 'OK', result.message);
				const requests = await ctx.emulator.requests(isApiRequest);
				const chain = requests.filter((r) => SIGN_IN_FAMILIES.has(r.family)).map((r) => [r.family, r.path]);
				if (spec.sortChain) chain.sort((a, b) => a[1].localeCompare(b[1]));
				assert.deepEqual(chain, spec.chain, 'the test signs in afresh');
				const probes = requests.filter((r) => !SIGN_IN_FAMILIES.has(r.family));
				assert.deepEqual(probes.map((r) => [r.method, r.status]), [['GET', 200]], 'one authenticated read');
			});
		}

		test('a refused grant: the method and the step, never the secrets', async () => {
			await ctx.emulator.clearRequests();
			const result = await testCredential(REFUSED);
			assert.equal(result.status, 'Error');
			assert.match(
				result.message,
				/^Application Default Credentials \(user\): the refresh-token grant at http:\/\/127\.0\.0\.1:\d+\/token was refused with HTTP 401: invalid_client/,
			);
			for (const secret of [secrets.refusedAdc.client_secret, secrets.refusedAdc.refresh_token]) {
				assert.ok(!JSON.stringify(result).includes(secret), 'the answer does not echo a secret');
			}
			const requests = await ctx.emulator.requests(isApiRequest);
			assert.deepEqual(requests.map((r) => [r.family, r.status]), [['oauth', 401]], 'nothing after the refusal');
		});

		test("a metadata host SSRF protection does not allow: n8n's refusal, named by the step", async (t) => {
			if (!hasSsrfProtection) return t.skip(`n8n ${ctx.n8n.runtime.n8nVersion} has no SSRF protection`);
			const result = await testCredential(SSRF_BLOCKED);
			assert.equal(result.status, 'Error');
			assert.equal(
				result.message,
				"Metadata server: getting the service account's token failed: could not reach http://127.0.0.2:9/computeMetadata/v1/instance/service-accounts/default/token (The request was blocked because it resolves to a restricted IP address)",
			);
		});
	});
});

function pick(object, keys) {
	return Object.fromEntries(keys.filter((key) => key in object).map((key) => [key, object[key]]));
}
