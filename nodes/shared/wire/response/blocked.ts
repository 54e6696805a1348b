import type { Interaction, ModelOutputStep } from '../types';
import { HARM_CATEGORIES } from '../types';

/**
 * The Interactions API's "generation blocked" codes (Google's API errors page): policy, safety or
 * content rules stopped the answer.
 */
export const BLOCKED_CODES = new Set([
	'safety',
	'recitation',
	'language',
	'prohibited_content',
	'spii',
	'blocklist',
	'image_safety',
	'image_prohibited_content',
	'image_recitation',
	'image_other',
	'content_blocked',
]);

export interface BlockedAnswer {
	/** Google's code, e.g. `safety`. */
	code: string;
	/** The harm category Google names, e.g. `harassment`, when it names one. */
	category?: string;
	message?: string;
}

// Longest first, so `image_harassment` is found before `harassment`.
const CATEGORIES_BY_LENGTH = [...HARM_CATEGORIES].sort((a, b) => b.length - a.length);

/** The harm category named in Google's words: `harassment` or `HARM_CATEGORY_HARASSMENT`. */
function categoryIn(text: string): string | undefined {
	const lower = text.toLowerCase();
	return CATEGORIES_BY_LENGTH.find((category) => new RegExp(`(^|[^a-z_])(harm_category_)?${category}([^a-z_]|$)`).test(lower));
}

/**
 * Whether the answer was withheld by Google's content rules, whatever the status: a blocked code
 * in `errors`, or a `model_output` step whose error carries one in its details.
 */
export function blockedAnswer(interaction: Interaction): BlockedAnswer | undefined {
	const stepErrors = (interaction.steps ?? [])
		.filter((step): step is ModelOutputStep => step.type === 'model_output' && step.error !== undefined)
		.map((step) => {
			const details = JSON.stringify((step.error as { details?: unknown }).details ?? '');
			const code = [...BLOCKED_CODES].find((candidate) => new RegExp(`"${candidate}"`, 'i').test(details));
			return { code, message: step.error?.message, details };
		});
	const candidates = [
		...(interaction.errors ?? []).map((error) => ({ code: error.code?.toLowerCase(), message: error.message, details: '' })),
		...stepErrors,
	];
	const blocked = candidates.find((candidate) => candidate.code !== undefined && BLOCKED_CODES.has(candidate.code));
	if (!blocked?.code) return undefined;
	const category = categoryIn(`${blocked.message ?? ''} ${blocked.details}`);
	return { code: blocked.code, ...(category ? { category } : {}), ...(blocked.message ? { message: blocked.message } : {}) };
}
