import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { chromiumArgs, startCodeServer, type CodeServer } from '../support/codeServer';
import { startDevServer, type DevServer } from '../support/devServer';
import { repoRoot } from '../support/lspClient';
import { openFile, snap } from '../support/workbench';

/** Runs a command from the palette by its title. */
async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('Control+Shift+P');
  await page.keyboard.type(title);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor({ timeout: 15_000 });
  await page.keyboard.press('Enter');
}

describe('in a real VS Code: live drift from the dev server', () => {
  let devServer: DevServer;
  let codeServer: CodeServer;
  let browser: Browser;
  let page: Page;

  before(async () => {
    devServer = await startDevServer();
    codeServer = await startCodeServer({
      vsix: join(repoRoot, 'tinyforge-gitops.vsix'),
      settings: { 'tinyforge.url': devServer.url, 'chat.disableAIFeatures': true, 'git.openRepositoryInParentFolders': 'never' },
    });
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs });
    page = await browser.newPage({ viewport: { width: 1400, height: 800 } });
    await page.goto(`${codeServer.url}/?folder=${encodeURIComponent(join(devServer.dataDir, 'repos/acme/shop-api'))}`);
    await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
  });
  after(async () => {
    await browser?.close();
    await codeServer?.stop();
    await devServer?.stop();
  });

  test('signed in, the file binds to shop-api by its git remote and shows drift and not-managed', async () => {
    await openFile(page, '.tinyforge.yml');
    await runCommand(page, 'Tinyforge: Sign In');
    await page.locator('.quick-input-box input[type="password"]').waitFor({ timeout: 15_000 });
    await page.keyboard.type(devServer.adminToken);
    await page.keyboard.press('Enter');
    await page.waitForFunction(`document.querySelectorAll('.squiggly-info').length >= 2`, undefined, { timeout: 30_000 });
    await snap(page, 'live-1-drift');
    assert.equal(await page.locator('.squiggly-info').count(), 2);
    assert.ok((await page.locator('.squiggly-inline-unnecessary').count()) >= 1, 'the not-managed field is faded');
    assert.ok(devServer.log.some((line) => line.startsWith('GET /api/workloads/wl_shop/gitops 200')));
  });
});
