// Run Agent (Antigravity) with Download Output Files: the PDF the emulator's agent wrote into its sandbox
// arrives as binary data, and a stock n8n node can read it.
export default {
	check({ assert, items, requests, run }) {
		const [report] = items('Write report');
		assert.equal(report.status, 'completed');
		assert.match(report.environmentId, /^env_/);
		assert.deepEqual(
			report.files.map((f) => [f.path, f.fileName, f.mimeType, f.binaryProperty]),
			[['/workspace/out/report.pdf', 'report.pdf', 'application/pdf', 'data']],
		);
		const task = run.data.resultData.runData['Write report'][0];
		const binary = task.data.main[0][0].binary.data;
		assert.equal(binary.mimeType, 'application/pdf');
		assert.equal(binary.fileName, 'report.pdf');

		const [pdf] = items('Read the PDF');
		assert.match(pdf.text, /Report by antigravity-preview-05-2026/);

		const env = report.environmentId;
		const files = requests.filter((r) => r.path.includes('/environments/'));
		assert.deepEqual(
			files.map((r) => `${r.method} ${r.url}`),
			[
				`GET /v1/environments/${env}/files/workspace/out?page_size=1000&recursive=true`,
				`GET /v1/environments/${env}/files/workspace/out/report.pdf?page_size=1`,
				`GET /v1/environments/${env}/files/workspace/out/report.pdf?alt=media`,
			],
		);
	},
};
