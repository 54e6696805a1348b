/**
 * Paths inside an agent's environment as users write them (`/workspace/out/*.pdf`) and as Google
 * lists them (`workspace/out/report.pdf`, relative to the root).
 */

/** `/workspace//out/` → `workspace/out`; '' is the root. */
export function normalizeEnvironmentPath(path: string): string {
	return path
		.trim()
		.split('/')
		.filter((part) => part !== '' && part !== '.')
		.join('/');
}

export function isGlob(pattern: string): boolean {
	return /[*?[]/.test(pattern);
}

/** The directory a pattern's matches are under: the segments before the first one with a wildcard. */
export function globBase(pattern: string): string {
	const segments = normalizeEnvironmentPath(pattern).split('/');
	const firstWild = segments.findIndex((segment) => isGlob(segment));
	return segments.slice(0, firstWild === -1 ? segments.length : firstWild).join('/');
}

/**
 * A glob as a RegExp over normalized paths: `*` and `?` stay inside one segment, `**` spans
 * segments, `[abc]` is a character class.
 */
export function globToRegExp(pattern: string): RegExp {
	const normalized = normalizeEnvironmentPath(pattern);
	let source = '';
	for (let i = 0; i < normalized.length; i++) {
		const char = normalized[i];
		if (char === '*' && normalized[i + 1] === '*') {
			const slashAfter = normalized[i + 2] === '/';
			source += slashAfter ? '(?:.*/)?' : '.*';
			i += slashAfter ? 2 : 1;
		} else if (char === '*') source += '[^/]*';
		else if (char === '?') source += '[^/]';
		else if (char === '[') {
			const end = normalized.indexOf(']', i + 1);
			if (end === -1) source += '\\[';
			else {
				source += `[${normalized.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\')}]`;
				i = end;
			}
		} else source += char.replace(/[.+^${}()|\\]/g, '\\$&');
	}
	return new RegExp(`^${source}$`);
}

/** The last segment: the file name a download gets. */
export function baseName(path: string): string {
	return normalizeEnvironmentPath(path).split('/').pop() ?? '';
}
