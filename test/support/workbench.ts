import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { repoRoot } from './lspClient';

/** Where e2e screenshots go (kept with the test output, out of git). */
export const screenshotDir = join(repoRoot, 'test-output/e2e');

/** Saves a screenshot named after the step, and says where. */
export async function snap(page: Page, name: string): Promise<void> {
  mkdirSync(screenshotDir, { recursive: true });
  const path = join(screenshotDir, `${name}.png`);
  await page.screenshot({ path });
  console.log(`screenshot: ${path}`);
}

/** Opens a file of the workspace through Quick Open, and waits for its editor. */
export async function openFile(page: Page, name: string): Promise<void> {
  await page.keyboard.press('Control+P');
  await page.keyboard.type(name);
  await page.waitForSelector('.quick-input-list .monaco-list-row', { timeout: 15_000 });
  await page.keyboard.press('Enter');
  await page.waitForSelector(`.tab.active[aria-label*="${name}"]`, { timeout: 15_000 });
  await page.waitForSelector('.monaco-editor .view-lines', { timeout: 15_000 });
}

/** Moves the cursor to a 1-based line and column with Go to Line. */
export async function goTo(page: Page, line: number, column: number): Promise<void> {
  await page.keyboard.press('Control+G');
  await page.keyboard.type(`${line}:${column}`);
  await page.keyboard.press('Enter');
}

/** The editor's visible text, line by line (Monaco renders spaces as non-breaking). */
export async function editorText(page: Page): Promise<string> {
  const lines = await page.locator('.monaco-editor .view-lines .view-line').allInnerTexts();
  return lines.join('\n').replace(/\u00a0/g, ' ');
}

/** Waits until the editor shows exactly (or at least) a number of error squiggles. */
export async function waitForSquiggles(page: Page, count: number, mode: 'exactly' | 'at least' = 'exactly', timeout = 30_000): Promise<void> {
  const comparison = mode === 'exactly' ? '===' : '>=';
  await page.waitForFunction(`document.querySelectorAll('.squiggly-error').length ${comparison} ${count}`, undefined, { timeout });
}
