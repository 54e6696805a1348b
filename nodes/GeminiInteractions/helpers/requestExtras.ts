import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { mergeAdditionalFields, parseAdditionalFields } from '../../shared/wire/request/additionalFields';
import type { Parsed } from '../../shared/wire/request/jsonParameter';
import type { LabelValues } from '../../shared/wire/request/labels';
import { buildLabels } from '../../shared/wire/request/labels';
import type { SafetySettingEntry } from '../../shared/wire/request/safetySettings';
import { buildSafetySettings } from '../../shared/wire/request/safetySettings';
import type { JsonObject, Labels, SafetySetting } from '../../shared/wire/types';

/** Options that every model turn and agent run has: safety settings, labels, raw extra fields. */
export interface RequestExtraValues {
	safetySettings?: { values?: SafetySettingEntry[] };
	labels?: LabelValues;
	additionalFields?: unknown;
}

export interface RequestExtras {
	safetySettings?: SafetySetting[];
	labels?: Labels;
	additionalFields?: JsonObject;
}

/** A parameter's wire value, or a NodeOperationError naming the parameter and the item. */
export function parameterValue<T>(ctx: IExecuteFunctions, itemIndex: number, parsed: Parsed<T>, parameter: string): T {
	if (parsed.ok) return parsed.value;
	throw new NodeOperationError(ctx.getNode(), `The parameter "${parameter}" is invalid: ${parsed.reason}`, { itemIndex });
}

/** Checked before anything is sent: Google would reject these with a less helpful message. */
export function readRequestExtras(ctx: IExecuteFunctions, itemIndex: number, options: RequestExtraValues): RequestExtras {
	return {
		safetySettings: parameterValue(ctx, itemIndex, buildSafetySettings(options.safetySettings?.values), 'Safety Settings'),
		labels: parameterValue(ctx, itemIndex, buildLabels(options.labels), 'Labels'),
		additionalFields: parameterValue(ctx, itemIndex, parseAdditionalFields(options.additionalFields), 'Additional Fields (JSON)'),
	};
}

/** The request with the "Additional Fields (JSON)" merged in; a field the node sets itself is a parameter error. */
export function withAdditionalFields<T extends object>(
	ctx: IExecuteFunctions,
	itemIndex: number,
	request: T,
	extras: RequestExtras,
): T {
	return parameterValue(ctx, itemIndex, mergeAdditionalFields(request, extras.additionalFields), 'Additional Fields (JSON)');
}
