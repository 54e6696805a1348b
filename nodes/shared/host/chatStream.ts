import type { IExecuteFunctions } from 'n8n-workflow';

/** Forwards answer text to a streaming Chat Trigger / Webhook response, item by item. */
export interface ChatStream {
	/** True when the workflow streams its response and this n8n can send chunks. */
	readonly active: boolean;
	text(delta: string): void;
	/** Closes the item's stream; safe to call more than once. */
	end(): void;
}

const inactive: ChatStream = { active: false, text: () => {}, end: () => {} };

/**
 * `isStreaming`/`sendChunk` exist only on newer n8n hosts, so both are looked up, never
 * assumed. The `begin` chunk is sent lazily with the first text so an item that fails before
 * answering leaves no empty message in the chat.
 */
export function openChatStream(ctx: IExecuteFunctions, itemIndex: number): ChatStream {
	const host = ctx as Partial<Pick<IExecuteFunctions, 'isStreaming' | 'sendChunk'>>;
	if (typeof host.isStreaming !== 'function' || typeof host.sendChunk !== 'function') return inactive;
	if (!host.isStreaming.call(ctx)) return inactive;
	const sendChunk = host.sendChunk.bind(ctx);
	// n8n declares sendChunk as void but implements it async: a chat that went away must not
	// become an unhandled rejection.
	const send = (...args: Parameters<IExecuteFunctions['sendChunk']>) => {
		const result = sendChunk(...args) as unknown;
		if (result instanceof Promise) result.catch(() => undefined);
	};
	let state: 'idle' | 'open' | 'closed' = 'idle';
	return {
		active: true,
		text(delta: string) {
			if (state === 'closed' || delta === '') return;
			if (state === 'idle') {
				send('begin', itemIndex);
				state = 'open';
			}
			send('item', itemIndex, delta);
		},
		end() {
			if (state === 'open') send('end', itemIndex);
			state = 'closed';
		},
	};
}
