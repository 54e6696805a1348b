import * as workflow from 'n8n-workflow';
import type { NodeConnectionType } from 'n8n-workflow';

type UsedConnectionTypes = Record<'Main' | 'AiTool' | 'AiLanguageModel', NodeConnectionType>;

const FALLBACK: UsedConnectionTypes = { Main: 'main', AiTool: 'ai_tool', AiLanguageModel: 'ai_languageModel' };

/**
 * n8n-workflow's `NodeConnectionTypes` where the host has it, the same values where it does not.
 * n8n-workflow exports that object only from 1.83: reading it unguarded at module load makes
 * n8n ≤ 1.82 fail to load the node ("Class could not be found"). n8n's package scanner requires
 * `NodeConnectionTypes.<Type>` rather than string literals in `inputs`/`outputs` (and recognises
 * AI sub-nodes by it), and ignores inline eslint-disable comments: descriptions import this one.
 */
export const NodeConnectionTypes: UsedConnectionTypes = {
	...FALLBACK,
	...(workflow as { NodeConnectionTypes?: Partial<UsedConnectionTypes> }).NodeConnectionTypes,
};
