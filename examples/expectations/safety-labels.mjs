// Every request carries the safety settings ({type, threshold, method?}) and the billing labels;
// the ordinary review is answered, the one Google's filter withholds comes out as an error item that
// names the category, and n8n records the node's token usage in its run data.
export default {
	check({ assert, items, requests, run }) {
		const out = items('Triage review');
		assert.equal(out.length, 2);
		assert.equal(out[0].status, 'completed');
		assert.match(out[0].text, /cable is short/);
		assert.equal(out[1].text, undefined);
		assert.equal(out[1].error, 'Google blocked the answer (safety: hate_speech)');

		const creates = requests.filter((r) => r.method === 'POST' && r.path === '/v1/interactions');
		assert.equal(creates.length, 2);
		for (const request of creates) {
			assert.deepEqual(request.body.safety_settings, [
				{ type: 'harassment', threshold: 'block_only_high' },
				{ type: 'hate_speech', threshold: 'block_low_and_above' },
				{ type: 'dangerous_content', threshold: 'block_medium_and_above', method: 'probability' },
			]);
			assert.deepEqual(request.body.labels, { team: 'support', workflow: 'review-triage' });
			assert.equal(request.status, 200);
		}

		const task = run.data.resultData.runData['Triage review'][0];
		const usage = out[0].usage;
		assert.ok(task.metadata?.tokenUsage, 'n8n recorded tokenUsage for the node');
		assert.ok(task.metadata.tokenUsage.inputTokens >= usage.total_input_tokens, 'input tokens of both turns');
		assert.ok(task.metadata.tokenUsage.outputTokens >= usage.total_output_tokens + usage.total_thought_tokens);
	},
};
