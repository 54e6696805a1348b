import type { BuiltInTool, FunctionResultStep, FunctionTool, GoogleMapsTool, JsonObject, Tool, ToolChoice, ToolChoiceMode } from '../types';
import type { Parsed } from './jsonParameter';
import { isPlainObject, parseJsonValue, parseList } from './jsonParameter';
import { cleanSchemaForGemini } from './schemaCleaning';

/** Gemini's rule for function names: a letter or `_` first, then letters, digits, `_ . : -`; at most 64. */
const FUNCTION_NAME = /^[A-Za-z_][A-Za-z0-9_.:-]{0,63}$/;

export interface FunctionDeclarationInput {
	name?: unknown;
	description?: unknown;
	parameters?: unknown;
}

/** One function tool from a name, description and JSON-schema parameters (text or object). */
export function functionTool(input: FunctionDeclarationInput, where: string): Parsed<FunctionTool> {
	const name = typeof input.name === 'string' ? input.name.trim() : '';
	if (!FUNCTION_NAME.test(name)) {
		return {
			ok: false,
			reason: `${where} has ${name === '' ? 'no name' : `the name "${name}"`}; a function name starts with a letter or _ and has at most 64 letters, digits, _ . : or -`,
		};
	}
	const parameters = parseJsonValue(input.parameters);
	if (!parameters.ok) return { ok: false, reason: `the parameters of function "${name}" are invalid: ${parameters.reason}` };
	if (parameters.value !== undefined && !isPlainObject(parameters.value)) {
		return { ok: false, reason: `the parameters of function "${name}" must be a JSON schema object such as {"type": "object", …}` };
	}
	const schema = cleanSchemaForGemini(parameters.value);
	const description = typeof input.description === 'string' ? input.description.trim() : '';
	return {
		ok: true,
		value: { type: 'function', name, ...(description ? { description } : {}), ...(schema ? { parameters: schema } : {}) },
	};
}

/** Accepts our own shape and the ones people paste from other APIs' docs. */
function declarationsIn(value: unknown): unknown[] {
	if (Array.isArray(value)) return value.flatMap(declarationsIn);
	if (!isPlainObject(value)) return [value];
	const wrapped = value.function_declarations ?? value.functionDeclarations;
	if (Array.isArray(wrapped)) return wrapped;
	if (value.type === 'function' && isPlainObject(value.function)) return [value.function];
	return [value];
}

/** The "Functions (JSON)" option: a list of `{name, description, parameters}`. */
export function parseFunctionDeclarations(value: unknown): Parsed<FunctionTool[]> {
	const parsed = parseJsonValue(value);
	if (!parsed.ok) return parsed;
	if (parsed.value === undefined || parsed.value === null) return { ok: true, value: [] };
	const tools: FunctionTool[] = [];
	for (const [index, declaration] of declarationsIn(parsed.value).entries()) {
		if (!isPlainObject(declaration)) return { ok: false, reason: `entry ${index + 1} is not an object with a name` };
		const tool = functionTool(declaration, `entry ${index + 1}`);
		if (!tool.ok) return tool;
		tools.push(tool.value);
	}
	return { ok: true, value: tools };
}

/** Gemini rejects two functions with the same name; say which one. */
export function duplicateFunctionName(tools: Tool[]): string | undefined {
	const seen = new Set<string>();
	for (const tool of tools) {
		if (tool.type !== 'function') continue;
		const name = (tool as FunctionTool).name;
		if (seen.has(name)) return name;
		seen.add(name);
	}
	return undefined;
}

/** The "Built-in Tools" collection as n8n hands it over. */
export interface BuiltInToolValues {
	codeExecution?: boolean;
	googleSearch?: boolean;
	googleMaps?: { values?: { latitude?: string | number; longitude?: string | number; enableWidget?: boolean } };
	urlContext?: boolean;
	fileSearch?: { values?: { storeNames?: string; metadataFilter?: string; topK?: number } };
	mcpServers?: {
		server?: Array<{ name?: string; url?: string; headers?: unknown; allowedTools?: string }>;
	};
}

function mcpServerTool(server: NonNullable<NonNullable<BuiltInToolValues['mcpServers']>['server']>[number], position: number): Parsed<BuiltInTool> {
	const where = `MCP server ${position}`;
	const url = (server.url ?? '').trim();
	if (!/^https?:\/\//i.test(url)) return { ok: false, reason: `${where} needs an http(s) URL` };
	const name = (server.name ?? '').trim() || `mcp_${position}`;
	const headers = parseJsonValue(server.headers);
	if (!headers.ok) return { ok: false, reason: `the headers of ${where} are invalid: ${headers.reason}` };
	if (headers.value !== undefined && !isPlainObject(headers.value)) {
		return { ok: false, reason: `the headers of ${where} must be a JSON object such as {"Authorization": "Bearer …"}` };
	}
	const headerEntries = Object.entries((headers.value ?? {}) as Record<string, unknown>).map(
		([key, value]) => [key, typeof value === 'string' ? value : JSON.stringify(value)] as const,
	);
	const allowed = parseList(server.allowedTools);
	return {
		ok: true,
		value: {
			type: 'mcp_server',
			name,
			url,
			...(headerEntries.length > 0 ? { headers: Object.fromEntries(headerEntries) } : {}),
			...(allowed.length > 0 ? { allowed_tools: [{ tools: allowed }] } : {}),
		},
	};
}

/** A coordinate typed as text: empty means not given. */
function coordinate(value: unknown, name: string, limit: number): Parsed<number | undefined> {
	if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) return { ok: true, value: undefined };
	const number = typeof value === 'number' ? value : Number(String(value).trim());
	if (!Number.isFinite(number) || Math.abs(number) > limit) {
		return { ok: false, reason: `Google Maps' ${name} ${JSON.stringify(value)} is not a number between -${limit} and ${limit}` };
	}
	return { ok: true, value: number };
}

/** `{"type": "google_maps", "latitude"?, "longitude"?, "enable_widget"?}`; the location comes as a pair or not at all. */
function googleMapsTool(values: NonNullable<NonNullable<BuiltInToolValues['googleMaps']>['values']>): Parsed<GoogleMapsTool> {
	const latitude = coordinate(values.latitude, 'latitude', 90);
	if (!latitude.ok) return latitude;
	const longitude = coordinate(values.longitude, 'longitude', 180);
	if (!longitude.ok) return longitude;
	if ((latitude.value === undefined) !== (longitude.value === undefined)) {
		return { ok: false, reason: 'Google Maps needs both latitude and longitude, or neither' };
	}
	return {
		ok: true,
		value: {
			type: 'google_maps',
			...(latitude.value !== undefined ? { latitude: latitude.value, longitude: longitude.value } : {}),
			...(values.enableWidget ? { enable_widget: true } : {}),
		},
	};
}

/** Google Search, Code Execution, URL Context, Google Maps, File Search and MCP servers as `tools[]` entries (§3.5). */
export function builtInTools(values: BuiltInToolValues | undefined): Parsed<BuiltInTool[]> {
	const tools: BuiltInTool[] = [];
	if (!values) return { ok: true, value: tools };
	if (values.googleSearch) tools.push({ type: 'google_search' });
	if (values.codeExecution) tools.push({ type: 'code_execution' });
	if (values.urlContext) tools.push({ type: 'url_context' });
	if (values.googleMaps?.values) {
		const maps = googleMapsTool(values.googleMaps.values);
		if (!maps.ok) return maps;
		tools.push(maps.value as BuiltInTool);
	}
	const fileSearch = values.fileSearch?.values;
	if (fileSearch) {
		const stores = parseList(fileSearch.storeNames).map((store) =>
			store.startsWith('fileSearchStores/') ? store : `fileSearchStores/${store}`,
		);
		if (stores.length === 0) return { ok: false, reason: 'File Search needs at least one file search store name' };
		const filter = (fileSearch.metadataFilter ?? '').trim();
		tools.push({
			type: 'file_search',
			file_search_store_names: stores,
			...(filter ? { metadata_filter: filter } : {}),
			...(typeof fileSearch.topK === 'number' && fileSearch.topK > 0 ? { top_k: fileSearch.topK } : {}),
		});
	}
	for (const [index, server] of (values.mcpServers?.server ?? []).entries()) {
		const tool = mcpServerTool(server, index + 1);
		if (!tool.ok) return tool;
		tools.push(tool.value);
	}
	return { ok: true, value: tools };
}

/** What a function returned, as the wire accepts it: text or an object (anything else as JSON text). */
export function functionResultValue(value: unknown): string | JsonObject {
	if (typeof value === 'string') return value;
	if (value === undefined) return '';
	if (isPlainObject(value)) return JSON.parse(JSON.stringify(value)) as JsonObject;
	return JSON.stringify(value) ?? String(value);
}

export function functionResultStep(callId: string, name: string | undefined, result: unknown, isError = false): FunctionResultStep {
	return {
		type: 'function_result',
		call_id: callId,
		...(name ? { name } : {}),
		result: functionResultValue(result),
		...(isError ? { is_error: true } : {}),
	};
}

const firstString = (...values: unknown[]) => values.find((value): value is string => typeof value === 'string' && value.trim() !== '');

/** The "Results (JSON)" parameter: `[{call_id, name, result}]` (camelCase `callId` and `id` accepted). */
export function parseFunctionResults(value: unknown): Parsed<FunctionResultStep[]> {
	const parsed = parseJsonValue(value);
	if (!parsed.ok) return parsed;
	const list = Array.isArray(parsed.value) ? parsed.value : parsed.value === undefined ? [] : [parsed.value];
	if (list.length === 0) return { ok: false, reason: 'it holds no results; give a list such as [{"call_id": "…", "name": "…", "result": …}]' };
	const steps: FunctionResultStep[] = [];
	for (const [index, entry] of list.entries()) {
		if (!isPlainObject(entry)) return { ok: false, reason: `entry ${index + 1} is not an object` };
		const callId = firstString(entry.call_id, entry.callId, entry.id);
		if (!callId) return { ok: false, reason: `entry ${index + 1} has no "call_id"` };
		const name = firstString(entry.name);
		steps.push(functionResultStep(callId.trim(), name, entry.result, entry.is_error === true || entry.isError === true));
	}
	return { ok: true, value: steps };
}

/** The "Tool Choice" and "Allowed Functions" options. */
export interface ToolChoiceValues {
	toolChoice?: ToolChoiceMode | '';
	allowedFunctions?: string;
}

/**
 * `generation_config.tool_choice` (§3.3): a mode alone, or `{allowed_tools: {mode, tools}}` when the
 * model is limited to some functions. Each named function must be declared in this turn (Functions,
 * Functions (JSON) or a connected tool): Google rejects the request otherwise.
 */
export function buildToolChoice(values: ToolChoiceValues, tools: Tool[]): Parsed<ToolChoice | undefined> {
	const mode = values.toolChoice || undefined;
	const allowed = parseList(values.allowedFunctions);
	const declared = new Set(tools.filter((tool): tool is FunctionTool => tool.type === 'function').map((tool) => tool.name));
	if ((mode === 'any' || mode === 'validated') && tools.length === 0) {
		return { ok: false, reason: `"${mode}" needs functions or tools to choose from; declare some or remove the option` };
	}
	if (allowed.length === 0) return { ok: true, value: mode };
	if (mode === 'none') return { ok: false, reason: '"None" forbids every function, so it cannot name allowed functions; remove them or choose another mode' };
	const unknown = allowed.find((name) => !declared.has(name));
	if (unknown !== undefined) {
		const known = [...declared];
		return {
			ok: false,
			reason: `the function "${unknown}" is not declared in this turn${known.length > 0 ? ` (declared: ${known.join(', ')})` : ''}`,
		};
	}
	return { ok: true, value: { allowed_tools: { mode: mode ?? 'any', tools: allowed } } };
}
