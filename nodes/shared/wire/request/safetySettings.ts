import type { HarmCategory, SafetyMethod, SafetySetting, SafetyThreshold } from '../types';
import { HARM_CATEGORIES, SAFETY_METHODS, SAFETY_THRESHOLDS } from '../types';
import type { Parsed } from './jsonParameter';

/** One entry of a "Safety Settings" collection as n8n hands it over. */
export interface SafetySettingEntry {
	category?: string;
	threshold?: string;
	method?: string;
}

const isOneOf = <T extends string>(list: readonly T[], value: unknown): value is T =>
	typeof value === 'string' && (list as readonly string[]).includes(value);

/** `safety_settings` (wire reference §3.2): `{type, threshold, method?}` — `type`, not generateContent's `category`. */
export function buildSafetySettings(entries: SafetySettingEntry[] | undefined = []): Parsed<SafetySetting[] | undefined> {
	const settings: SafetySetting[] = [];
	const seen = new Set<HarmCategory>();
	for (const [index, entry] of entries.entries()) {
		const where = `setting ${index + 1}`;
		if (!isOneOf(HARM_CATEGORIES, entry.category)) {
			return { ok: false, reason: `${where} has the category ${JSON.stringify(entry.category ?? '')}; use one of ${HARM_CATEGORIES.join(', ')}` };
		}
		if (!isOneOf(SAFETY_THRESHOLDS, entry.threshold)) {
			return { ok: false, reason: `${where} has the threshold ${JSON.stringify(entry.threshold ?? '')}; use one of ${SAFETY_THRESHOLDS.join(', ')}` };
		}
		const method = entry.method ?? '';
		if (method !== '' && !isOneOf(SAFETY_METHODS, method)) {
			return { ok: false, reason: `${where} has the method ${JSON.stringify(method)}; use ${SAFETY_METHODS.join(' or ')}` };
		}
		if (seen.has(entry.category)) return { ok: false, reason: `the category ${entry.category} is set twice` };
		seen.add(entry.category);
		settings.push({
			type: entry.category,
			threshold: entry.threshold as SafetyThreshold,
			...(method ? { method: method as SafetyMethod } : {}),
		});
	}
	return { ok: true, value: settings.length > 0 ? settings : undefined };
}
