import { createHash } from 'node:crypto';

import type { Message, MessageContent } from '@n8n/ai-node-sdk';

import type { Step } from '../../shared/wire/types';

/**
 * What this model sent and got back, so that a later call can (a) replay an earlier answer
 * exactly as Google sent it (thoughts with their signatures, function calls), and (b) with
 * server-side history, send only the messages Google has not seen yet.
 *
 * A conversation is identified by a hash chain over its messages: link i hashes link i-1 and
 * message i's fingerprint. After each answer the chain up to and including that answer is
 * remembered with the interaction's ID; a later call whose messages start with the same chain
 * continues that interaction. n8n rebuilds the agent's messages between calls (from memory, or
 * after running tools), so an answer is fingerprinted by what survives that: the IDs of its tool
 * calls, or else its text.
 *
 * The store lives in the n8n process (bounded, oldest entries dropped first): a call on another
 * worker, or after a restart, simply sends the whole history.
 */

export interface TurnRecord {
	interactionId?: string;
	/** The model's steps of the answer, verbatim. */
	steps: Step[];
	at: number;
}

export interface PrefixMatch {
	/** Index of the last message Google already has. */
	index: number;
	interactionId: string;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('base64');

function contentFingerprint(block: MessageContent): string {
	switch (block.type) {
		case 'text':
			return `text:${block.text}`;
		case 'file':
			return `file:${block.mediaType ?? ''}:${sha256(typeof block.data === 'string' ? block.data : Buffer.from(block.data).toString('base64'))}`;
		case 'tool-result':
			return `result:${block.toolCallId}:${sha256(typeof block.result === 'string' ? block.result : JSON.stringify(block.result) ?? '')}`;
		default:
			return '';
	}
}

/** What identifies a message across n8n's rebuilding of it. */
export function messageFingerprint(message: Message): string {
	if (message.role === 'assistant') {
		const callIds = message.content
			.filter((block) => block.type === 'tool-call')
			.map((block) => (block.type === 'tool-call' ? block.toolCallId ?? block.toolName : ''))
			.sort();
		if (callIds.length > 0) return `assistant:calls:${callIds.join(',')}`;
		const text = message.content
			.filter((block) => block.type === 'text')
			.map((block) => (block.type === 'text' ? block.text : ''))
			.join('')
			.trim();
		return `assistant:text:${text}`;
	}
	return `${message.role}:${message.content.map(contentFingerprint).filter(Boolean).join('\n')}`;
}

/** Link i of the chain covers messages 0..i. */
export function chainOf(scope: string, history: Message[]): string[] {
	const links: string[] = [];
	let previous = sha256(`scope:${scope}`);
	for (const message of history) {
		previous = sha256(`${previous}\n${messageFingerprint(message)}`);
		links.push(previous);
	}
	return links;
}

export class ConversationStore {
	private readonly byChain = new Map<string, TurnRecord>();
	private readonly byCall = new Map<string, TurnRecord>();

	constructor(
		private readonly capacity = 2000,
		private readonly maxAgeMs = 24 * 60 * 60 * 1000,
		private readonly now: () => number = () => Date.now(),
	) {}

	/** Remembers an answer: `chain` is the chain of the messages sent, `answer` the answer as a message. */
	remember(scope: string, chain: string[], answer: Message, record: Omit<TurnRecord, 'at'>): void {
		const entry: TurnRecord = { ...record, at: this.now() };
		const last = chain.length > 0 ? chain[chain.length - 1] : sha256(`scope:${scope}`);
		this.put(this.byChain, sha256(`${last}\n${messageFingerprint(answer)}`), entry);
		for (const step of record.steps) {
			if (step.type === 'function_call' && typeof step.id === 'string' && step.id !== '') {
				this.put(this.byCall, `${scope}\n${step.id}`, entry);
			}
		}
	}

	/** The longest prefix of the conversation that ends with an answer of an interaction Google keeps. */
	findPrefix(history: Message[], chain: string[]): PrefixMatch | undefined {
		for (let index = history.length - 1; index >= 0; index--) {
			if (history[index].role !== 'assistant') continue;
			const record = this.get(this.byChain, chain[index]);
			if (record?.interactionId) return { index, interactionId: record.interactionId };
		}
		return undefined;
	}

	/** The original steps of the assistant message at `index`: by its place in the conversation, else by its tool calls. */
	recall(scope: string, history: Message[], chain: string[], index: number): Step[] | undefined {
		const byPlace = this.get(this.byChain, chain[index]);
		if (byPlace) return byPlace.steps;
		for (const block of history[index].content) {
			if (block.type !== 'tool-call' || !block.toolCallId) continue;
			const byCall = this.get(this.byCall, `${scope}\n${block.toolCallId}`);
			if (byCall) return byCall.steps;
		}
		return undefined;
	}

	clear(): void {
		this.byChain.clear();
		this.byCall.clear();
	}

	private get(map: Map<string, TurnRecord>, key: string | undefined): TurnRecord | undefined {
		if (key === undefined) return undefined;
		const record = map.get(key);
		if (!record) return undefined;
		if (this.now() - record.at > this.maxAgeMs) {
			map.delete(key);
			return undefined;
		}
		return record;
	}

	private put(map: Map<string, TurnRecord>, key: string, record: TurnRecord): void {
		map.delete(key);
		map.set(key, record);
		while (map.size > this.capacity) {
			const oldest = map.keys().next().value as string;
			map.delete(oldest);
		}
	}
}

/** The one store of this n8n process. */
export const conversations = new ConversationStore();
