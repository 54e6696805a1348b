/** The model used in place of retired ones, and the default in the model picker. */
export const CURRENT_MODEL = 'gemini-3.5-flash';

const DEPRECATED_MODEL = /^gemini-(1\.5|2\.0|2\.5)(-|$)/;

export interface ModelSubstitution {
	requested: string;
	used: string;
	reason: string;
}

export interface ModelChoice {
	model: string;
	substitution?: ModelSubstitution;
}

/** Accepts `gemini-x`, `models/gemini-x` or a Vertex `publishers/google/models/gemini-x`. */
export function normalizeModelId(value: string): string {
	return value.trim().replace(/^(publishers\/[^/]+\/)?models\//, '');
}

export function isDeprecatedModel(model: string): boolean {
	return DEPRECATED_MODEL.test(normalizeModelId(model));
}

export function chooseModel(requested: string, replaceDeprecated: boolean): ModelChoice {
	const model = normalizeModelId(requested);
	if (!replaceDeprecated || !isDeprecatedModel(model)) return { model };
	return {
		model: CURRENT_MODEL,
		substitution: {
			requested: model,
			used: CURRENT_MODEL,
			reason: `${model} is deprecated for the Interactions API, so ${CURRENT_MODEL} was used instead. Turn off "Replace Deprecated Models" in the options to send the model as given.`,
		},
	};
}
