import * as workflow from 'n8n-workflow';
import type { NodeConnectionType } from 'n8n-workflow';

/**
 * Connection types for node descriptions, on old and new hosts alike. n8n-workflow exports the
 * `NodeConnectionTypes` object only from 1.83: reading it unguarded at module load makes n8n ≤ 1.82
 * fail to load the node ("Class could not be found"). n8n's package scanner requires that object
 * rather than string literals in `inputs`/`outputs` and ignores inline eslint-disable comments, so
 * descriptions use these: the host's own value where it has one, the same string where it does not.
 */
const hostTypes = (workflow as { NodeConnectionTypes?: Partial<Record<'Main' | 'AiTool' | 'AiLanguageModel', NodeConnectionType>> })
	.NodeConnectionTypes;

export const CONNECTION_MAIN: NodeConnectionType = hostTypes?.Main ?? 'main';
export const CONNECTION_AI_TOOL: NodeConnectionType = hostTypes?.AiTool ?? 'ai_tool';
export const CONNECTION_AI_LANGUAGE_MODEL: NodeConnectionType = hostTypes?.AiLanguageModel ?? 'ai_languageModel';
