import type { IExecuteFunctions } from 'n8n-workflow';

import type { ServiceTier } from '../../shared/wire/request/serviceTier';
import { FLEX_QUOTA_WAIT_MINUTES } from '../../shared/wire/request/serviceTier';
import { concurrencyOption, maxQuotaWaitOption } from '../actions/descriptions';

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
	const concurrency = Number(options.concurrency) || (concurrencyOption.default as number);
	const defaultWait = options.serviceTier === 'flex' ? FLEX_QUOTA_WAIT_MINUTES : (maxQuotaWaitOption.default as number);
	const minutes = Number(options.maxQuotaWait ?? defaultWait);
	return { concurrency, maxQuotaWaitMs: (Number.isFinite(minutes) && minutes >= 0 ? minutes : defaultWait) * 60_000 };
}
