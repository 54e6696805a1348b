import type { INode } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { FollowOutcome } from '../../shared/interactions/follow';
import type { StreamTurnFailure } from '../../shared/interactions/streamTurn';
import { apiErrorFromMessage } from '../../shared/transport/errors';
import { describeDuration } from '../../shared/transport/quotaErrors';

/** The words for every way a run can end without an answer: a followed background run, a streamed turn. */

const lookLater = (id: string) => `The run may still be going on Google's side. Look at it with Interaction → Get and the ID ${id}.`;
const fetchLater = (id: string) =>
	`use Wait Mode "Return Immediately" and fetch the result later with Interaction → Get and the ID ${id}`;

export interface FollowContext {
	node: INode;
	interactionId: string;
	itemIndex: number;
	maxWaitMs: number;
}

/** What became of the cancel request sent after a timeout, when one was sent. */
export type TimeoutCancel = { sent: false } | { sent: true; ok: true } | { sent: true; ok: false; reason: string };

export function timedOutError(context: FollowContext, cancel: TimeoutCancel): NodeOperationError {
	const { node, interactionId: id, itemIndex } = context;
	const waited = describeDuration(context.maxWaitMs);
	if (!cancel.sent) {
		return new NodeOperationError(node, `Interaction ${id} did not finish within ${waited}; it is still running`, {
			itemIndex,
			description: `Raise "Maximum Wait" in the options, or ${fetchLater(id)}.`,
		});
	}
	if (cancel.ok) {
		return new NodeOperationError(node, `Interaction ${id} did not finish within ${waited}, so it was cancelled`, {
			itemIndex,
			description: `Raise "Maximum Wait" in the options, or ${fetchLater(id)}.`,
		});
	}
	return new NodeOperationError(
		node,
		`Interaction ${id} did not finish within ${waited}, and cancelling it failed: it may still be running`,
		{
			itemIndex,
			description: `The cancel request failed (${cancel.reason}). Cancel it with Interaction → Cancel and the ID ${id}, or ${fetchLater(id)}.`,
		},
	);
}

/**
 * After the execution is cancelled n8n aborts every request made through
 * `httpRequestWithAuthentication` with that same (now aborted) signal — it overwrites any
 * signal of ours — so a cancel request could never reach Google. Rather than pretend, the
 * error says the run may still be going and carries its id so it can be cancelled later.
 */
export function cancelledWhileWaitingError(context: FollowContext): NodeOperationError {
	const { node, interactionId: id, itemIndex } = context;
	return new NodeOperationError(
		node,
		`The execution was cancelled while waiting for interaction ${id}; the run may still be going on Google's side`,
		{ itemIndex, description: `Cancel it with Interaction → Cancel and the ID ${id} if it should stop.` },
	);
}

/** A stream `error` event, a lost stream or a failed request while following the run. */
export function followFailedError(
	context: FollowContext,
	outcome: Extract<FollowOutcome, { kind: 'streamError' | 'lost' | 'failed' }>,
): Error {
	const { node, interactionId: id, itemIndex } = context;
	if (outcome.kind === 'failed') return outcome.error;
	if (outcome.kind === 'lost') {
		return new NodeApiError(
			node,
			{ message: 'stream lost' },
			{
				message: `Lost the connection to interaction ${id} ${outcome.attempts} times in a row`,
				description: lookLater(id),
				itemIndex,
			},
		);
	}
	const reason = outcome.message || outcome.code || 'unknown error';
	return new NodeApiError(
		node,
		{ message: reason },
		{ message: `The stream of interaction ${id} reported an error: ${reason}`, description: lookLater(id), itemIndex },
	);
}

/**
 * A streamed model turn that did not complete. n8n streams an error's description to the chat,
 * so Google's own message stands in the description as well as in the message.
 */
export function streamTurnFailedError(node: INode, failure: StreamTurnFailure, itemIndex: number): NodeApiError {
	const id = failure.interactionId;
	if (failure.kind === 'streamError') {
		const message = failure.message || 'The Gemini API reported an error in the stream';
		const code = failure.code ? ` (${failure.code})` : '';
		return apiErrorFromMessage(
			node,
			message,
			`${message}${code} — the stream of interaction ${id ?? '(not stored)'} ended with this error.`,
			itemIndex,
		);
	}
	return apiErrorFromMessage(
		node,
		'The Gemini API stream broke off before the answer was complete',
		`${failure.reason}. ${id ? `It was resumed ${failure.resumes} times; fetch interaction ${id} with Interaction → Get.` : 'Without a stored interaction it cannot be resumed.'}`,
		itemIndex,
	);
}

/**
 * Resume on Webhook: Maximum Wait ran out before Google's last call. n8n resumes the execution by
 * itself then, without asking Google, so what became of the run is not known.
 */
export function resumeTimedOutError(node: INode, interactionId: string, itemIndex: number, maxWaitMs: number): NodeOperationError {
	return new NodeOperationError(node, `Interaction ${interactionId} did not end within ${describeDuration(maxWaitMs)} (Maximum Wait)`, {
		itemIndex,
		description: `n8n resumed the execution by itself when Maximum Wait ran out, without asking Google, so the run may still be going or may have ended since. Interaction → Get with the ID ${interactionId} fetches it; Interaction → Cancel stops it. Raise "Maximum Wait" for longer runs.`,
	});
}

/** Resume on Webhook: a run that ended badly, as Google reports it when the execution resumes. */
export function resumedRunFailedError(node: INode, itemIndex: number, failure: { message: string; description: string }): NodeOperationError {
	return new NodeOperationError(node, failure.message, { itemIndex, description: failure.description });
}

/** Resume on Webhook: an item whose run could not be created (its error came out before the wait). */
export function resumedRunNotStartedError(node: INode, itemIndex: number): NodeOperationError {
	return new NodeOperationError(node, 'The run of this item could not be started', {
		itemIndex,
		description: 'Creating the run failed before the execution began to wait; the error was reported then. Run the item again.',
	});
}
