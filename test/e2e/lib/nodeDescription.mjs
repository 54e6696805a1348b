// The built node's description, and which of its parameters n8n's editor should show for a given
// set of parameter values (displayOptions show/hide with plain values; anything fancier is "unknown").
import { createRequire } from 'node:module';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { PACKAGE_NAME, PROJECT_DIR } from '../../../scripts/n8n-runtime.mjs';

const NODE_FILE = path.join(PROJECT_DIR, 'dist', 'nodes', 'GeminiInteractions', 'GeminiInteractions.node.js');

export function loadNodeDescription() {
	const { GeminiInteractions } = createRequire(import.meta.url)(NODE_FILE);
	return new GeminiInteractions().description;
}

/**
 * What package.json tells n8n to load, read from the built dist/: node descriptions by node type
 * (`<package>.<name>`) and the credential type names.
 */
export function packageTypes() {
	const pkg = JSON.parse(readFileSync(path.join(PROJECT_DIR, 'package.json'), 'utf8'));
	const load = createRequire(path.join(PROJECT_DIR, 'package.json'));
	const instances = (files) =>
		files.flatMap((file) =>
			Object.values(load(path.join(PROJECT_DIR, file)))
				.filter((exported) => typeof exported === 'function')
				.map((Exported) => new Exported()),
		);
	const nodes = new Map();
	for (const node of instances(pkg.n8n.nodes)) {
		if (node.description?.name) nodes.set(`${PACKAGE_NAME}.${node.description.name}`, node.description);
	}
	const credentials = instances(pkg.n8n.credentials).map((credential) => credential.name).filter(Boolean);
	return { nodes, credentials };
}

/** true / false, or null when the conditions depend on something this check cannot evaluate. */
export function isShown(property, values) {
	const { show, hide } = property.displayOptions ?? {};
	const showMatch = matchAll(show, values, true);
	const hideMatch = matchAny(hide, values);
	if (showMatch === null || hideMatch === null) return null;
	return showMatch && !hideMatch;
}

function matchAll(conditions, values, empty) {
	if (!conditions) return empty;
	let result = true;
	for (const [key, allowed] of Object.entries(conditions)) {
		const match = matchOne(key, allowed, values);
		if (match === null) return null;
		result &&= match;
	}
	return result;
}

function matchAny(conditions, values) {
	if (!conditions) return false;
	for (const [key, allowed] of Object.entries(conditions)) {
		const match = matchOne(key, allowed, values);
		if (match !== false) return match;
	}
	return false;
}

function matchOne(key, allowed, values) {
	if (allowed.some((v) => v !== null && typeof v === 'object')) return null;
	const value = key === '@version' ? 1 : values[key];
	return value === undefined ? null : allowed.includes(value);
}

/**
 * The values the editor has for a fresh node with `overrides` set: defaults of the properties that
 * are shown, in description order (several properties may share a name, e.g. one operation per resource).
 */
export function parameterValues(description, overrides) {
	const values = { ...overrides };
	for (const property of description.properties) {
		if (!(property.name in values) && isShown(property, values)) values[property.name] = property.default;
	}
	return values;
}

/** The shown property called `name` (e.g. this resource's `operation`). */
export function shownProperty(description, values, name) {
	return description.properties.find((p) => p.name === name && isShown(p, values));
}

/**
 * Labels the parameter panel must show and labels it must not show for these values. The
 * authentication selector is rendered as the credential picker, hidden types not at all.
 */
export function expectedLabels(description, values) {
	const rendered = description.properties.filter((p) => p.type !== 'hidden' && p.name !== 'authentication');
	const shown = new Set(rendered.filter((p) => isShown(p, values) === true).map((p) => p.displayName));
	const hidden = new Set(
		rendered.filter((p) => isShown(p, values) === false && !shown.has(p.displayName)).map((p) => p.displayName),
	);
	return { shown: [...shown], hidden: [...hidden] };
}
