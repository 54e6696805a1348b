/**
 * The parts of n8n's CredentialsHelper (packages/cli/src/credentials-helper.ts) that a
 * node's requests go through: decrypted data with defaults, `authenticate`,
 * `preAuthentication` (with write-back of the expirable property to the "DB").
 */
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeParameters,
	INodeProperties,
	Workflow,
} from 'n8n-workflow';
import {
	NodeHelpers,
	UnexpectedError,
	UserError,
	deepCopy,
	getCredentialOwnRequestAllowedDomains,
	injectDomainRestrictionFields,
	isExpression,
} from 'n8n-workflow';

import type { CredentialUpdate } from './types';

/** Credential type name → decrypted data, standing in for n8n's credentials table. */
export class HarnessCredentialStore {
	private readonly data = new Map<string, ICredentialDataDecryptedObject>();
	/** Every write made through `update`, oldest first. */
	readonly updates: CredentialUpdate[] = [];

	constructor(initial: Record<string, ICredentialDataDecryptedObject> = {}) {
		for (const [type, data] of Object.entries(initial)) this.data.set(type, deepCopy(data));
	}

	has(type: string): boolean {
		return this.data.has(type);
	}

	types(): string[] {
		return [...this.data.keys()];
	}

	/** The stored (raw, not defaulted) data, as a copy. */
	get(type: string): ICredentialDataDecryptedObject | undefined {
		const data = this.data.get(type);
		return data === undefined ? undefined : deepCopy(data);
	}

	update(type: string, data: ICredentialDataDecryptedObject): void {
		this.data.set(type, deepCopy(data));
		this.updates.push({ type, data: deepCopy(data) });
	}
}

export function createCredentialStore(
	initial: Record<string, ICredentialDataDecryptedObject>,
): HarnessCredentialStore {
	return new HarnessCredentialStore(initial);
}

export function toStore(
	credentials: HarnessCredentialStore | Record<string, ICredentialDataDecryptedObject>,
): HarnessCredentialStore {
	return credentials instanceof HarnessCredentialStore ? credentials : new HarnessCredentialStore(credentials);
}

export class CredentialTypeRegistry {
	private readonly types = new Map<string, ICredentialType>();

	constructor(types: ICredentialType[]) {
		for (const type of types) this.types.set(type.name, type);
	}

	get(name: string): ICredentialType {
		const type = this.types.get(name);
		if (!type) throw new UnexpectedError('Unknown credential type', { tags: { credentialType: name } });
		return type;
	}

	getParentTypes(name: string): string[] {
		const parents = this.types.get(name)?.extends ?? [];
		return parents.flatMap((parent) => [parent, ...this.getParentTypes(parent)]);
	}

	/** `getCredentialsProperties`: parents merged in, then n8n 2.x' injected domain-restriction fields. */
	getProperties(name: string): INodeProperties[] {
		const type = this.get(name);
		const own = injectDomainRestrictionFields(type);
		if (!type.extends) return own;
		const combined: INodeProperties[] = [];
		for (const parent of type.extends) NodeHelpers.mergeNodeProperties(combined, this.getProperties(parent));
		NodeHelpers.mergeNodeProperties(combined, own);
		return combined;
	}

	/** Property names whose values are secrets (for redacting recorded requests). */
	secretKeys(name: string): string[] {
		return this.getProperties(name)
			.filter(
				(p) =>
					p.typeOptions?.password === true ||
					p.typeOptions?.expirable === true ||
					/key|token|secret|password|private/i.test(p.name),
			)
			.map((p) => p.name);
	}
}

/** `applyDefaultsAndOverwrites` minus overwrites: defaults filled, unknown keys dropped. */
export function applyCredentialDefaults(
	registry: CredentialTypeRegistry,
	type: string,
	raw: ICredentialDataDecryptedObject,
): ICredentialDataDecryptedObject {
	const withDefaults = (NodeHelpers.getNodeParameters(
		registry.getProperties(type),
		raw as INodeParameters,
		true,
		false,
		null,
		null,
	) ?? {}) as ICredentialDataDecryptedObject;
	for (const key of ['oauthTokenData', 'allowedHttpRequestDomains', 'allowedDomains']) {
		if (withDefaults[key] === undefined && raw[key] !== undefined) withDefaults[key] = raw[key];
	}
	return withDefaults;
}

/** CredentialsHelper.authenticate */
export async function authenticate(
	registry: CredentialTypeRegistry,
	credentials: ICredentialDataDecryptedObject,
	typeName: string,
	requestOptions: IHttpRequestOptions,
	workflow: Workflow,
	node: INode,
): Promise<IHttpRequestOptions> {
	const credentialType = registry.get(typeName);
	const auth = credentialType.authenticate;
	if (!auth) return requestOptions;
	// A method call, as in n8n: the function sees the credential type as `this`.
	if (typeof auth === 'function') return await auth.call(credentialType, credentials, requestOptions);
	if (requestOptions.headers === undefined) requestOptions.headers = {};
	if (auth.type !== 'generic') return requestOptions;

	const resolve = (value: string): string => {
		if (!isExpression(value)) return value;
		const resolved = workflow.expression.getSimpleParameterValue(
			node,
			value,
			'internal',
			{ $credentials: credentials },
			undefined,
			'',
		);
		return resolved ? resolved.toString() : '';
	};
	const target = requestOptions as unknown as Record<string, Record<string, unknown> | undefined>;
	for (const [outerKey, outerValue] of Object.entries(auth.properties)) {
		for (const [key, value] of Object.entries(outerValue as Record<string, string>)) {
			target[outerKey] ??= {};
			target[outerKey][resolve(key)] = resolve(value);
		}
	}
	return requestOptions;
}

/** The `this` a credential's preAuthentication gets: only `helpers.httpRequest`, domain-restricted. */
function restrictToCredentialDomains(
	helpers: IHttpRequestHelper,
	credentials: ICredentialDataDecryptedObject,
): IHttpRequestHelper {
	return {
		helpers: {
			httpRequest: async (requestOptions: IHttpRequestOptions) => {
				const allowedDomains = getCredentialOwnRequestAllowedDomains(credentials);
				if (allowedDomains === undefined) return await helpers.helpers.httpRequest(requestOptions);
				if (requestOptions.allowedDomains !== undefined) {
					throw new UserError(
						'This credential restricts requests to specific domains, which cannot be combined with the domains its authentication step asks for.',
					);
				}
				return await helpers.helpers.httpRequest({ ...requestOptions, allowedDomains });
			},
		},
	};
}

/**
 * CredentialsHelper.preAuthentication: runs the credential's `preAuthentication` when the
 * hidden `expirable` property is empty, expired, or the credential is being tested, and
 * persists the fresh value (so the next execution reuses it).
 */
export async function preAuthentication(
	registry: CredentialTypeRegistry,
	store: HarnessCredentialStore,
	helpers: IHttpRequestHelper,
	credentials: ICredentialDataDecryptedObject,
	typeName: string,
	node: INode,
	credentialsExpired: boolean,
): Promise<ICredentialDataDecryptedObject | undefined> {
	const credentialType = registry.get(typeName);
	const expirable = credentialType.properties.find(
		(property) => property.type === 'hidden' && property.typeOptions?.expirable === true,
	);
	if (expirable?.name === undefined) return undefined;
	const isTestingCredentials = node.parameters?.temp === '' && node.type === 'n8n-nodes-base.noOp';
	if (typeof credentialType.preAuthentication !== 'function') return undefined;
	if (!(credentials[expirable.name] === '' || credentialsExpired || isTestingCredentials)) return undefined;

	const output = await credentialType.preAuthentication.call(
		restrictToCredentialDomains(helpers, credentials),
		credentials,
	);
	if (output[expirable.name] === undefined) return undefined;
	if (!node.credentials) return undefined;

	const stored = store.get(typeName) ?? {};
	const toPersist: ICredentialDataDecryptedObject = { ...stored };
	for (const [key, value] of Object.entries(output as ICredentialDataDecryptedObject)) {
		if (key === expirable.name || !isExpression(stored[key])) toPersist[key] = value;
	}
	store.update(typeName, toPersist);
	return Object.assign(credentials, output);
}
