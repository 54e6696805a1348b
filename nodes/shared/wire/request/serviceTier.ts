/**
 * `service_tier` of a model or agent turn (Interactions API; `@google/genai` types it
 * `"flex" | "standard" | "priority" | "deferred"`). Flex costs about half and answers within
 * minutes (Google's target is 1–15 min), so its requests get more time by default.
 */
export type ServiceTier = 'standard' | 'flex' | 'priority';

/** Default request timeout of a Flex turn: beyond Google's 15-minute latency target. */
export const FLEX_TIMEOUT_SECONDS = 20 * 60;
/** Default total wait for the quota of a Flex batch (its capacity is best-effort). */
export const FLEX_QUOTA_WAIT_MINUTES = 30;

/** The tier to send: nothing for the default (Google's own default is standard). */
export function serviceTierField(tier: ServiceTier | '' | undefined): { service_tier?: ServiceTier } {
	return tier === 'flex' || tier === 'priority' || tier === 'standard' ? { service_tier: tier } : {};
}

/** The request timeout: the user's, else the operation's default, raised for Flex. */
export function turnTimeoutMs(
	timeoutSeconds: number | undefined,
	tier: ServiceTier | '' | undefined,
	defaultSeconds: number,
): number {
	const seconds = Number(timeoutSeconds) || (tier === 'flex' ? Math.max(FLEX_TIMEOUT_SECONDS, defaultSeconds) : defaultSeconds);
	return seconds * 1000;
}
