/**
 * Wire shapes of the Gemini Files API and of agent environments, as `@google/genai` 3.1.0 types them
 * (dist/genai.d.ts: `File`, `ListFilesResponse`; `Environment`, `EnvironmentFile`,
 * `GetEnvironmentFilesResponse`). Int64 fields arrive as strings.
 */

export type GeminiFileState = 'STATE_UNSPECIFIED' | 'PROCESSING' | 'ACTIVE' | 'FAILED';

/** A Files API file (camelCase: the Files API is one of Google's classic REST APIs). */
export interface GeminiFile {
	name: string;
	displayName?: string;
	mimeType?: string;
	sizeBytes?: string;
	createTime?: string;
	updateTime?: string;
	expirationTime?: string;
	sha256Hash?: string;
	uri?: string;
	state?: GeminiFileState;
	source?: string;
	error?: { code?: number; message?: string };
}

export interface GeminiFileList {
	files?: GeminiFile[];
	nextPageToken?: string;
}

/** An agent's sandbox. */
export interface Environment {
	id: string;
	created?: string;
	updated?: string;
	last_accessed?: string;
	status?: 'active' | 'expired' | string;
	file_count?: string;
	size_bytes?: string;
	[key: string]: unknown;
}

/** A file or directory inside an environment; `path` is relative to its root (`workspace/out/report.pdf`). */
export interface EnvironmentFile {
	name?: string;
	path?: string;
	type?: 'file' | 'directory' | string;
	size_bytes?: string;
	mime_type?: string;
	created?: string;
	modified?: string;
}

export interface EnvironmentFileList {
	files?: EnvironmentFile[];
	next_page_token?: string;
}
