// `npm start` as a new user runs it: the demo opens every checkout, starts signed in through the secret storage (so
// Sign Out signs out and Sign In with the viewer token works), Create from Live Config has landing's folder, and
// Ctrl-C stops everything and removes what it made.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { after, before, describe, test } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { chromiumArgs } from '../../scripts/e2e/codeServer';
import { lintText } from '../../core/src/index';
import { openFile, runCommand, snap, waitForStatus } from '../support/workbench';

const root = join(__dirname, '../..');

/** What `npm start` printed that a user (and this test) acts on. */
interface Demo {
  url: string;
  data: string;
  profile: string;
  viewer: string;
}

/** Starts `npm start`'s script on a free port; resolves once it prints that the demo is running. */
function startDemo(child: ChildProcess): Promise<Demo> {
  const found: Partial<Demo> = {};
  let printed = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`npm start did not say it was running within 300 s:\n${printed}`)), 300_000);
    child.once('exit', (code) => reject(new Error(`npm start exited (${code}):\n${printed}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      printed += `${line}\n`;
      found.data ??= /data in (\S+), removed on Ctrl-C/.exec(line)?.[1];
      found.profile ??= /code-server profile: (\S+) \(removed on Ctrl-C\)/.exec(line)?.[1];
      found.url ??= /^\s+(http:\/\/127\.0\.0\.1:\d+\/\?workspace=\S+)$/.exec(line)?.[1];
      found.viewer ??= /viewer token: (tf_viewer_\w+)/.exec(line)?.[1];
      if (line.includes('Press Ctrl-C to stop everything.')) {
        clearTimeout(timer);
        if (found.data && found.profile && found.url && found.viewer) resolve(found as Demo);
        else reject(new Error(`npm start did not print all it should:\n${printed}`));
      }
    });
  });
}

describe('npm start: the demo as a new user meets it', () => {
  let child: ChildProcess;
  let demo: Demo;
  let browser: Browser;
  let page: Page;

  before(async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0' };
    delete env.TINYFORGE_TOKEN;
    child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], { cwd: root, env, stdio: ['ignore', 'pipe', 'inherit'] });
    demo = await startDemo(child);
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs });
    page = await browser.newPage({ viewport: { width: 1400, height: 800 } });
    await page.goto(demo.url);
    await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
  });
  after(async () => {
    await browser?.close();
    if (child && child.exitCode === null && child.signalCode === null) {
      child.kill('SIGINT');
      await once(child, 'exit');
    }
  });

  test('signed in as admin from the start: shop-api drifts', async () => {
    await openFile(page, 'shop-api/.tinyforge.yml');
    assert.match(await waitForStatus(page, /Drifted \(2\)/, 60_000), /Tinyforge: Drifted \(2\)/);
    await snap(page, 'demo-1-signed-in');
  });

  test('Sign Out signs out, and stays signed out after a reload', async () => {
    await runCommand(page, 'Tinyforge: Sign Out');
    const toast = page.locator('.notifications-toasts .notification-list-item', { hasText: /Signed out of/ }).first();
    await toast.waitFor({ timeout: 15_000 });
    assert.doesNotMatch(await toast.innerText(), /TINYFORGE_TOKEN/, 'no token from the environment keeps it signed in');
    await waitForStatus(page, /Signed out/);
    await snap(page, 'demo-2-signed-out');
    await runCommand(page, 'Developer: Reload Window');
    await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
    await page.waitForSelector('.tab.active[aria-label*=".tinyforge.yml"]', { timeout: 30_000 });
    await waitForStatus(page, /Signed out/, 60_000);
  });

  test('Sign In with the viewer token it printed: drift, and no Sync offered', async () => {
    await runCommand(page, 'Tinyforge: Sign In');
    await page.waitForFunction(`document.body.innerText.includes('Paste an API token for')`, undefined, { timeout: 15_000 });
    await page.keyboard.type(demo.viewer);
    await page.keyboard.press('Enter');
    await page.locator('.notifications-toasts .notification-list-item', { hasText: /Signed in to .* as viewer\./ }).first().waitFor({ timeout: 15_000 });
    await waitForStatus(page, /Drifted \(2\)/);
    await page.waitForFunction(`[...document.querySelectorAll('.monaco-editor .codelens-decoration a')].some((el) => /Drifted \\(2\\)/.test(el.innerText))`, undefined, { timeout: 15_000 });
    const lenses = await page.locator('.monaco-editor .codelens-decoration a').allInnerTexts();
    assert.ok(!lenses.some((text) => /^\s*Sync\s*$/.test(text)), lenses.join(' | '));
    await snap(page, 'demo-3-viewer');
  });

  test('Create .tinyforge.yml from Live Config for landing: its checkout is in the window, the file is written there', async () => {
    await runCommand(page, 'Tinyforge: Create .tinyforge.yml from Live Config');
    const row = page.locator('.quick-input-list .monaco-list-row', { hasText: 'landing' }).first();
    await row.waitFor({ timeout: 30_000 });
    await row.click();
    const file = join(demo.data, 'repos/acme/landing/.tinyforge.yml');
    await page.locator('.notifications-toasts .notification-list-item', { hasText: /Commit it and push it to main/ }).first().waitFor({ timeout: 15_000 });
    assert.ok(existsSync(file), file);
    assert.deepEqual(lintText(readFileSync(file, 'utf8')).findings, []);
    await snap(page, 'demo-4-created');
  });

  test('Ctrl-C stops everything and removes the dev server\'s data and code-server\'s profile', async () => {
    await browser.close();
    const exited = once(child, 'exit');
    child.kill('SIGINT');
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    const [code] = await exited;
    clearTimeout(timer);
    assert.equal(code, 0);
    assert.equal(existsSync(demo.data), false, `${demo.data} is left behind`);
    assert.equal(existsSync(demo.profile), false, `${demo.profile} is left behind`);
  });
});
