import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type { OperationModule } from './node.type';

/** One operation of a resource: how the editor lists it, and the module that runs it. */
export interface OperationEntry {
	value: string;
	name: string;
	/** What the canvas subtitle and n8n's action list say ("Run an agent"). */
	action: string;
	description?: string;
	module: OperationModule & { description: INodeProperties[] };
}

export interface Resource {
	value: string;
	name: string;
	/** The resource's Operation parameter followed by every operation's own parameters. */
	properties: INodeProperties[];
	operations: Record<string, OperationModule>;
	actions: Record<string, string>;
}

/**
 * A resource from its one list of operations: the editor's Operation options (alphabetical, as
 * n8n's lint wants), the router's map and the canvas subtitles all come from `entries`, so adding
 * an operation touches that list only. Parameters appear in the order of `entries`.
 */
export function defineResource(
	resource: { value: string; name: string; defaultOperation: string },
	entries: OperationEntry[],
): Resource {
	const options: INodePropertyOptions[] = [...entries]
		.sort((a, b) => a.name.localeCompare(b.name))
		.map(({ name, value, action, description }) => ({ name, value, action, ...(description ? { description } : {}) }));
	// The rule reads only literal defaults; this one is the resource's own.
	// eslint-disable-next-line n8n-nodes-base/node-param-default-missing
	const operationParameter: INodeProperties = {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [resource.value] } },
		options,
		default: resource.defaultOperation,
	};
	return {
		value: resource.value,
		name: resource.name,
		properties: [operationParameter, ...entries.flatMap((entry) => entry.module.description)],
		operations: Object.fromEntries(entries.map((entry) => [entry.value, entry.module])),
		actions: Object.fromEntries(entries.map((entry) => [entry.value, entry.action])),
	};
}

/**
 * The canvas subtitle: the chosen operation's action. Plain `||` and brackets only: older n8n
 * expression parsers reject `?.` and `??`.
 */
export function subtitleExpression(resources: Resource[]): string {
	const actions = Object.fromEntries(resources.map((resource) => [resource.value, resource.actions]));
	// Braces spaced apart: a `}}` inside the object would end n8n's `{{ … }}` early.
	const literal = JSON.stringify(actions).replace(/[{}]/g, (brace) => (brace === '{' ? '{ ' : ' }'));
	return `={{ (${literal}[$parameter["resource"]] || {})[$parameter["operation"]] || $parameter["operation"] }}`;
}
