import type { Labels } from '../types';
import type { Parsed } from './jsonParameter';

/** The "Labels" option as n8n hands it over. */
export interface LabelValues {
	label?: Array<{ key?: string; value?: string }>;
}

/**
 * Google's label rules (the SDK's `labels` doc): keys start with a lowercase letter; keys and
 * values hold lowercase letters (international ones too), digits, `_` and `-`, at most 63 each.
 */
const LABEL_KEY = /^\p{Ll}[\p{Ll}\p{Lo}\p{N}_-]{0,62}$/u;
const LABEL_VALUE = /^[\p{Ll}\p{Lo}\p{N}_-]{0,63}$/u;
/** Google Cloud's limit of labels per resource. */
export const MAX_LABELS = 64;

export function buildLabels(values: LabelValues | undefined): Parsed<Labels | undefined> {
	const entries = values?.label ?? [];
	if (entries.length > MAX_LABELS) return { ok: false, reason: `it has ${entries.length} labels; at most ${MAX_LABELS} are allowed` };
	const labels: Labels = {};
	for (const entry of entries) {
		const key = (entry.key ?? '').trim();
		const value = (entry.value ?? '').trim();
		if (!LABEL_KEY.test(key)) {
			return {
				ok: false,
				reason: `the key ${JSON.stringify(key)} is not allowed; a key starts with a lowercase letter and has at most 63 lowercase letters, digits, _ or -`,
			};
		}
		if (!LABEL_VALUE.test(value)) {
			return {
				ok: false,
				reason: `the value ${JSON.stringify(value)} of "${key}" is not allowed; use at most 63 lowercase letters, digits, _ or -`,
			};
		}
		if (key in labels) return { ok: false, reason: `the key "${key}" is set twice` };
		labels[key] = value;
	}
	return { ok: true, value: Object.keys(labels).length > 0 ? labels : undefined };
}
