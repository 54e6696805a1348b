import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import {
	asNonEmptyString,
	CLOUD_PLATFORM_SCOPE,
	parsePastedJson,
	postForm,
	postJson,
	readIamGrant,
	readJsonObject,
	readOAuthGrant,
	readText,
	requireStrings,
	send,
} from './exchange';
import type { HttpRequest, SignInMethod, TokenGrant } from './types';
import { bearer, bearerForQuotaProject, SignInError } from './types';

const LABEL = 'Workload identity federation';
const WHAT = 'external account JSON';
export const TOKEN_EXCHANGE_GRANT = 'urn:ietf:params:oauth:grant-type:token-exchange';
export const ACCESS_TOKEN_TYPE = 'urn:ietf:params:oauth:token-type:access_token';
const DEFAULT_LIFETIME_SECONDS = 3600;

/** Why each source that is not a URL is refused: n8n's verification forbids file, process and environment access. */
const REFUSED_SOURCES: Array<[field: string, why: string]> = [
	['file', 'reads a file on the n8n host'],
	['executable', 'runs a program on the n8n host'],
	['environment_id', 'reads environment variables and AWS metadata (AWS sources)'],
	['certificate', 'reads certificate files on the n8n host (X.509 sources)'],
];

interface UrlSource {
	url: string;
	headers: Record<string, string>;
	format: 'text' | 'json';
	fieldName?: string;
}

export interface ExternalAccount {
	audience: string;
	subject_token_type: string;
	token_url: string;
	source: UrlSource;
	impersonationUrl?: string;
	lifetimeSeconds: number;
	quota_project_id?: string;
	workforcePoolUserProject?: string;
	client?: { id: string; secret: string };
}

function readUrlSource(value: unknown): UrlSource {
	const source = value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
	if (!source) throw new SignInError(`${LABEL}: reading the ${WHAT} failed: it has no credential_source`);
	for (const [field, why] of REFUSED_SOURCES) {
		if (source[field] !== undefined) {
			throw new SignInError(
				`${LABEL}: the credential_source "${field}" is not supported: it ${why}, which n8n's verification forbids for community nodes. ` +
					'Serve the subject token over HTTP and use credential_source.url.',
			);
		}
	}
	const url = asNonEmptyString(source.url);
	if (!url) throw new SignInError(`${LABEL}: reading the ${WHAT} failed: credential_source has no url`);
	const headers = source.headers && typeof source.headers === 'object' ? (source.headers as Record<string, unknown>) : {};
	const format = (source.format ?? {}) as Record<string, unknown>;
	const formatType = String(format.type ?? 'text');
	if (formatType !== 'text' && formatType !== 'json') {
		throw new SignInError(`${LABEL}: reading the ${WHAT} failed: credential_source.format.type must be "text" or "json"`);
	}
	const fieldName = asNonEmptyString(format.subject_token_field_name);
	if (formatType === 'json' && !fieldName) {
		throw new SignInError(`${LABEL}: reading the ${WHAT} failed: credential_source.format has no subject_token_field_name`);
	}
	return {
		url,
		headers: Object.fromEntries(Object.entries(headers).map(([name, headerValue]) => [name, String(headerValue)])),
		format: formatType,
		fieldName,
	};
}

/** The `external_account` JSON that `gcloud iam workload-identity-pools create-cred-config` writes. */
export function parseExternalAccount(raw: unknown): ExternalAccount {
	const json = parsePastedJson(raw, LABEL, WHAT, 'external_account');
	const fields = requireStrings(json, ['audience', 'subject_token_type', 'token_url'] as const, LABEL, WHAT);
	const lifetime = Number((json.service_account_impersonation as Record<string, unknown> | undefined)?.token_lifetime_seconds);
	const clientId = asNonEmptyString(json.client_id);
	return {
		...fields,
		source: readUrlSource(json.credential_source),
		impersonationUrl: asNonEmptyString(json.service_account_impersonation_url),
		lifetimeSeconds: Number.isInteger(lifetime) && lifetime > 0 ? lifetime : DEFAULT_LIFETIME_SECONDS,
		quota_project_id: asNonEmptyString(json.quota_project_id),
		workforcePoolUserProject: asNonEmptyString(json.workforce_pool_user_project),
		client: clientId ? { id: clientId, secret: asNonEmptyString(json.client_secret) ?? '' } : undefined,
	};
}

const accountOf = (credentials: ICredentialDataDecryptedObject) => parseExternalAccount(credentials.externalAccountJson);

async function subjectToken(account: ExternalAccount, http: HttpRequest): Promise<string> {
	const { source } = account;
	const step = { label: LABEL, step: 'fetching the subject token from credential_source.url', url: source.url };
	const response = await send(http, step, { method: 'GET', headers: source.headers });
	if (source.format === 'text') return readText(step, response);
	const token = asNonEmptyString(readJsonObject(step, response)[source.fieldName as string]);
	if (!token) throw new SignInError(`${LABEL}: ${step.step} failed: the answer has no "${source.fieldName}"`);
	return token;
}

/** STS (RFC 8693): the subject token for a federated access token. */
async function exchangeAtSts(account: ExternalAccount, subject: string, http: HttpRequest): Promise<TokenGrant> {
	const step = { label: LABEL, step: 'the STS token exchange', url: account.token_url };
	const form: Record<string, string> = {
		grant_type: TOKEN_EXCHANGE_GRANT,
		audience: account.audience,
		scope: CLOUD_PLATFORM_SCOPE,
		requested_token_type: ACCESS_TOKEN_TYPE,
		subject_token: subject,
		subject_token_type: account.subject_token_type,
	};
	// Workforce pools bill a user project unless a client authenticates the exchange.
	if (account.workforcePoolUserProject && !account.client) {
		form.options = JSON.stringify({ userProject: account.workforcePoolUserProject });
	}
	const clientAuth: Record<string, string> = account.client
		? { Authorization: `Basic ${Buffer.from(`${account.client.id}:${account.client.secret}`).toString('base64')}` }
		: {};
	return readOAuthGrant(step, await postForm(http, step, form, clientAuth));
}

/** `POST {service_account_impersonation_url}`: the service account's token for the federated one. */
async function impersonate(account: ExternalAccount, federated: string, http: HttpRequest): Promise<TokenGrant> {
	const step = { label: LABEL, step: 'the service account impersonation', url: account.impersonationUrl as string };
	const body = { scope: [CLOUD_PLATFORM_SCOPE], lifetime: `${account.lifetimeSeconds}s` };
	return readIamGrant(step, await postJson(http, step, body, bearer(federated)));
}

/**
 * `externalAccount`: workload identity federation. A subject token from the URL the JSON names
 * is exchanged at STS, then, when the JSON says so, for a service account's token.
 */
export const externalAccount: SignInMethod = {
	label: LABEL,
	refreshesOn401: true,
	usesProject: true,
	canImpersonate: true,
	projectHint: 'or add quota_project_id to the JSON',
	projectFromSecret: (credentials) => accountOf(credentials).quota_project_id,
	identity(credentials) {
		const account = accountOf(credentials);
		return [account.audience, account.token_url, account.source.url, account.impersonationUrl ?? ''].join('\n');
	},
	async fetchToken(credentials, http) {
		const account = accountOf(credentials);
		const federated = await exchangeAtSts(account, await subjectToken(account, http), http);
		return account.impersonationUrl ? await impersonate(account, federated.accessToken, http) : federated;
	},
	requestHeaders: (credentials, token) => bearerForQuotaProject(token, accountOf(credentials).quota_project_id),
};
