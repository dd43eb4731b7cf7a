import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { repoRoot } from '../support/lspClient';
import { editorText, goTo, openEditor, openFile, snap, waitForSquiggles, type EditorSession } from '../support/workbench';

describe('in a real VS Code (code-server): the schema features', () => {
  let editor: EditorSession;
  let page: Page;
  const workspace = mkdtempSync(join(tmpdir(), 'tinyforge-e2e-ws-'));

  before(async () => {
    cpSync(join(repoRoot, 'examples/broken'), workspace, { recursive: true });
    mkdirSync(join(workspace, 'svc'));
    writeFileSync(join(workspace, 'svc/.tinyforge.yml'), 'version: 1\ndeploy:\n  port: 8080\n');
    editor = await openEditor({ open: { folder: workspace }, settings: { 'git.enabled': false } });
    page = editor.page;
  });
  after(async () => {
    await editor?.close();
    rmSync(workspace, { recursive: true, force: true });
  });

  test('opening a broken .tinyforge.yml shows its six problems as squiggles', async () => {
    await openFile(page, '.tinyforge.yml');
    await waitForSquiggles(page, 6, 'at least');
    await snap(page, 'schema-1-squiggles');
    assert.equal(await page.locator('.squiggly-error').count(), 6);
  });

  // The rename quick fix (offered, preferred, applied, the problem gone) is asserted through the VS Code API in
  // test/vscode/tinyforge/features.test.ts; the menu on screen is in live.e2e.ts (Sync) and gitLoop.e2e.ts.

  test('completing resources under deploy puts the cursor one level deeper, not two', async () => {
    await openFile(page, 'svc/.tinyforge.yml');
    await goTo(page, 3, 13);
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('reso');
    await page.keyboard.press('Control+Space');
    const item = page.locator('.suggest-widget .monaco-list-row.focused', { hasText: 'resources' });
    await item.waitFor({ timeout: 15_000 });
    await page.keyboard.press('Enter');
    await page.keyboard.type('cpu_limit: 1');
    await page.waitForFunction(`[...document.querySelectorAll('.monaco-editor .view-lines .view-line')].some((line) => line.innerText.replace(/\\u00a0/g, ' ').startsWith('    cpu_limit: 1'))`, undefined, { timeout: 15_000 });
    // The file is valid once the last keystroke's diagnostics arrive.
    await waitForSquiggles(page, 0);
    await snap(page, 'schema-4-completed-resources');
    assert.match(await editorText(page), /^ {2}port: 8080\n {2}resources:\n {4}cpu_limit: 1$/m);
  });
});
