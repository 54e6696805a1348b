// The npm registry reachable here lacks the other-platform builds of some native packages
// (@unrs/resolver-binding-*, optional dependencies of unrs-resolver, used by jest and eslint).
// `npm install` then writes no lock entry for them and `npm ci` refuses the lock file
// ("Missing: … from lock file"). This adds an entry per missing optional build with its os/cpu/libc,
// so npm ci skips them by platform instead. Run it after any `npm install` that rewrites the lock.
import { readFileSync, writeFileSync } from 'node:fs';

const LOCK = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(LOCK, 'utf8'));

/** Platform fields from a build's name, e.g. linux-arm64-musl → linux / arm64 / musl. */
function platformOf(name) {
	const parts = name.replace(/^.*binding-/, '').split('-');
	const os = parts[0];
	const cpu = { x64: 'x64', ia32: 'ia32', arm64: 'arm64', arm: 'arm', loong64: 'loong64', ppc64: 'ppc64', riscv64: 'riscv64', s390x: 's390x' }[parts[1]];
	const libc = name.includes('musl') ? ['musl'] : os === 'linux' ? ['glibc'] : undefined;
	return cpu ? { os: [os], cpu: [cpu], ...(libc ? { libc } : {}) } : undefined;
}

let added = 0;
for (const [location, entry] of Object.entries(lock.packages)) {
	for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
		if (!name.startsWith('@unrs/resolver-binding-')) continue;
		const key = `node_modules/${name}`;
		const platform = platformOf(name);
		if (lock.packages[key] || !platform) continue;
		lock.packages[key] = { version, optional: true, ...platform };
		added++;
	}
	void location;
}
lock.packages = Object.fromEntries(Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))));
writeFileSync(LOCK, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`added ${added} platform stub entries to package-lock.json`);
