/**
 * Case-insensitive header map that keeps the first spelling of each name, like
 * axios' AxiosHeaders. `false`/`null`/`undefined` values are "unset" markers that
 * block later non-overwriting sets but are never sent.
 */
type HeaderValue = string | false;

export class HeaderBag {
	private readonly entries = new Map<string, { name: string; value: HeaderValue }>();

	constructor(initial?: Record<string, unknown>) {
		for (const [name, value] of Object.entries(initial ?? {})) this.set(name, value, true);
	}

	has(name: string): boolean {
		return this.entries.has(name.toLowerCase());
	}

	get(name: string): string | undefined {
		const value = this.entries.get(name.toLowerCase())?.value;
		return typeof value === 'string' ? value : undefined;
	}

	/** `overwrite: false` only fills a header nobody has touched (axios' `rewrite=false`). */
	set(name: string, value: unknown, overwrite = true): void {
		const key = name.toLowerCase();
		const existing = this.entries.get(key);
		if (existing && !overwrite) return;
		const normalized: HeaderValue =
			value === undefined || value === null || value === false
				? false
				: Array.isArray(value)
					? value.map(String).join(', ')
					: String(value);
		this.entries.set(key, { name: existing?.name ?? name, value: normalized });
	}

	delete(name: string): void {
		this.entries.delete(name.toLowerCase());
	}

	/** Headers that will actually be sent. */
	toObject(): Record<string, string> {
		const result: Record<string, string> = {};
		for (const { name, value } of this.entries.values()) {
			if (value !== false) result[name] = value;
		}
		return result;
	}
}
