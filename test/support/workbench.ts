import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { chromiumArgs, startCodeServer, type CodeServer } from '../../scripts/e2e/codeServer';
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

/** Opens a file of the workspace through Quick Open (`folder/name` in a multi-root workspace), and waits for its editor. */
export async function openFile(page: Page, query: string): Promise<void> {
  const [folder, name] = query.includes('/') ? [query.slice(0, query.lastIndexOf('/')), query.slice(query.lastIndexOf('/') + 1)] : [undefined, query];
  await page.keyboard.press('Control+P');
  await page.keyboard.type(query);
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: folder ?? name }).first();
  await row.waitFor({ timeout: 15_000 });
  if (folder) await row.click();
  else await page.keyboard.press('Enter');
  await page.waitForSelector(`.tab.active[aria-label*="${name}"]`, { timeout: 15_000 });
  // Tabs show only the name; in a multi-root workspace the breadcrumbs name the folder too.
  if (folder) await page.locator('.breadcrumbs-control', { hasText: folder }).first().waitFor({ timeout: 15_000 });
  await page.waitForSelector('.monaco-editor .view-lines', { timeout: 15_000 });
}

/** Moves the cursor to a 1-based line and column with Go to Line. */
export async function goTo(page: Page, line: number, column: number): Promise<void> {
  await page.keyboard.press('Control+G');
  await page.keyboard.type(`${line}:${column}`);
  await page.keyboard.press('Enter');
  // Keys pressed before the Go to Line box has closed would go to it, not to the editor.
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 15_000 });
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

/** Runs a command from the palette by its title. */
export async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('Control+Shift+P');
  await page.keyboard.type(title);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor({ timeout: 15_000 });
  await page.keyboard.press('Enter');
}

/** The text of the Tinyforge status bar item. */
export async function tinyforgeStatus(page: Page): Promise<string> {
  return (await page.locator('.statusbar-item', { hasText: 'Tinyforge:' }).first().innerText()).replace(/\s+/g, ' ').trim();
}

/** Waits until the Tinyforge status bar item's text matches. */
export async function waitForStatus(page: Page, pattern: RegExp, timeout = 30_000): Promise<string> {
  const item = page.locator('.statusbar-item', { hasText: 'Tinyforge:' }).first();
  await item.filter({ hasText: pattern }).waitFor({ timeout });
  return tinyforgeStatus(page);
}

/** The texts drawn after values by decorations (rendered as CSS ::after content). */
export async function afterTexts(page: Page): Promise<string[]> {
  return page.evaluate(`[...document.querySelectorAll('.monaco-editor .view-lines span')]
    .map((el) => getComputedStyle(el, '::after').content)
    .filter((content) => content && content !== 'none' && content !== 'normal')
    .map((content) => content.replace(/^"|"$/g, ''))`) as Promise<string[]>;
}

/** Hovers the mouse over a line's word and returns the hover widget's text. */
export async function hoverText(page: Page, word: string): Promise<string> {
  await page.locator('.monaco-editor .view-lines span', { hasText: new RegExp(`^${word}$`) }).first().hover();
  const hover = page.locator('.monaco-hover:not(.hidden) .monaco-hover-content').first();
  await hover.waitFor({ timeout: 15_000 });
  return hover.innerText();
}

/** A real VS Code (code-server) with our .vsix installed, and a Chromium page on it. */
export interface EditorSession {
  codeServer: CodeServer;
  browser: Browser;
  page: Page;
  close(): Promise<void>;
}

/** Starts code-server with the packaged extension and opens a page on a folder or a `.code-workspace` file. */
export async function openEditor(options: { open: { folder: string } | { workspace: string }; settings?: Record<string, unknown>; env?: Record<string, string>; workspaceTrust?: boolean }): Promise<EditorSession> {
  const codeServer = await startCodeServer({
    vsix: join(repoRoot, 'tinyforge-gitops.vsix'),
    settings: { 'chat.disableAIFeatures': true, 'git.openRepositoryInParentFolders': 'never', ...options.settings },
    env: options.env,
    workspaceTrust: options.workspaceTrust,
  });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs });
  const page = await browser.newPage({ viewport: { width: 1400, height: 800 } });
  const query = 'folder' in options.open ? `folder=${encodeURIComponent(options.open.folder)}` : `workspace=${encodeURIComponent(options.open.workspace)}`;
  await page.goto(`${codeServer.url}/?${query}`);
  await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
  return {
    codeServer,
    browser,
    page,
    async close() {
      await browser.close();
      await codeServer.stop();
    },
  };
}
