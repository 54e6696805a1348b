import type { IExecuteFunctions } from 'n8n-workflow';

import type { ServiceTier } from '../../shared/wire/request/serviceTier';
import { FLEX_QUOTA_WAIT_MINUTES } from '../../shared/wire/request/serviceTier';

export const DEFAULT_CONCURRENCY = 20;
export const DEFAULT_QUOTA_WAIT_MINUTES = 10;

/**
 * How the batch runs, read from the first item (it applies to all): the most items at once,
 * and how long one request may wait for Google's quota. Flex requests wait longer by default.
 */
export function readSchedulingOptions(ctx: IExecuteFunctions): { concurrency: number; maxQuotaWaitMs: number } {
	const options = ctx.getNodeParameter('options', 0, {}) as {
		concurrency?: number;
		maxQuotaWait?: number;
		serviceTier?: ServiceTier;
	};
	const concurrency = Number(options.concurrency) || DEFAULT_CONCURRENCY;
	const defaultWait = options.serviceTier === 'flex' ? FLEX_QUOTA_WAIT_MINUTES : DEFAULT_QUOTA_WAIT_MINUTES;
	const minutes = Number(options.maxQuotaWait ?? defaultWait);
	return { concurrency, maxQuotaWaitMs: (Number.isFinite(minutes) && minutes >= 0 ? minutes : defaultWait) * 60_000 };
}
