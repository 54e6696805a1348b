/* eslint-disable -- test code runs in Node, not in n8n: eslint.dev.config.mjs lints it instead of n8n's node rules */
import type { IExecuteFunctions, ITaskMetadata } from 'n8n-workflow';

import { reportTokenUsage } from '../../nodes/shared/host/tokenUsage';

/** Just the two members n8n's accumulateTokenUsage reads and writes. */
function hostWithMetadata() {
	const executeData: { metadata?: ITaskMetadata } = {};
	const ctx = {
		getExecuteData: () => executeData,
		setMetadata: (metadata: ITaskMetadata) => {
			executeData.metadata = { ...(executeData.metadata ?? {}), ...metadata };
		},
	};
	return { ctx: ctx as unknown as IExecuteFunctions, executeData };
}

describe('reportTokenUsage', () => {
	it('adds each turn to the node\'s tokenUsage, as n8n\'s own AI nodes do', () => {
		const { ctx, executeData } = hostWithMetadata();
		expect(reportTokenUsage(ctx, { total_input_tokens: 10, total_output_tokens: 4, total_thought_tokens: 6 })).toBe(true);
		reportTokenUsage(ctx, { total_input_tokens: 1, total_output_tokens: 2 });
		expect(executeData.metadata?.tokenUsage).toEqual({ inputTokens: 11, outputTokens: 12 });
	});

	it('does nothing on a host without setMetadata (older n8n) or without usage', () => {
		expect(reportTokenUsage({} as IExecuteFunctions, { total_input_tokens: 10 })).toBe(false);
		const { ctx, executeData } = hostWithMetadata();
		expect(reportTokenUsage(ctx, undefined)).toBe(false);
		expect(executeData.metadata).toBeUndefined();
	});
});

describe('on an n8n-workflow without accumulateTokenUsage (before 2.x)', () => {
	it('leaves usage in the output only, without failing', () => {
		jest.isolateModules(() => {
			jest.doMock('n8n-workflow', () => {
				const { accumulateTokenUsage: _missing, ...older } = jest.requireActual('n8n-workflow');
				return older;
			});
			const { reportTokenUsage: onOlderHost } = require('../../nodes/shared/host/tokenUsage') as typeof import('../../nodes/shared/host/tokenUsage');
			const { ctx, executeData } = hostWithMetadata();
			expect(onOlderHost(ctx, { total_input_tokens: 10, total_output_tokens: 2 })).toBe(false);
			expect(executeData.metadata).toBeUndefined();
		});
	});
});
