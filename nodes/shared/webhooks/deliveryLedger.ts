import type { IDataObject } from 'n8n-workflow';

import { DEFAULT_TOLERANCE_SECONDS } from './standardWebhooks';

/**
 * Remembers which `webhook-id`s were handled, so an at-least-once sender's repeats are handled once.
 * Deliveries older than the signature tolerance are refused anyway, so ids only need to be kept for
 * that long (plus a margin): the ledger stays small. It lives in a plain object, e.g. a node's static
 * data, so n8n persists it with the workflow.
 */
export class DeliveryLedger {
	constructor(
		private readonly store: IDataObject,
		private readonly keepSeconds = DEFAULT_TOLERANCE_SECONDS * 2,
	) {}

	private get seen(): Record<string, number> {
		if (typeof this.store.seenWebhookIds !== 'object' || this.store.seenWebhookIds === null) {
			this.store.seenWebhookIds = {};
		}
		return this.store.seenWebhookIds as Record<string, number>;
	}

	/** True the first time an id is offered; false for a repeat. */
	firstTime(webhookId: string, nowSeconds = Math.floor(Date.now() / 1000)): boolean {
		const seen = this.seen;
		for (const [id, at] of Object.entries(seen)) {
			if (nowSeconds - at > this.keepSeconds) delete seen[id];
		}
		if (webhookId in seen) return false;
		seen[webhookId] = nowSeconds;
		return true;
	}
}
