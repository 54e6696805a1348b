import type { Message } from '@n8n/ai-node-sdk';

import { chainOf, ConversationStore, messageFingerprint } from '../../nodes/LmChatGeminiInteractions/model/history';
import type { Step } from '../../nodes/shared/wire/types';

const user = (text: string): Message => ({ role: 'user', content: [{ type: 'text', text }] });
const assistant = (text: string): Message => ({ role: 'assistant', content: [{ type: 'text', text }] });
const calls = (...ids: string[]): Message => ({
	role: 'assistant',
	content: ids.map((id) => ({ type: 'tool-call' as const, toolCallId: id, toolName: 'lookup', input: '{}' })),
});
const result = (id: string, value: string): Message => ({ role: 'tool', content: [{ type: 'tool-result', toolCallId: id, result: value }] });
const SCOPE = 'workflow-1\nnode-1';

describe('chat model: server-side history prefix matching', () => {
	let now = 1_000;
	let store: ConversationStore;
	beforeEach(() => {
		now = 1_000;
		store = new ConversationStore(100, 60_000, () => now);
	});

	/** What the model does after an answer: remember the chain it sent plus the answer. */
	const answered = (sent: Message[], answer: Message, interactionId: string, steps: Step[] = []) =>
		store.remember(SCOPE, chainOf(SCOPE, sent), answer, { interactionId, steps });

	it('finds the longest prefix that ends with an answer this model gave', () => {
		answered([user('one')], assistant('first answer'), 'v1_1');
		answered([user('one'), assistant('first answer'), user('two')], assistant('second answer'), 'v1_2');
		const history = [user('one'), assistant('first answer'), user('two'), assistant('second answer'), user('three')];
		expect(store.findPrefix(history, chainOf(SCOPE, history))).toEqual({ index: 3, interactionId: 'v1_2' });
	});

	it('does not match when an earlier message differs, the answer was edited, or the scope is another', () => {
		answered([user('one')], assistant('first answer'), 'v1_1');
		const edited = [user('one'), assistant('first answer, edited'), user('two')];
		expect(store.findPrefix(edited, chainOf(SCOPE, edited))).toBeUndefined();
		const otherStart = [user('zero'), assistant('first answer'), user('two')];
		expect(store.findPrefix(otherStart, chainOf(SCOPE, otherStart))).toBeUndefined();
		const same = [user('one'), assistant('first answer'), user('two')];
		expect(store.findPrefix(same, chainOf('another workflow', same))).toBeUndefined();
		expect(store.findPrefix(same, chainOf(SCOPE, same))).toEqual({ index: 1, interactionId: 'v1_1' });
	});

	it('matches a tool round by the call IDs, whatever text n8n puts next to the rebuilt calls', () => {
		answered([user('look it up')], calls('call_a', 'call_b'), 'v1_calls');
		const rebuilt: Message = {
			role: 'assistant',
			content: [{ type: 'text', text: 'Calling tools: Lookup' }, ...calls('call_b', 'call_a').content],
		};
		const history = [user('look it up'), rebuilt, result('call_a', '1'), result('call_b', '2')];
		expect(store.findPrefix(history, chainOf(SCOPE, history))).toEqual({ index: 1, interactionId: 'v1_calls' });
		expect(messageFingerprint(rebuilt)).toBe(messageFingerprint(calls('call_a', 'call_b')));
	});

	it('ignores whitespace around an answer text (streamed and stored answers differ only there)', () => {
		answered([user('hi')], assistant('Hello!'), 'v1_1');
		const history = [user('hi'), assistant('Hello!\n'), user('bye')];
		expect(store.findPrefix(history, chainOf(SCOPE, history))?.interactionId).toBe('v1_1');
	});

	it('recalls the original steps by place, else by tool call ID (a window that dropped older messages)', () => {
		const steps: Step[] = [{ type: 'thought', signature: 'sig-1' }, { type: 'function_call', id: 'call_a', name: 'lookup', arguments: {} }];
		answered([user('old'), assistant('old answer'), user('look it up')], calls('call_a'), 'v1_calls', steps);
		const full = [user('old'), assistant('old answer'), user('look it up'), calls('call_a'), result('call_a', '1')];
		expect(store.recall(SCOPE, full, chainOf(SCOPE, full), 3)).toBe(steps);
		const windowed = full.slice(2);
		expect(store.findPrefix(windowed, chainOf(SCOPE, windowed))).toBeUndefined();
		expect(store.recall(SCOPE, windowed, chainOf(SCOPE, windowed), 1)).toBe(steps);
		expect(store.recall('another workflow', windowed, chainOf('another workflow', windowed), 1)).toBeUndefined();
	});

	it('forgets entries past their age and beyond its capacity, oldest first', () => {
		answered([user('one')], assistant('a'), 'v1_1');
		const history = [user('one'), assistant('a'), user('two')];
		now += 60_001;
		expect(store.findPrefix(history, chainOf(SCOPE, history))).toBeUndefined();

		const small = new ConversationStore(2, 60_000, () => now);
		for (const n of [1, 2, 3]) small.remember(SCOPE, chainOf(SCOPE, [user(`q${n}`)]), assistant(`a${n}`), { interactionId: `v1_${n}`, steps: [] });
		const first = [user('q1'), assistant('a1'), user('next')];
		const last = [user('q3'), assistant('a3'), user('next')];
		expect(small.findPrefix(first, chainOf(SCOPE, first))).toBeUndefined();
		expect(small.findPrefix(last, chainOf(SCOPE, last))?.interactionId).toBe('v1_3');
	});

	it('never continues an answer that Google does not keep (store off)', () => {
		store.remember(SCOPE, chainOf(SCOPE, [user('one')]), assistant('a'), { steps: [] });
		const history = [user('one'), assistant('a'), user('two')];
		expect(store.findPrefix(history, chainOf(SCOPE, history))).toBeUndefined();
	});
});
