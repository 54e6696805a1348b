import type { INode } from 'n8n-workflow';

import { GeminiInteractions } from '../../nodes/GeminiInteractions/GeminiInteractions.node';
import { createEnvironment, evaluateExpression } from '../harness/expressions';

/** The canvas subtitle as n8n's expression engine renders it for a node with these parameters. */
function subtitleFor(resource: string, operation: string): unknown {
	const nodeType = new GeminiInteractions();
	const node: INode = {
		id: 'n1',
		name: 'Gemini',
		type: 'n8n-nodes-gemini-interactions.geminiInteractions',
		typeVersion: 1,
		position: [0, 0],
		parameters: { resource, operation },
	};
	const env = createEnvironment({ nodeType, node, mode: 'manual', items: [{ json: {} }] });
	return evaluateExpression(env, String(nodeType.description.subtitle).slice(1), 0);
}

describe('canvas subtitle', () => {
	it.each([
		['interaction', 'create', 'Message a model'],
		['interaction', 'generateStructuredOutput', 'Generate structured output'],
		['interaction', 'delete', 'Delete an interaction'],
		['agent', 'run', 'Run an agent'],
		['agent', 'delete', 'Delete a custom agent'],
	])('%s → %s reads "%s"', (resource, operation, expected) => {
		expect(subtitleFor(resource, operation)).toBe(expected);
	});

	it('falls back to the operation name it does not know', () => {
		expect(subtitleFor('agent', 'somethingNew')).toBe('somethingNew');
	});
});
