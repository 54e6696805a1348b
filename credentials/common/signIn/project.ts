import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { authTypeOf } from './methods';
import { TokenCache } from './tokenCache';
import type { HttpRequest, SignInMethod } from './types';

/** Projects asked of a server (the metadata server), once per server per process, shared like tokens. */
const serverProjects = new TokenCache();

/** The credential's "Project ID", else the one its secret names (a key's project_id, an ADC quota project). */
export function projectOfCredential(method: SignInMethod, credentials: ICredentialDataDecryptedObject): string | undefined {
	return String(credentials.projectId ?? '').trim() || method.projectFromSecret(credentials) || undefined;
}

/** For a method that asks a server for its project: the project, cached; otherwise undefined. */
export async function projectFromServer(
	method: SignInMethod,
	credentials: ICredentialDataDecryptedObject,
	http: HttpRequest,
): Promise<string | undefined> {
	const ask = method.projectFromServer;
	if (!ask) return undefined;
	const key = TokenCache.key(`${authTypeOf(credentials)}:project`, method.identity(credentials));
	return await serverProjects.token(key, async () => ({ accessToken: await ask(credentials, http) }));
}

/** Why requests cannot be addressed: no project, and where one could come from. */
export function missingProjectMessage(method: SignInMethod): string {
	return `The Gemini Enterprise credential (${method.label}) has no project: set "Project ID"${method.projectHint ? ` ${method.projectHint}` : ''}`;
}
