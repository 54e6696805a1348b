// Driving n8n's editor with Debian's Chromium through playwright-core.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM } from '../../../scripts/e2e.mjs';
import { OWNER, PROJECT_DIR } from '../../../scripts/n8n-runtime.mjs';

// Tests write only into ignored folders: test-results/screenshots by default. The README's copies in
// docs/screenshots are refreshed on purpose, by `npm run screenshots` (which sets E2E_SCREENSHOTS_DIR).
export const SCREENSHOTS_DIR = process.env.E2E_SCREENSHOTS_DIR || path.join(PROJECT_DIR, 'test-results', 'screenshots');
const CHROMIUM_ARGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run',
	'--disable-dev-shm-usage',
];

export async function openBrowser() {
	const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
	const page = await browser.newPage({ viewport: { width: 1200, height: 760 } });
	page.setDefaultTimeout(20_000);
	return { browser, page };
}

export async function signIn(page, baseUrl, owner = OWNER) {
	await page.goto(`${baseUrl}/signin`);
	await page.fill('input[type=email]', owner.email);
	await page.fill('input[type=password]', owner.password);
	await page.keyboard.press('Enter');
	await page.waitForURL((url) => !url.pathname.startsWith('/signin'));
}

export async function openWorkflow(page, baseUrl, id) {
	await page.goto(`${baseUrl}/workflow/${id}`);
	await page.locator('[data-test-id="canvas-node"]').first().waitFor();
	// a previous page on the same workflow leaves a short-lived "Editing in another tab" lock
	const takeOver = page.getByText('Edit here');
	if (await takeOver.isVisible({ timeout: 1500 }).catch(() => false)) await takeOver.click();
}

export const canvasNode = (page, name) => page.locator(`[data-test-id="canvas-node"][data-node-name="${name}"]`);

/** Opens a node's panel (NDV) and returns its locator. */
export async function openNode(page, name) {
	await canvasNode(page, name).dblclick();
	const ndv = page.locator('[data-test-id="ndv"]');
	await ndv.waitFor();
	return ndv;
}

export async function closeNode(page) {
	await page.locator('[data-test-id="ndv-close-button"]').click();
	await page.locator('[data-test-id="ndv"]').waitFor({ state: 'hidden' });
}

// Element Plus keeps closed dropdowns in the DOM (fading out); only the open one is aria-hidden=false.
const OPEN_DROPDOWN_ITEM = '.el-popper[aria-hidden="false"] .el-select-dropdown__item';

/** Names (first line) of the items of the dropdown that is open now. */
export async function openDropdownItems(page) {
	const items = page.locator(OPEN_DROPDOWN_ITEM);
	await items.first().waitFor();
	return (await items.allInnerTexts()).map((t) => t.split('\n')[0].trim());
}

/** Clicks the item of the open dropdown whose name is exactly `name`. */
export async function pickDropdownItem(page, name) {
	await page.locator(OPEN_DROPDOWN_ITEM).filter({ has: page.getByText(name, { exact: true }) }).first().click();
}

/** Opens an options parameter, returns its option names, and picks `choice` (a display name). */
export async function selectOption(page, ndv, parameter, choice) {
	await ndv.locator(`[data-test-id="parameter-input-${parameter}"]`).click();
	const names = await openDropdownItems(page);
	await pickDropdownItem(page, choice);
	return names;
}

/** The parameter panel's text as trimmed lines (labels, notices; input values are not in it). */
export async function parameterLines(ndv) {
	const text = await ndv.locator('[data-test-id="node-parameters"]').innerText();
	return text.split('\n').map((line) => line.trim()).filter(Boolean);
}

/** Parameter lines once `ready(lines)` holds (the panel re-renders after a change), or the last seen. */
export async function waitForParameterLines(ndv, ready, timeoutMs = 5000) {
	const deadline = Date.now() + timeoutMs;
	let lines = await parameterLines(ndv);
	while (!ready(lines) && Date.now() < deadline) {
		await ndv.page().waitForTimeout(100);
		lines = await parameterLines(ndv);
	}
	return lines;
}

export async function screenshot(target, name) {
	await mkdir(SCREENSHOTS_DIR, { recursive: true });
	await target.screenshot({ path: path.join(SCREENSHOTS_DIR, name), animations: 'disabled' });
}
