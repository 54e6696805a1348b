import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';

import type { HttpRequest, TokenGrant } from './types';
import { SignInError } from './types';

/** The scope every method asks for: Vertex AI accepts nothing narrower. */
export const CLOUD_PLATFORM_SCOPE = 'https://www.googleapis.com/auth/cloud-platform';

const EXCHANGE_TIMEOUT_MS = 30_000;

export function asNonEmptyString(value: unknown): string | undefined {
	return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

export function safeJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return undefined;
	}
}

function asObject(body: unknown): Record<string, unknown> | undefined {
	const value = typeof body === 'string' ? safeJson(body) : Buffer.isBuffer(body) ? safeJson(body.toString('utf8')) : body;
	return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/**
 * A URL as errors show it: scheme, host and path, never the query (which may carry a secret), and
 * no `:generateAccessToken` ("generatEACCESsToken" would make n8n swap the message for its EACCES text).
 */
export function where(url: string): string {
	try {
		const parsed = new URL(url);
		return `${parsed.origin}${parsed.pathname.replace(/:generateAccessToken$/, '')}`;
	} catch {
		return 'an invalid URL';
	}
}

/**
 * A JSON document the user pasted (an ADC file, an external-account configuration), as an object.
 * Errors say what is wrong and how to fix it, never quoting the text.
 */
export function parsePastedJson(raw: unknown, label: string, what: string, expectedType: string): Record<string, unknown> {
	let parsed: unknown = raw;
	if (typeof raw === 'string') {
		if (raw.trim() === '') throw new SignInError(`${label}: reading the ${what} failed: it is empty; paste the whole JSON file`);
		parsed = safeJson(raw);
		if (parsed === undefined) {
			throw new SignInError(`${label}: reading the ${what} failed: it is not valid JSON; paste the whole JSON file`);
		}
	}
	const json = asObject(parsed);
	if (!json) throw new SignInError(`${label}: reading the ${what} failed: it must be a JSON object`);
	if (json.type !== undefined && json.type !== expectedType) {
		throw new SignInError(
			`${label}: reading the ${what} failed: its type is "${String(json.type)}", expected "${expectedType}"`,
		);
	}
	return json;
}

/** The named fields as strings, or an error listing the missing ones (by name only). */
export function requireStrings<K extends string>(
	json: Record<string, unknown>,
	fields: readonly K[],
	label: string,
	what: string,
): Record<K, string> {
	const missing = fields.filter((field) => !asNonEmptyString(json[field]));
	if (missing.length > 0) {
		throw new SignInError(`${label}: reading the ${what} failed: it has no ${missing.join(', ')}`);
	}
	return Object.fromEntries(fields.map((field) => [field, asNonEmptyString(json[field])])) as Record<K, string>;
}

export interface ExchangeResponse {
	statusCode: number;
	body: unknown;
}

/** One step of a sign-in: which method, what it does ("the STS token exchange"), where. */
export interface Step {
	label: string;
	step: string;
	url: string;
}

/**
 * Network failures in words. Not the codes themselves: n8n replaces any error message that
 * contains ECONNREFUSED, ENOTFOUND… with a generic sentence, and the step would be lost.
 */
const NETWORK_FAILURES: Record<string, string> = {
	ECONNREFUSED: 'connection refused',
	ENOTFOUND: 'host not found',
	EAI_AGAIN: 'host name lookup failed',
	ETIMEDOUT: 'timed out',
	ECONNRESET: 'connection reset',
	ECONNABORTED: 'timed out',
	EHOSTUNREACH: 'host unreachable',
};

function networkFailure(error: unknown): string {
	const candidate = error as { code?: unknown; cause?: { code?: unknown }; message?: unknown };
	const code = candidate?.cause?.code ?? candidate?.code;
	if (typeof code === 'string' && NETWORK_FAILURES[code]) return NETWORK_FAILURES[code];
	// n8n itself may refuse to send (its SSRF protection): its words tell the admin what to allow
	return typeof candidate?.message === 'string' && candidate.message ? candidate.message : 'no answer';
}

/**
 * Sends one request of a sign-in chain. Any HTTP answer comes back to be read; no answer at all
 * (refused connection, DNS, timeout) is a SignInError that is not a refusal, so it is not remembered.
 */
export async function send(
	http: HttpRequest,
	step: Step,
	options: Omit<IHttpRequestOptions, 'url' | 'returnFullResponse' | 'ignoreHttpStatusErrors'>,
): Promise<ExchangeResponse> {
	let failure: unknown;
	try {
		const response = (await http({
			timeout: EXCHANGE_TIMEOUT_MS,
			...options,
			url: step.url,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
		})) as ExchangeResponse;
		return { statusCode: Number(response.statusCode), body: response.body };
	} catch (error) {
		failure = error;
	}
	throw new SignInError(`${step.label}: ${step.step} failed: could not reach ${where(step.url)} (${networkFailure(failure)})`, false);
}

/** A form POST (`application/x-www-form-urlencoded`), as OAuth and STS token endpoints take. */
export async function postForm(
	http: HttpRequest,
	step: Step,
	form: Record<string, string>,
	headers: Record<string, string> = {},
): Promise<ExchangeResponse> {
	return await send(http, step, {
		method: 'POST',
		headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json', ...headers },
		body: new URLSearchParams(form).toString(),
	});
}

/** A JSON POST with a bearer token, as the IAM Credentials API takes. */
export async function postJson(
	http: HttpRequest,
	step: Step,
	body: IDataObject,
	headers: Record<string, string>,
): Promise<ExchangeResponse> {
	return await send(http, step, { method: 'POST', headers: { Accept: 'application/json', ...headers }, body, json: true });
}

/**
 * Why a server said no, in its own words: OAuth's `error: error_description`, Google's
 * `{"error":{"status","message"}}`, or the start of a plain-text answer.
 */
function reason(body: unknown): string {
	const json = asObject(body);
	if (json) {
		const error = json.error;
		if (error && typeof error === 'object') {
			const { status, message } = error as Record<string, unknown>;
			return [status, message].filter((part) => typeof part === 'string' && part).join(': ');
		}
		return [json.error, json.error_description].filter((part) => typeof part === 'string' && part).join(': ');
	}
	const text = typeof body === 'string' ? body : Buffer.isBuffer(body) ? body.toString('utf8') : '';
	return text.replace(/\s+/g, ' ').trim().slice(0, 200);
}

export function refusal(step: Step, response: ExchangeResponse): SignInError {
	const why = reason(response.body);
	return new SignInError(
		`${step.label}: ${step.step} at ${where(step.url)} was refused with HTTP ${response.statusCode}` + (why ? `: ${why}` : ''),
	);
}

function isSuccess(response: ExchangeResponse): boolean {
	return response.statusCode >= 200 && response.statusCode < 300;
}

function malformed(step: Step, missing: string): SignInError {
	return new SignInError(`${step.label}: ${step.step} at ${where(step.url)} answered without ${missing}`);
}

/** An OAuth 2.0 token response (`access_token`, `expires_in`), as token, STS and metadata endpoints give. */
export function readOAuthGrant(step: Step, response: ExchangeResponse): TokenGrant {
	if (!isSuccess(response)) throw refusal(step, response);
	const json = asObject(response.body);
	const token = asNonEmptyString(json?.access_token);
	if (!json || !token) throw malformed(step, 'an access_token');
	const expiresIn = Number(json.expires_in);
	return { accessToken: token, expiresInSeconds: Number.isFinite(expiresIn) && expiresIn > 0 ? expiresIn : undefined };
}

/** The IAM Credentials API's answer: `accessToken` and `expireTime` (RFC 3339). */
export function readIamGrant(step: Step, response: ExchangeResponse, now: number = Date.now()): TokenGrant {
	if (!isSuccess(response)) throw refusal(step, response);
	const json = asObject(response.body);
	const token = asNonEmptyString(json?.accessToken);
	if (!json || !token) throw malformed(step, 'an accessToken');
	const expiresAt = Date.parse(String(json.expireTime ?? ''));
	const expiresInSeconds = Number.isFinite(expiresAt) ? Math.floor((expiresAt - now) / 1000) : undefined;
	return { accessToken: token, expiresInSeconds: expiresInSeconds !== undefined && expiresInSeconds > 0 ? expiresInSeconds : undefined };
}

/** A plain-text answer (the metadata server's project ID). */
export function readText(step: Step, response: ExchangeResponse): string {
	if (!isSuccess(response)) throw refusal(step, response);
	const raw = response.body;
	const text = (typeof raw === 'string' ? raw : Buffer.isBuffer(raw) ? raw.toString('utf8') : typeof raw === 'number' ? String(raw) : '').trim();
	if (!text) throw malformed(step, 'a value');
	return text;
}

/** The JSON object of a successful answer (a subject-token source in json format). */
export function readJsonObject(step: Step, response: ExchangeResponse): Record<string, unknown> {
	if (!isSuccess(response)) throw refusal(step, response);
	const json = asObject(response.body);
	if (!json) throw malformed(step, 'a JSON object');
	return json;
}
