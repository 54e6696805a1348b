import { baseName, globBase, globToRegExp, isGlob, normalizeEnvironmentPath } from '../../nodes/shared/wire/request/pathPatterns';
import { fileId } from '../../nodes/shared/files/geminiFiles';

describe('environment paths and globs', () => {
	it('normalizes the way users write paths to the way Google lists them', () => {
		expect(normalizeEnvironmentPath('/workspace//out/./report.pdf/')).toBe('workspace/out/report.pdf');
		expect(normalizeEnvironmentPath('/')).toBe('');
		expect(baseName('/workspace/out/report.pdf')).toBe('report.pdf');
	});

	it('* and ? stay in one folder, ** spans folders, [..] is a class', () => {
		const pdfs = globToRegExp('/workspace/out/*.pdf');
		expect(pdfs.test('workspace/out/report.pdf')).toBe(true);
		expect(pdfs.test('workspace/out/sub/report.pdf')).toBe(false);
		expect(pdfs.test('workspace/out/report.pdf.bak')).toBe(false);
		const deep = globToRegExp('/workspace/**/*.csv');
		expect(deep.test('workspace/a.csv')).toBe(true);
		expect(deep.test('workspace/x/y/a.csv')).toBe(true);
		expect(globToRegExp('out/chart-?.[pj]ng').test('out/chart-1.png')).toBe(true);
		expect(globToRegExp('out/chart-?.[pj]ng').test('out/chart-12.png')).toBe(false);
		expect(globToRegExp('a+b(1).txt').test('a+b(1).txt')).toBe(true);
	});

	it('lists only below the part without wildcards', () => {
		expect(isGlob('/workspace/out/report.pdf')).toBe(false);
		expect(globBase('/workspace/out/*.pdf')).toBe('workspace/out');
		expect(globBase('/workspace/**/x/*.pdf')).toBe('workspace');
		expect(globBase('*.md')).toBe('');
	});

	it('Files API names, IDs and URIs all name the same file', () => {
		expect(fileId('files/abc123')).toBe('abc123');
		expect(fileId('abc123')).toBe('abc123');
		expect(fileId('https://generativelanguage.googleapis.com/v1beta/files/abc123')).toBe('abc123');
	});
});
