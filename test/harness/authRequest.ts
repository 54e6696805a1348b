/**
 * `helpers.httpRequestWithAuthentication` and `getCredentials` as n8n-core implements them
 * (request-helper-functions.ts, node-execution-context.ts `_getCredentials`).
 */
import type {
	IAdditionalCredentialOptions,
	ICredentialDataDecryptedObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeParameters,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeHelpers, NodeOperationError } from 'n8n-workflow';

import {
	applyCredentialDefaults,
	authenticate,
	preAuthentication,
	type CredentialTypeRegistry,
	type HarnessCredentialStore,
} from './credentials';
import { resolveParameter, type HarnessEnvironment } from './expressions';
import { httpRequest, removeEmptyBody } from './http';
import { harnessNotImplemented, type Recorder } from './types';

export interface AuthDeps {
	env: HarnessEnvironment;
	registry: CredentialTypeRegistry;
	store: HarnessCredentialStore;
	recorder: Recorder;
}

export function rememberSecrets(deps: AuthDeps, type: string, data: ICredentialDataDecryptedObject): void {
	for (const key of deps.registry.secretKeys(type)) deps.recorder.addSecret(data[key]);
}

/** NodeExecutionContext._getCredentials + CredentialsHelper.getDecrypted (no overwrites). */
export async function getNodeCredentials(
	deps: AuthDeps,
	type: string,
	itemIndex: number | undefined,
	resolveWithItems: boolean,
): Promise<ICredentialDataDecryptedObject> {
	const { node, nodeType } = deps.env;
	const descriptions = nodeType.description.credentials;
	if (descriptions === undefined) {
		throw new NodeOperationError(node, `Node type "${node.type}" does not have any credentials defined`, {
			level: 'warning',
		});
	}
	const description = descriptions.find((entry) => entry.name === type);
	if (description === undefined) {
		throw new NodeOperationError(
			node,
			`Node type "${node.type}" does not have any credentials of type "${type}" defined`,
			{ level: 'warning' },
		);
	}
	if (!NodeHelpers.displayParameter(node.parameters, description, node, nodeType.description, node.parameters)) {
		throw new NodeOperationError(node, 'Credentials not found');
	}
	if (!node.credentials?.[type]) {
		if (description.required !== true) throw new NodeOperationError(node, 'Node does not require credentials');
		const message = node.credentials
			? `Node does not have any credentials set for "${type}"`
			: 'Node does not have any credentials set';
		throw new NodeOperationError(node, message, { level: 'warning' });
	}
	const withDefaults = applyCredentialDefaults(deps.registry, type, deps.store.get(type) ?? {});
	const resolved = resolveWithItems
		? (resolveParameter(deps.env, withDefaults as INodeParameters, itemIndex || 0) as ICredentialDataDecryptedObject)
		: (deps.env.workflow.expression.getComplexParameterValue(
				node,
				withDefaults as INodeParameters,
				deps.env.mode,
				deps.env.additionalKeys,
				undefined,
				undefined,
				withDefaults,
			) as ICredentialDataDecryptedObject);
	rememberSecrets(deps, type, resolved);
	return resolved;
}

interface RequestingContext {
	helpers: IHttpRequestHelper['helpers'];
	getNode(): INode;
	getCredentials(type: string, itemIndex?: number): Promise<ICredentialDataDecryptedObject>;
	getExecutionCancelSignal?(): AbortSignal | undefined;
}

/**
 * Like n8n, this is a `this`-dependent function: nodes must call it as
 * `this.helpers.httpRequestWithAuthentication.call(this, type, options)`. Called with the
 * helpers object as `this`, it fails the way n8n fails.
 */
export function makeHttpRequestWithAuthentication(deps: AuthDeps) {
	const { registry, store, recorder, env } = deps;
	return async function httpRequestWithAuthentication(
		this: RequestingContext,
		credentialsType: string,
		requestOptions: IHttpRequestOptions,
		additionalCredentialOptions?: IAdditionalCredentialOptions,
	): Promise<unknown> {
		removeEmptyBody(requestOptions);
		// n8n replaces whatever signal the node passed with the execution's cancel signal.
		if ('getExecutionCancelSignal' in this) requestOptions.abortSignal = this.getExecutionCancelSignal!();

		const parents = registry.getParentTypes(credentialsType);
		if (parents.includes('oAuth1Api') || parents.includes('oAuth2Api')) {
			harnessNotImplemented('OAuth credential types in httpRequestWithAuthentication');
		}
		const helpers: IHttpRequestHelper = { helpers: this.helpers };
		const refresh = async (credentials: ICredentialDataDecryptedObject, expired: boolean): Promise<void> => {
			const data = await preAuthentication(registry, store, helpers, credentials, credentialsType, env.node, expired);
			if (data) {
				Object.assign(credentials, data);
				rememberSecrets(deps, credentialsType, credentials);
			}
			requestOptions = await authenticate(registry, credentials, credentialsType, requestOptions, env.workflow, env.node);
		};

		let credentialsDecrypted: ICredentialDataDecryptedObject | undefined;
		try {
			credentialsDecrypted = additionalCredentialOptions?.credentialsDecrypted
				? additionalCredentialOptions.credentialsDecrypted.data
				: await this.getCredentials(credentialsType);
			if (credentialsDecrypted === undefined) {
				throw new NodeOperationError(
					env.node,
					`Node "${env.node.name}" does not have any credentials of type "${credentialsType}" set`,
					{ level: 'warning' },
				);
			}
			await refresh(credentialsDecrypted, false);
			return await httpRequest(requestOptions, recorder);
		} catch (error) {
			if ((error as { response?: { status?: number } })?.response?.status === 401) {
				try {
					if (credentialsDecrypted !== undefined) await refresh(credentialsDecrypted, true);
					return await httpRequest(requestOptions, recorder);
				} catch (retryError) {
					throw new NodeApiError(this.getNode(), retryError as JsonObject);
				}
			}
			throw new NodeApiError(this.getNode(), error as JsonObject);
		}
	};
}
