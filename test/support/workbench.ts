import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
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
  // Enter opens the focused row: wait until that is the file asked for. Quick Open redraws its list as results come
  // in, so a click on a row found a moment before can land on another file (one CI run opened the wrong folder's).
  const row = page.locator('.quick-input-list .monaco-list-row.focused', { hasText: folder ?? name }).first();
  await row.waitFor({ timeout: 15_000 });
  await page.keyboard.press('Enter');
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

/**
 * Puts the cursor at a 1-based line and column, opens the quick-fix menu and returns its row matching `label`. The
 * menu is asked once more if its first answer lacks the row (seen when it opened just as the diagnostics were being
 * re-pulled), with a screenshot of each menu that lacked it.
 */
export async function quickFixRow(page: Page, line: number, column: number, label: string | RegExp, screenshotPrefix: string): Promise<Locator> {
  const row = page.locator('.action-widget .monaco-list-row', { hasText: label });
  for (let attempt = 1; ; attempt++) {
    await goTo(page, line, column);
    await page.keyboard.press('Control+.');
    try {
      await row.waitFor({ timeout: attempt === 1 ? 7_500 : 15_000 });
      return row;
    } catch (error) {
      await snap(page, `${screenshotPrefix}-missing-${attempt}`);
      if (attempt === 2) throw error;
      await page.keyboard.press('Escape');
    }
  }
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

/**
 * Hovers the mouse over a line's word and returns the hover widget's text. The word's place is read again once the
 * hover shows: a line drawn above it meanwhile (a CodeLens, a scroll) would have put the mouse on another line, and
 * the hover would be that line's (seen in CI: `deploy`'s docs for a hover on `port`), so the hover is asked again.
 */
export async function hoverText(page: Page, word: string): Promise<string> {
  const target = page.locator('.monaco-editor .view-lines span', { hasText: new RegExp(`^${word}$`) }).first();
  const hover = page.locator('.monaco-hover:not(.hidden) .monaco-hover-content').first();
  for (let attempt = 1; ; attempt++) {
    await target.scrollIntoViewIfNeeded();
    const box = await target.boundingBox();
    if (!box) throw new Error(`"${word}" is not on screen`);
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await hover.waitFor({ timeout: 15_000 });
    const text = await hover.innerText();
    const now = await target.boundingBox();
    if ((now && Math.abs(now.y - box.y) < 1 && Math.abs(now.x - box.x) < 1) || attempt === 5) return text;
    await page.keyboard.press('Escape');
    await page.mouse.move(0, 0);
  }
}

/**
 * Hovers a word until the hover's text satisfies `accept` (a hover still showing an earlier position's or an earlier
 * answer's content is dismissed and asked again), and returns the last text read; the hover is left open.
 */
export async function hoverTextUntil(page: Page, word: string, accept: (text: string) => boolean, timeoutMs = 15_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let text = await hoverText(page, word);
  while (!accept(text) && Date.now() < deadline) {
    await page.keyboard.press('Escape');
    await page.mouse.move(0, 0);
    await new Promise((resolve) => setTimeout(resolve, 300));
    text = await hoverText(page, word);
  }
  return text;
}

/**
 * Reads a value until it has not changed for `settleMs` (another extension may still be adding to what is shown),
 * and returns it; a value that keeps changing for `timeoutMs` is returned as last read.
 */
export async function stableValue<T>(read: () => Promise<T>, settleMs = 1_500, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  let since = Date.now();
  while (Date.now() - since < settleMs && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const next = await read();
    if (JSON.stringify(next) !== JSON.stringify(value)) {
      value = next;
      since = Date.now();
    }
  }
  return value;
}

/** One row of the Problems panel. */
export interface Problem {
  message: string;
  /** `tinyforge`, `YAML`, … */
  source: string;
  /** The diagnostic code, when it has one. */
  code: string;
  /** `[Ln 3, Col 9]`. */
  at: string;
}

/**
 * The problems the Problems panel lists for files under `folder`, read through its filter box. Waits until `count`
 * show (and `accept` holds), then until nothing changes for a moment, so a slower extension's findings are counted too.
 */
export async function problemsOf(page: Page, folder: string, count: number, accept: (problems: Problem[]) => boolean = () => true): Promise<Problem[]> {
  await runCommand(page, 'Problems: Focus on Problems View');
  const filter = page.locator('input[aria-label="Filter Problems"]');
  await filter.waitFor({ timeout: 15_000 });
  await filter.fill(`**/${folder}/**`);
  // A string, not a function: the test runner's transpiler would wrap a named helper inside it in code the page lacks.
  const read = (): Promise<Problem[]> =>
    page.evaluate(`[...document.querySelectorAll('.markers-panel .monaco-list-row[aria-level="2"]')].map((row) => {
      const text = (selector) => row.querySelector(selector)?.innerText.trim() ?? '';
      return { message: text('.marker-message'), source: text('.marker-source'), code: text('.marker-code'), at: text('.marker-line') };
    })`) as Promise<Problem[]>;
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const problems = await read();
    if (problems.length === count && accept(problems)) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return stableValue(read);
}

/** Shows the Tinyforge view (its activity-bar icon), unless it is the side bar's view already. */
export async function openTinyforgeView(page: Page): Promise<void> {
  const title = page.locator('.sidebar .composite.title', { hasText: 'Tinyforge' });
  if (!(await title.isVisible())) await page.locator('.activitybar a.action-label[aria-label^="Tinyforge"]').click();
  await title.waitFor({ timeout: 15_000 });
}

/** The rows the side bar's tree shows (each row's label and description), once `until` holds for them. */
export async function viewRows(page: Page, until: (rows: string[]) => boolean, timeout = 30_000): Promise<string[]> {
  const read = (): Promise<string[]> => page.locator('.sidebar .monaco-list-row').evaluateAll((rows) => rows.map((row) => row.getAttribute('aria-label') ?? ''));
  const deadline = Date.now() + timeout;
  let rows = await read();
  while (!until(rows) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    rows = await read();
  }
  return rows;
}

/** The number on the Tinyforge view's activity-bar icon, or undefined when it shows none. */
export async function tinyforgeBadge(page: Page): Promise<string | undefined> {
  const badge = page.locator('.activitybar li.action-item:has(a[aria-label^="Tinyforge"]) .badge-content');
  return (await badge.count()) && (await badge.first().isVisible()) ? (await badge.first().innerText()).trim() || undefined : undefined;
}

/** Reads the badge until it shows `expected` (VS Code draws it apart from the tree's rows), and returns the last read. */
export async function waitForBadge(page: Page, expected: string | undefined, timeoutMs = 5_000): Promise<string | undefined> {
  const deadline = Date.now() + timeoutMs;
  let badge = await tinyforgeBadge(page);
  while (badge !== expected && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    badge = await tinyforgeBadge(page);
  }
  return badge;
}

/** A real VS Code (code-server) with our .vsix installed, and a Chromium page on it. */
export interface EditorSession {
  codeServer: CodeServer;
  browser: Browser;
  page: Page;
  close(): Promise<void>;
}

/** Starts code-server with the packaged extension and opens a page on a folder or a `.code-workspace` file. */
export async function openEditor(options: { open: { folder: string } | { workspace: string }; settings?: Record<string, unknown>; env?: Record<string, string>; workspaceTrust?: boolean; extraExtensions?: string[]; vsix?: string }): Promise<EditorSession> {
  const codeServer = await startCodeServer({
    vsix: options.vsix ?? join(repoRoot, 'tinyforge-gitops.vsix'),
    extraExtensions: options.extraExtensions,
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

/** Whether our language server runs for this editor: a process started from the extension in its profile. */
export function languageServerRuns(editor: EditorSession): boolean {
  const processes = execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' });
  return processes.split('\n').some((line) => line.includes(editor.codeServer.userDataDir) && line.includes('tinyforge') && line.includes('dist/server.js'));
}

/** Each named extension's "Activation: N ms" in VS Code's Running Extensions view. */
export async function reportedActivationMs(page: Page, names: readonly string[]): Promise<number[]> {
  await runCommand(page, 'Developer: Show Running Extensions');
  const first = page.locator('.monaco-list-row', { hasText: /Activation/ }).first();
  await first.waitFor({ timeout: 15_000 });
  await first.click();
  const found = new Map<string, number>();
  // The list is sorted by activation time and drawn a screenful at a time: page through it.
  for (let screen = 0; screen < 40 && found.size < names.length; screen++) {
    for (const name of names) {
      const row = page.locator('.monaco-list-row', { hasText: name });
      const match = (await row.count()) ? /Activation: (\d+)ms/.exec(await row.first().innerText()) : null;
      if (match) found.set(name, Number(match[1]));
    }
    await page.keyboard.press('PageDown');
  }
  const missing = names.filter((name) => !found.has(name));
  if (missing.length) throw new Error(`${missing.join(', ')} not among the running extensions: it did not activate on a YAML file`);
  return names.map((name) => found.get(name)!);
}
