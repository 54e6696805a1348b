/**
 * Hosts without n8n's AI node SDK (older n8n): the package must still load, the action node must
 * work, and the chat model must say why it cannot. The SDK is made unresolvable for this file.
 */
jest.mock('@n8n/ai-node-sdk', () => {
	throw new Error("Cannot find module '@n8n/ai-node-sdk'");
});

describe('on an n8n without @n8n/ai-node-sdk', () => {
	it('both nodes load; the action node does not need the SDK', () => {
		expect(() => require('@n8n/ai-node-sdk')).toThrow(/Cannot find module/);
		const { GeminiInteractions } = require('../../nodes/GeminiInteractions/GeminiInteractions.node');
		const { LmChatGeminiInteractions } = require('../../nodes/LmChatGeminiInteractions/LmChatGeminiInteractions.node');
		expect(new GeminiInteractions().description.name).toBe('geminiInteractions');
		expect(new LmChatGeminiInteractions().description.outputs).toEqual(['ai_languageModel']);
	});

	it('the chat model fails with a message that names the missing SDK and the way out', async () => {
		const { LmChatGeminiInteractions } = require('../../nodes/LmChatGeminiInteractions/LmChatGeminiInteractions.node');
		const node = { name: 'Gemini Chat Model', type: 'n8n-nodes-gemini-interactions.lmChatGeminiInteractions', parameters: {} };
		const context = { getNode: () => node };
		const error = await new LmChatGeminiInteractions().supplyData.call(context, 0).catch((thrown: Error) => thrown);
		expect(error.message).toBe('This n8n version cannot run the Gemini Interactions Chat Model');
		expect(error.description).toMatch(/needs n8n's AI node SDK \(@n8n\/ai-node-sdk\), which this n8n does not provide .*use the Gemini Interactions node/);
	});
});
