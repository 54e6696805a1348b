import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

export interface RecordedRequest {
	method: string;
	url: string;
	/** Header names as sent; values of secret-looking headers and known secrets are redacted. */
	headers: Record<string, string>;
	/** HTTP status of the final response, when one arrived. */
	status?: number;
	/** Error code (e.g. `ECONNREFUSED`, `ERR_CANCELED`) when the request failed without a response. */
	errorCode?: string;
}

export interface LogEntry {
	level: string;
	message: string;
	meta?: unknown;
}

export interface RecordedChunk {
	type: string;
	itemIndex: number;
	/** What n8n puts in the StructuredChunk: strings as-is, objects JSON-stringified. */
	content?: unknown;
}

export interface CredentialUpdate {
	type: string;
	data: ICredentialDataDecryptedObject;
}

/** Collects what happens during one harness run. */
export class Recorder {
	readonly requests: RecordedRequest[] = [];
	readonly logs: LogEntry[] = [];
	readonly chunks: RecordedChunk[] = [];
	private readonly secrets = new Set<string>();

	addSecret(value: unknown): void {
		if (typeof value === 'string' && value.length >= 4) this.secrets.add(value);
	}

	redact(value: string): string {
		let result = value;
		// Longest first so a secret containing another secret is masked whole.
		for (const secret of [...this.secrets].sort((a, b) => b.length - a.length)) {
			if (result.includes(secret)) result = result.split(secret).join(mask(secret));
		}
		return result;
	}

	log(level: string, message: string, meta?: unknown): void {
		this.logs.push(meta === undefined ? { level, message } : { level, message, meta });
	}
}

/** n8n's credential-test redaction style: `*****` plus the last three characters. */
export function mask(secret: string): string {
	return secret.length >= 8 ? `*****${secret.slice(-3)}` : '*****';
}

export function harnessNotImplemented(name: string): never {
	throw new Error(`harness: ${name} not implemented`);
}
