import type { Interaction, InteractionRequest } from '../types';
import { addUsage } from './usage';

/** A long answer can pause many times; past this the node reports what it has. */
export const MAX_CONTINUATIONS = 20;

/**
 * The request for the next part of an answer Google paused (`requires_continuation`), as
 * Google's SDK sends it: the same request without the input, pointing at the paused hop. A
 * turn that is not stored has no hop to point at, so the whole request goes again with the token.
 */
export function continuationRequest(original: InteractionRequest, hop: Interaction): InteractionRequest | undefined {
	if (hop.status !== 'requires_continuation' || !hop.continuation_token) return undefined;
	if (!hop.id) return { ...original, continuation_token: hop.continuation_token };
	const next: InteractionRequest = { ...original, continuation_token: hop.continuation_token, previous_interaction_id: hop.id };
	delete next.input;
	return next;
}

/** One interaction from its hops: steps in order, usage added up, id and status of the last hop. */
export function mergeHops(hops: Interaction[]): Interaction {
	if (hops.length === 1) return hops[0];
	const last = hops[hops.length - 1];
	const ids = hops.map((hop) => hop.id).filter((id): id is string => typeof id === 'string');
	return {
		...last,
		steps: hops.flatMap((hop) => hop.steps ?? []),
		usage: hops.map((hop) => hop.usage).reduce(addUsage, undefined),
		...(ids.length > 0 ? { continuation_ids: ids } : {}),
	};
}
