// The same agent behind a Chat Trigger in streaming mode, with Server-Side History on: the answer
// reaches the chat in chunks; the tool round sends only the function result, with the interaction's ID.
import { checkStreamedChat } from '../../test/e2e/lib/chatModel.mjs';

export const QUESTION = 'Count the letters of harbour';

export default {
	request: { body: { action: 'sendMessage', sessionId: 'e2e-chat-model-stream', chatInput: QUESTION } },
	check({ assert, response, requests }) {
		checkStreamedChat(assert, response, requests, { question: QUESTION, earlier: [] });
	},
};
