import { createVerify, generateKeyPairSync } from 'node:crypto';

import {
	CLOUD_PLATFORM_SCOPE,
	createJwtAssertion,
	GOOGLE_TOKEN_URI,
	parseServiceAccountKey,
	readTokenResponse,
	tokenRequestBody,
} from '../../credentials/common/signIn/serviceAccountKey';

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const privatePem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

const keyJson = {
	type: 'service_account',
	project_id: 'acme-prod',
	private_key_id: 'kid-123',
	private_key: privatePem,
	client_email: 'n8n@acme-prod.iam.gserviceaccount.com',
	token_uri: 'https://oauth2.example.test/token',
};

const decode = (part: string) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));

describe('parseServiceAccountKey', () => {
	it('reads a pasted key file, with escaped newlines in the PEM as some tools produce', () => {
		const escaped = JSON.stringify({ ...keyJson, private_key: privatePem.replace(/\n/g, '\\n') });
		const key = parseServiceAccountKey(escaped);
		expect(key).toMatchObject({
			client_email: keyJson.client_email,
			token_uri: keyJson.token_uri,
			project_id: 'acme-prod',
		});
		expect(key.private_key).toBe(privatePem);
	});

	it("defaults token_uri to Google's token endpoint", () => {
		const { token_uri, ...withoutUri } = keyJson;
		expect(token_uri).toBeDefined();
		expect(parseServiceAccountKey(withoutUri).token_uri).toBe(GOOGLE_TOKEN_URI);
	});

	it.each([
		['', /empty/],
		['{"type": "service_account", "private_key": "-----BEGIN', /not valid JSON/],
		['[]', /JSON object/],
		[JSON.stringify({ ...keyJson, private_key: undefined }), /no private_key/],
		[JSON.stringify({ ...keyJson, client_email: '' }), /no client_email/],
		[JSON.stringify({ type: 'authorized_user', client_id: 'x' }), /no client_email or private_key/],
		[JSON.stringify({ ...keyJson, private_key: 'not a pem' }), /not a PEM private key/],
	])('rejects a bad key with a clear message that never echoes it (%#)', (raw, message) => {
		let caught: Error | undefined;
		try {
			parseServiceAccountKey(raw);
		} catch (error) {
			caught = error as Error;
		}
		expect(caught?.message).toMatch(message);
		expect(caught?.message).not.toContain('BEGIN');
		expect(caught?.message).not.toContain(privatePem.slice(40, 80));
	});
});

describe('createJwtAssertion', () => {
	it('signs an RS256 JWT that verifies with the public key and carries Google\'s claims', () => {
		const key = parseServiceAccountKey(keyJson);
		const jwt = createJwtAssertion(key, 1_800_000_000);
		const [header, claims, signature] = jwt.split('.');
		expect(decode(header)).toEqual({ alg: 'RS256', typ: 'JWT', kid: 'kid-123' });
		expect(decode(claims)).toEqual({
			iss: keyJson.client_email,
			sub: keyJson.client_email,
			aud: keyJson.token_uri,
			scope: CLOUD_PLATFORM_SCOPE,
			iat: 1_800_000_000,
			exp: 1_800_003_600,
		});
		const verifier = createVerify('RSA-SHA256').update(`${header}.${claims}`);
		expect(verifier.verify(publicKey, Buffer.from(signature, 'base64url'))).toBe(true);
	});

	it('fails clearly on a corrupted private key', () => {
		const key = { ...parseServiceAccountKey(keyJson), private_key: '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----' };
		expect(() => createJwtAssertion(key)).toThrow(/could not be used to sign/);
	});

	it('is sent as a form body with the JWT bearer grant', () => {
		expect(new URLSearchParams(tokenRequestBody('a.b.c')).get('grant_type')).toBe(
			'urn:ietf:params:oauth:grant-type:jwt-bearer',
		);
	});
});

describe('readTokenResponse', () => {
	it('returns the access token and its lifetime when Google gives one', () => {
		expect(readTokenResponse(200, { access_token: 'ya29.x', expires_in: 3599 }, GOOGLE_TOKEN_URI)).toEqual({
			accessToken: 'ya29.x',
			expiresInSeconds: 3599,
		});
		expect(readTokenResponse(200, '{"access_token":"ya29.y"}', GOOGLE_TOKEN_URI)).toEqual({
			accessToken: 'ya29.y',
			expiresInSeconds: undefined,
		});
	});

	it("says why the token endpoint refused the key", () => {
		expect(() =>
			readTokenResponse(400, { error: 'invalid_grant', error_description: 'Invalid JWT Signature.' }, GOOGLE_TOKEN_URI),
		).toThrow(`The token endpoint (${GOOGLE_TOKEN_URI}) refused the service account key with HTTP 400: invalid_grant: Invalid JWT Signature.`);
		expect(() => readTokenResponse(200, {}, GOOGLE_TOKEN_URI)).toThrow(/refused the service account key/);
	});
});
