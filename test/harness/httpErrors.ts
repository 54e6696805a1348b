/**
 * Errors shaped like the ones axios 1.x (what n8n's request helpers use) throws.
 *
 * n8n code and NodeApiError inspect these by shape: `isAxiosError`, `code`,
 * `response.{status,statusText,headers,data}`, and `constructor.name === 'AxiosError'`
 * (that is how NodeApiError picks the HTTP code), so the class names matter.
 */

export interface HarnessAxiosConfig {
	url: string;
	method: string;
	headers: Record<string, string>;
	data?: unknown;
	timeout: number;
	responseType?: string;
}

export interface HarnessAxiosResponse {
	status: number;
	statusText: string;
	headers: Record<string, string | string[]>;
	data: unknown;
	config: HarnessAxiosConfig;
	request?: unknown;
}

export class AxiosError extends Error {
	readonly isAxiosError = true;
	code?: string;
	config?: HarnessAxiosConfig;
	request?: unknown;
	response?: HarnessAxiosResponse;
	status?: number;

	constructor(
		message: string,
		code?: string,
		config?: HarnessAxiosConfig,
		response?: HarnessAxiosResponse,
	) {
		super(message);
		this.name = 'AxiosError';
		this.code = code;
		this.config = config;
		this.response = response;
		if (response) this.status = response.status;
	}

	toJSON(): Record<string, unknown> {
		return {
			message: this.message,
			name: this.name,
			stack: this.stack,
			config: this.config,
			code: this.code,
			status: this.status,
		};
	}

	/** Like `AxiosError.from`: wraps a low-level error (ECONNREFUSED, ...) keeping its code. */
	static fromError(error: Error & { code?: string }, config?: HarnessAxiosConfig): AxiosError {
		const wrapped = new AxiosError(error.message, error.code, config);
		wrapped.cause = error;
		return wrapped;
	}
}

export class CanceledError extends AxiosError {
	readonly __CANCEL__ = true;

	constructor(message?: string, config?: HarnessAxiosConfig) {
		super(message ?? 'canceled', 'ERR_CANCELED', config);
		this.name = 'CanceledError';
	}
}

/** axios' `settle`: the code depends on the status class. */
export function statusError(response: HarnessAxiosResponse): AxiosError {
	const codes = ['ERR_BAD_REQUEST', 'ERR_BAD_RESPONSE'];
	const code = codes[Math.floor(response.status / 100) - 4];
	return new AxiosError(
		`Request failed with status code ${response.status}`,
		code,
		response.config,
		response,
	);
}
