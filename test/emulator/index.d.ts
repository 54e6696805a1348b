/* eslint-disable -- test code runs in Node, not in n8n: eslint.dev.config.mjs lints it instead of n8n's node rules */
// Public API of the Gemini Interactions/Agents API emulator (index.js). Keep in sync.

export interface EmulatorOptions {
  /** 0 = random free port; the host is always 127.0.0.1. */
  port?: number;
  /** Accepted `x-goog-api-key` values. Default `['test-api-key']`. */
  apiKeys?: string[];
  /** Bearer tokens accepted as-is (the "paste an access token" credential mode). Default `['static-token']`. */
  accessTokens?: string[];
  /** Run time of background/agent interactions. Default 1500. */
  backgroundDurationMs?: number;
  /** Lifetime of tokens minted by `POST /token`. Default 3599. */
  tokenTtlSeconds?: number;
  /** Pause between SSE events. Default 5. */
  streamChunkDelayMs?: number;
  /** Interval of `: keepalive` comments while a stream waits for a background run. Default 1000. */
  sseKeepaliveMs?: number;
  /** Added before answering every API/token request. Default 0. */
  latencyMs?: number;
  /** false: log one line per request (and internal errors) to the console. Default true. */
  quiet?: boolean;
  /** First wait before a webhook delivery is retried (doubles each time). Default 200. */
  webhookRetryDelayMs?: number;
  /** Attempts per webhook delivery (non-2xx answers and network errors are retried). Default 5. */
  webhookMaxAttempts?: number;
  /** How long an environment may stay unused before it expires (Google: 7 days). Default 7 days. */
  environmentIdleMs?: number;
  /** How long an uploaded Files API file stays PROCESSING before it is ACTIVE. Default 300. */
  fileProcessingMs?: number;
  /** What the metadata server's project/project-id answers. Default 'emulator-project'. */
  metadataProject?: string;
  /** The runtime service account whose tokens the metadata server hands out. */
  metadataServiceAccount?: string;
  /** Lifetime of the fake IdP's subject tokens (workload identity federation). Default 3600. */
  subjectTokenTtlSeconds?: number;
}

/** One attempt to deliver a webhook event. */
export interface WebhookDelivery {
  /** `webhook-id`: the same for every attempt and duplicate of one event. */
  webhookId: string;
  uri: string;
  /** jwt: per-request `webhook_config.uris`; hmac: a project webhook (Standard Webhooks). */
  mode: 'jwt' | 'hmac';
  type: string;
  interactionId?: string;
  hookId?: string;
  attempt: number;
  /** HTTP status answered; 0 for a network error; null while in flight. */
  status: number | null;
  response?: string;
  body: any;
  sentAt: number;
}

/** What a finished resumable upload received (Files API or environment file). */
export interface UploadRecord {
  /** `files/<id>`, or `<environment id>/<path>`. */
  target: string;
  bytes: number;
  /** Hex sha256 of the received bytes. */
  sha256: string;
}

export interface AuthInfo {
  scheme: 'api-key' | 'bearer' | 'query-key' | 'none';
  valid: boolean;
  /** client_email of the service account, for tokens minted by the token endpoint. */
  principal?: string;
}

export interface MediaRecord {
  type: string;
  mime_type: string | null;
  bytes: number;
  sha256: string;
}

export interface RequestLogEntry {
  seq: number;
  method: string;
  path: string;
  /** Parsed query; a `key` parameter is '<redacted>'. */
  query: Record<string, string>;
  /** Path + query as received (`key=` redacted). */
  url: string;
  /** Lower-cased; x-goog-api-key / authorization values are '<redacted>'. */
  headers: Record<string, string | string[] | undefined>;
  auth: AuthInfo;
  /** 'oauth' for the token endpoint, 'unknown' for paths that match no route. */
  family: 'gemini' | 'enterprise' | 'express' | 'oauth' | 'metadata' | 'sts' | 'idp' | 'iam' | 'unknown';
  apiVersion?: 'v1' | 'v1beta' | 'v1beta1';
  project?: string;
  location?: string;
  /** Parsed JSON (or the token form, assertion redacted); null when empty or not JSON. */
  body: any;
  bodyBytes: number;
  /** One per content block with inline base64 `data` anywhere in `input`. */
  media: MediaRecord[];
  /** Status actually sent; 0 for a reset connection; null while no status is sent yet. */
  status: number | null;
  /** true when answered with text/event-stream. */
  stream: boolean;
  /** Epoch milliseconds. */
  startedAt: number;
  endedAt: number | null;
  /** In-flight API requests when this one started, itself included (0 for token requests). */
  inFlightAtStart: number;
  /** On the request that finalized a resumable upload. */
  upload?: UploadRecord;
}

export interface Fault {
  match?: {
    method?: string;
    /** Substring of, or RegExp tested against, the path + query. */
    path?: string | RegExp;
    /** RegExp source (for the HTTP control API, where RegExp objects cannot be sent). */
    pathRegex?: string;
    /** Substring of the raw request body. */
    bodyIncludes?: string;
  };
  /** Number of matching requests the fault applies to. Default 1. */
  times?: number;
  /** Answer with this status; body defaults to a Google-shaped error. */
  status?: number;
  /** JSON value or raw string; with no status it is sent with 200. */
  body?: unknown;
  /** `Retry-After` header value (seconds). */
  retryAfter?: number | string;
  /** `retry-after-ms` header value. */
  retryAfterMs?: number;
  /** Every token minted so far expires as this request arrives (before it is authenticated). */
  revokeTokens?: boolean;
  /** Hold the request this long before answering (normally, unless other fields say otherwise). */
  delayMs?: number;
  /** SSE: write this many events, then destroy the socket. */
  dropAfterEvents?: number;
  /** 200 with a truncated, unparsable JSON body. */
  malformed?: boolean;
  /** Override the Content-Type of whatever is sent. */
  contentType?: string;
  /** SSE: after `afterEvents` (default 2) events send an `error` event and end the stream. */
  sseError?: boolean | { code?: string; message?: string; afterEvents?: number };
  /** Destroy the socket without any response. */
  resetConnection?: boolean;
}

/** Quota and capacity modes (quota.js); any combination. Refusals are answered at once. */
export interface QuotaMode {
  /** Only requests matching this count (default: every API request). */
  match?: { method?: string; path?: string };
  /** Fixed windows of `windowMs` (default 60000) starting with their first request; more → 429 with RetryInfo (time left in the window) and QuotaFailure. */
  requestsPerWindow?: number;
  windowMs?: number;
  /** Default `GenerateRequestsPerMinutePerProjectPerModel-FreeTier`. */
  quotaId?: string;
  /** Admitted requests in total; more → 429 naming a per-day quota. */
  requestsPerDay?: number;
  /** Default `GenerateRequestsPerDayPerProjectPerModel-FreeTier`. */
  dailyQuotaId?: string;
  /** RetryInfo of the daily refusal; default the time until midnight UTC. */
  dailyRetryDelayMs?: number;
  /** Admit at most this many requests at a time; more → 429 without details. */
  maxConcurrent?: number;
  /** Hold every admitted request this long before answering it. */
  answerDelayMs?: number;
}

export interface ServiceAccountKey {
  type: 'service_account';
  project_id: string;
  private_key_id: string;
  private_key: string;
  client_email: string;
  client_id: string;
  auth_uri: string;
  token_uri: string;
  auth_provider_x509_cert_url: string;
  client_x509_cert_url: string;
  universe_domain: string;
}

export interface AuthorizedUserJson {
  type: 'authorized_user';
  account: string;
  client_id: string;
  client_secret: string;
  refresh_token: string;
  /** Not written by gcloud; points the refresh grant at this emulator. */
  token_uri: string;
  quota_project_id?: string;
  universe_domain: string;
}

export interface ExternalAccountJson {
  type: 'external_account';
  audience: string;
  subject_token_type: string;
  token_url: string;
  credential_source: {
    url: string;
    headers: Record<string, string>;
    format: { type: 'text' | 'json'; subject_token_field_name?: string };
  };
  service_account_impersonation_url?: string;
  quota_project_id?: string;
  universe_domain: string;
}

export interface Emulator {
  /** 'http://127.0.0.1:PORT' — base URL for both credential types. */
  readonly url: string;
  /** url + '/token' */
  readonly tokenUrl: string;
  /** The live request log, oldest first. */
  readonly requests: RequestLogEntry[];
  /** Highest number of concurrent API requests since the last clearRequests(). */
  readonly maxInFlight: number;
  clearRequests(): void;
  /** url + '/.well-known/jwks.json': the public key of per-request webhook JWTs. */
  readonly jwksUrl: string;
  /** Every webhook delivery attempt so far (live array). */
  readonly webhookDeliveries: WebhookDelivery[];
  /** The next `count` events are delivered twice (same `webhook-id`), as an at-least-once sender may. */
  duplicateWebhookDeliveries(count?: number): void;
  /** Resolves when no webhook delivery (or retry) is pending. */
  webhooksIdle(): Promise<void>;
  /** A JWT signed with the emulator's webhook key (kid included), for tests. */
  signWebhookJwt(claims: object): string;
  /** A full service-account key whose public key the token endpoint accepts. */
  createServiceAccountKey(opts?: { projectId?: string; clientEmail?: string }): ServiceAccountKey;
  registerServiceAccount(clientEmail: string, publicKeyPem: string): void;
  /** Every token minted so far now gets 401. */
  revokeTokens(): void;
  /** An ADC user JSON (`gcloud auth application-default login`) whose refresh token POST /token accepts. */
  createAuthorizedUser(opts?: { quotaProjectId?: string }): AuthorizedUserJson;
  /** An `external_account` JSON whose URL source is this emulator's fake IdP and whose token_url is its STS. */
  createExternalAccount(opts?: { format?: 'text' | 'json'; impersonate?: string; quotaProjectId?: string }): ExternalAccountJson;
  /** Lets generateAccessToken issue tokens for this service account (`impersonated@<metadataProject>.iam…` always works). */
  addImpersonationTarget(email: string): void;
  addFault(fault: Fault): void;
  clearFaults(): void;
  /** Turns the quota/capacity mode on (a new mode starts with fresh counters) or off (null). */
  setQuota(mode: QuotaMode | null): void;
  /** Requests admitted and refused since the last setQuota, and those being answered now. */
  readonly quotaStats: { admitted: number; refused: number; inFlight: number };
  /** Agent sandboxes: expiry and test files. */
  environments: {
    /** The environment counts as idle too long from now on (status "expired", files 404). */
    expire(id: string): void;
    /** Moves the environments' clock forward, e.g. by 8 days. */
    advanceClock(ms: number): void;
    /** Puts a file into an environment (created in the Gemini API scope if unknown). `size` makes deterministic pseudo-random content of that size without holding it in memory. */
    putFile(
      id: string,
      path: string,
      file: { text?: string; base64?: string; size?: number; seed?: string; mimeType?: string; scope?: string },
    ): Record<string, string>;
  };
  close(): Promise<void>;
}

export function startEmulator(options?: EmulatorOptions): Promise<Emulator>;
