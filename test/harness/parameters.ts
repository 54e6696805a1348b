/* eslint-disable -- test code runs in Node, not in n8n: eslint.dev.config.mjs lints it instead of n8n's node rules */
/**
 * `getNodeParameter` as n8n-core's NodeExecutionContext._getNodeParameter does it:
 * lodash-style path lookup with fallback, expression resolution, `extractValue`
 * (resource locators / regex extractors / filters), `ensureType`, and the
 * `validateType` checks of validate-value-against-schema.
 */
import type {
	EnsureTypeOptions,
	FieldType,
	IDataObject,
	IGetNodeParameterOptions,
	INodeProperties,
	INodePropertyCollection,
	INodePropertyOptions,
	NodeParameterValueType,
} from 'n8n-workflow';
import {
	ApplicationError,
	ExpressionError,
	NodeHelpers,
	NodeOperationError,
	WorkflowOperationError,
	executeFilter,
	isFilterValue,
	validateFieldType,
} from 'n8n-workflow';

import { resolveParameter, type HarnessEnvironment } from './expressions';

type Value = NodeParameterValueType | object;

export function getPath(source: unknown, path: string): unknown {
	const keys = path.replace(/\[(\d+)\]/g, '.$1').split('.').filter(Boolean);
	let current: unknown = source;
	for (const key of keys) {
		if (current === null || current === undefined) return undefined;
		current = (current as Record<string, unknown>)[key];
	}
	return current;
}

/** cleanupParameterData: Luxon DateTimes become strings. */
function cleanup(data: unknown): void {
	if (typeof data !== 'object' || data === null) return;
	const record = data as Record<string, unknown>;
	for (const key of Object.keys(record)) {
		const value = record[key];
		if (typeof value === 'object' && value !== null && (value as { isLuxonDateTime?: boolean }).isLuxonDateTime) {
			record[key] = String(value);
		} else cleanup(value);
	}
}

function regexExtract(value: unknown, regex: string, parameterName: string, displayName: string): string {
	if (typeof value !== 'string') {
		throw new ApplicationError("This parameter's value is invalid", { extra: { parameter: displayName } });
	}
	const extracted = new RegExp(regex).exec(value);
	if (!extracted) {
		throw new WorkflowOperationError(
			`ERROR: ${displayName} parameter's value is invalid. This is likely because the URL entered is incorrect`,
		);
	}
	if (extracted.length !== 2) {
		throw new WorkflowOperationError(
			`Property "${parameterName}" has an invalid extractValue regex "${regex}". extractValue expects exactly one group to be returned.`,
		);
	}
	return extracted[1];
}

/** n8n-core utils/extract-value.ts */
export function extractValue(env: HarnessEnvironment, value: Value, parameterName: string, itemIndex: number): Value {
	const { node, nodeType } = env;
	try {
		const property = NodeHelpers.findDisplayedProperty(
			parameterName,
			nodeType.description.properties,
			node.parameters,
			node,
			nodeType.description,
		);
		if (!property) throw new ApplicationError('Could not find property', { extra: { parameterName } });
		if (!('type' in property)) return value;
		if (property.type === 'resourceLocator') {
			if (typeof value !== 'object' || value === null || !('mode' in value) || !('value' in value)) return value;
			const rlc = value as { mode: string; value: unknown };
			const mode = (property.modes ?? []).find((m) => m.name === rlc.mode);
			if (!mode?.extractValue) return rlc.value as Value;
			if (typeof rlc.value !== 'string') {
				throw new ApplicationError("ERROR: This parameter's value is invalid. Please enter a valid mode.", {
					extra: { parameter: property.displayName, modeProp: mode.displayName },
				});
			}
			return regexExtract(rlc.value, String(mode.extractValue.regex), parameterName, property.displayName);
		}
		if (property.type === 'filter') {
			return isFilterValue(value) ? executeFilter(value, { itemIndex }) : value;
		}
		const extractor = (property as INodeProperties).extractValue;
		if (!extractor) return value;
		return regexExtract(value, String(extractor.regex), parameterName, property.displayName);
	} catch (error) {
		throw new NodeOperationError(node, error as Error, { description: (error as { description?: string }).description });
	}
}

/** n8n-core utils/ensure-type.ts */
export function ensureType(toType: EnsureTypeOptions, value: unknown, name: string, itemIndex: number): Value {
	const options = { itemIndex, runIndex: 0 };
	if (value === null) throw new ExpressionError(`Parameter '${name}' must not be null`, options);
	if (value === undefined) throw new ExpressionError(`Parameter '${name}' could not be 'undefined'`, options);
	let result: unknown = value;
	if (['object', 'array', 'json'].includes(toType)) {
		if (typeof result !== 'object') {
			if (typeof result === 'string' && result.length) {
				try {
					result = JSON.parse(result);
				} catch (error) {
					throw new ExpressionError(`Parameter '${name}' could not be parsed`, {
						...options,
						description: (error as Error).message,
					});
				}
			} else {
				throw new ExpressionError(`Parameter '${name}' must be an ${toType}, but we got '${String(value)}'`, options);
			}
		}
		if (toType === 'array' && !Array.isArray(result)) {
			throw new ExpressionError(`Parameter '${name}' must be an array, but we got object`, options);
		}
	}
	if (toType === 'string') result = typeof result === 'object' ? JSON.stringify(result) : String(result);
	if (toType === 'number') {
		result = Number(result);
		if (Number.isNaN(result)) {
			throw new ExpressionError(`Parameter '${name}' must be a number, but we got '${String(value)}'`, options);
		}
	}
	if (toType === 'boolean') result = Boolean(result);
	return result as Value;
}

/** The `validateType` part of validate-value-against-schema (resource mappers are not covered). */
function validateAgainstSchema(env: HarnessEnvironment, value: Value, parameterName: string, itemIndex: number): Value {
	const { node, nodeType } = env;
	const path = parameterName.split('.');
	const description = nodeType.description.properties.find(
		(prop) => prop.name === path[0] && NodeHelpers.displayParameter(node.parameters, prop, node, nodeType.description),
	);
	if (!description) return value;
	const fail = (label: string, message?: string): never => {
		throw new ExpressionError(`Invalid input for '${label}' [item ${itemIndex}]`, {
			description: message,
			runIndex: 0,
			itemIndex,
			nodeCause: node.name,
		});
	};
	if (path.length === 1 && description.validateType && !description.ignoreValidationDuringExecution) {
		const result = validateFieldType(parameterName, value, description.validateType);
		if (!result.valid) return fail(description.displayName, result.errorMessage);
		return result.newValue as Value;
	}
	if (description.type !== 'collection' && description.type !== 'fixedCollection') return value;
	const nested =
		description.type === 'collection'
			? (description.options as INodeProperties[])
			: (description.options as INodePropertyCollection[]).find((entry) => entry.name === path[1])?.values;
	const rules = new Map<string, { type: FieldType; displayName: string; options?: INodePropertyOptions[] }>();
	for (const prop of nested ?? []) {
		if (!prop.validateType || prop.ignoreValidationDuringExecution) continue;
		const options = prop.validateType === 'options' ? (prop.options as INodePropertyOptions[]) : undefined;
		rules.set(prop.name, { type: prop.validateType, displayName: prop.displayName, options });
	}
	if (!rules.size) return value;
	for (const entry of Array.isArray(value) ? (value as IDataObject[]) : [value as IDataObject]) {
		for (const key of Object.keys(entry)) {
			const rule = rules.get(key);
			if (!rule) continue;
			const result = validateFieldType(key, entry[key], rule.type, { valueOptions: rule.options });
			if (!result.valid) {
				throw new ExpressionError(
					`Invalid input for field '${rule.displayName}' inside '${description.displayName}' in [item ${itemIndex}]`,
					{ description: result.errorMessage, runIndex: 0, itemIndex, nodeCause: node.name },
				);
			}
			entry[key] = result.newValue as IDataObject[string];
		}
	}
	return value;
}

export function getNodeParameter(
	env: HarnessEnvironment,
	parameterName: string,
	itemIndex: number,
	fallbackValue?: unknown,
	options?: IGetNodeParameterOptions,
): Value {
	const found = getPath(env.node.parameters, parameterName);
	const value = found === undefined ? fallbackValue : found;
	if (value === undefined) throw new ApplicationError('Could not get parameter', { extra: { parameterName } });
	if (options?.rawExpressions) return value as Value;

	let result: Value;
	try {
		result = resolveParameter(env, value as NodeParameterValueType, itemIndex, {}, options?.contextNode?.name);
		cleanup(result);
	} catch (error) {
		const e = error as Error & { context?: IDataObject };
		if (e.context) e.context.parameter = parameterName;
		e.cause = value;
		throw e;
	}
	if (options?.extractValue) result = extractValue(env, result, parameterName, itemIndex);
	if (options?.ensureType) result = ensureType(options.ensureType, result, parameterName, itemIndex);
	if (options?.skipValidation) return result;
	return validateAgainstSchema(env, result, parameterName, itemIndex);
}
