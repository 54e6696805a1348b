/**
 * Query-string building the way n8n's axios setup does it: `qs.stringify` with
 * `arrayFormat: 'indices'` by default (or the request's `arrayFormat`), RFC 3986
 * encoding, keys encoded too (`a%5B0%5D=1`).
 */

export type ArrayFormat = 'indices' | 'brackets' | 'repeat' | 'comma';

export function qsEncode(value: string): string {
	return encodeURIComponent(value).replace(
		/[!'()*]/g,
		(c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
	);
}

function scalar(value: unknown): string {
	if (value instanceof Date) return value.toISOString();
	return String(value);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

function walk(prefix: string, value: unknown, format: ArrayFormat, out: string[]): void {
	if (value === undefined) return;
	if (value === null) {
		out.push(`${qsEncode(prefix)}=`);
		return;
	}
	if (Array.isArray(value)) {
		if (format === 'comma') {
			if (value.length) out.push(`${qsEncode(prefix)}=${qsEncode(value.map(scalar).join(','))}`);
			return;
		}
		value.forEach((entry, index) => {
			const key =
				format === 'indices' ? `${prefix}[${index}]` : format === 'brackets' ? `${prefix}[]` : prefix;
			walk(key, entry, format, out);
		});
		return;
	}
	if (isPlainObject(value)) {
		for (const [key, entry] of Object.entries(value)) walk(`${prefix}[${key}]`, entry, format, out);
		return;
	}
	out.push(`${qsEncode(prefix)}=${qsEncode(scalar(value))}`);
}

export function stringifyQuery(
	params: Record<string, unknown> | URLSearchParams | undefined,
	format: ArrayFormat = 'indices',
): string {
	if (!params) return '';
	if (params instanceof URLSearchParams) return params.toString();
	const out: string[] = [];
	for (const [key, value] of Object.entries(params)) walk(key, value, format, out);
	return out.join('&');
}

/** axios' `buildURL`: drop the hash, then append with `?` or `&`. */
export function appendQuery(url: string, query: string): string {
	if (!query) return url;
	const hashAt = url.indexOf('#');
	const base = hashAt === -1 ? url : url.slice(0, hashAt);
	return `${base}${base.includes('?') ? '&' : '?'}${query}`;
}

/** axios' `buildFullPath` (absolute URLs win over baseURL). */
export function buildFullPath(baseURL: string | undefined, url: string): string {
	const isAbsolute = /^([a-z][a-z\d+\-.]*:)?\/\//i.test(url);
	if (!baseURL || isAbsolute) return url;
	return url ? `${baseURL.replace(/\/?\/$/, '')}/${url.replace(/^\/+/, '')}` : baseURL;
}

/** axios' object → x-www-form-urlencoded serialisation (`a[b]=c`, arrays as `a[]`). */
export function urlEncodeForm(data: Record<string, unknown>): string {
	const params = new URLSearchParams();
	const add = (prefix: string, value: unknown): void => {
		if (value === undefined) return;
		if (Array.isArray(value)) value.forEach((entry) => add(`${prefix}[]`, entry));
		else if (isPlainObject(value)) {
			for (const [key, entry] of Object.entries(value)) add(`${prefix}[${key}]`, entry);
		} else params.append(prefix, value === null ? '' : scalar(value));
	};
	for (const [key, value] of Object.entries(data)) add(key, value);
	return params.toString();
}
