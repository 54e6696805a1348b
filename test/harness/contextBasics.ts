/** What every n8n function context has: the node, its workflow, the execution and a logger. */
import { deepCopy } from 'n8n-workflow';

import type { HarnessEnvironment } from './expressions';
import type { Recorder } from './types';

export function contextBasics(env: HarnessEnvironment, recorder: Pick<Recorder, 'log'>): Record<string, unknown> {
	const { workflow, node } = env;
	return {
		logger: Object.fromEntries(
			(['error', 'warn', 'info', 'debug'] as const).map((level) => [
				level,
				(message: string, meta?: unknown) => recorder.log(level, message, meta),
			]),
		),
		getNode: () => deepCopy(node),
		getWorkflow: () => ({ id: workflow.id, name: workflow.name, active: workflow.active }),
		getWorkflowSettings: () => workflow.settings,
		getWorkflowStaticData: (type: string) => workflow.getStaticData(type, node),
		getExecutionId: () => env.executionId,
		getMode: () => env.mode,
		getTimezone: () => workflow.timezone,
		getChildNodes: () => [],
		getParentNodes: () => [],
	};
}
