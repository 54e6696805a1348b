// One chat message to the AI Agent (Gemini Interactions Chat Model + Simple Memory + Code Tool):
// the model asks for the tool, n8n runs it, the model answers with its result. Two turns and the
// streaming variant are in test/e2e/chatModel.test.mjs.
import { checkToolTurn } from '../../test/e2e/lib/chatModel.mjs';

export const QUESTION = 'How many letters has the word lighthouse';

export default {
	request: { body: { action: 'sendMessage', sessionId: 'e2e-chat-model', chatInput: QUESTION } },
	check({ assert, response, requests }) {
		assert.equal(response.status, 200);
		checkToolTurn(assert, requests, { question: QUESTION, earlier: [] });
		assert.match(response.body.output, /Count_Letters returned \[\{"response":"\d+"\}\]\. You said: "How many letters has the word lighthouse"\./);
	},
};
