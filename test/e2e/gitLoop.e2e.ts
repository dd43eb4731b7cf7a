// From edit to applied in a real VS Code: commit, push through the Git extension to the dev server's own repository,
// wait for Tinyforge to see it, Sync; the states on the CodeLens; a rejected push; the wrong branch.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { createApiClient } from '../../api/src/index';
import { demoRepoFolder } from '../../devserver/src/demo';
import { providerRepo, pushFromElsewhere, startDevServer, type DevServer } from '../support/devServer';
import { goTo, openEditor, openFile, runCommand, screenshotDir, snap, waitForStatus, type EditorSession } from '../support/workbench';

const git = (repo: string, ...args: string[]): string => execFileSync('git', ['-C', repo, ...args], { encoding: 'utf8' }).trim();

/** The CodeLens texts on the first line, in order. */
async function lenses(page: Page): Promise<string[]> {
  return (await page.locator('.monaco-editor .codelens-decoration a').allInnerTexts()).map((text) => text.replace(/\s+/g, ' ').trim());
}

/** Waits until a CodeLens reads as `pattern`, and returns its text. */
async function waitForLens(page: Page, pattern: RegExp, timeout = 30_000): Promise<string> {
  const lens = page.locator('.monaco-editor .codelens-decoration a', { hasText: pattern }).first();
  await lens.waitFor({ timeout });
  return (await lens.innerText()).trim();
}

/** Waits for a notification toast matching `pattern` and returns its text. */
async function toast(page: Page, pattern: RegExp, timeout = 60_000): Promise<string> {
  const item = page.locator('.notifications-toasts .notification-list-item', { hasText: pattern }).first();
  try {
    await item.waitFor({ timeout });
  } catch (error) {
    const name = `git-missing-toast-${pattern.source.replace(/\W+/g, '-').slice(0, 40)}`;
    await snap(page, name);
    // What each side logged, for the one reading the failure.
    for (const [command, suffix] of [['Tinyforge: Show Output', 'tinyforge-output'], ['Git: Show Git Output', 'git-output']]) {
      await runCommand(page, command);
      await page.waitForTimeout(1000);
      await snap(page, `${name}-${suffix}`);
    }
    throw error;
  }
  return (await item.innerText()).replace(/\s+/g, ' ');
}

/** Replaces a line's value (1-based line; the value starts at `column`) by typing, as a user would. */
async function typeValue(page: Page, line: number, column: number, value: string): Promise<void> {
  await goTo(page, line, column);
  await page.keyboard.press('Shift+End');
  await page.keyboard.type(value);
}

/** The commit-message box: its prefilled value, then Enter to accept it. */
async function acceptCommitMessage(page: Page): Promise<string> {
  const input = page.locator('.quick-input-widget input.input');
  await page.locator('.quick-input-widget', { hasText: /Commit \.tinyforge\.yml/ }).waitFor({ timeout: 30_000 });
  const value = await input.inputValue();
  await page.keyboard.press('Enter');
  return value;
}

/** The Sync modal: its title line, then a click on Sync. */
async function confirmSync(page: Page): Promise<string> {
  const dialog = page.locator('.monaco-dialog-box');
  await dialog.waitFor({ timeout: 60_000 });
  const text = await dialog.innerText();
  await dialog.locator('a.monaco-button, button', { hasText: /^Sync$/ }).first().click();
  return text;
}

describe('in a real VS Code: from edit to applied through the Git extension', () => {
  let devServer: DevServer;
  let editor: EditorSession;
  let page: Page;
  let checkout: string;
  /** A crop of the editor's top (the CodeLens and the first lines) per state, for the README's picture. */
  const states: Array<{ caption: string; png: Buffer }> = [];
  const keepState = async (caption: string): Promise<void> => {
    const box = await page.locator('.monaco-editor').first().boundingBox();
    if (box) states.push({ caption, png: await page.screenshot({ clip: { x: box.x, y: box.y, width: Math.min(box.width, 760), height: 150 } }) });
  };

  before(async () => {
    devServer = await startDevServer();
    checkout = demoRepoFolder(devServer.dataDir, 'shop-api');
    editor = await openEditor({ open: { folder: checkout }, settings: { 'tinyforge.url': devServer.url, 'tinyforge.refreshInterval': 600 }, env: { TINYFORGE_TOKEN: devServer.adminToken } });
    page = editor.page;
  });
  after(async () => {
    // The README's picture of the states: the crops one under the other, each with its caption.
    if (states.length) {
      const sheet = await editor.browser.newPage({ viewport: { width: 800, height: 200 } });
      const rows = states.map((state) => `<figure><figcaption>${state.caption}</figcaption><img src="data:image/png;base64,${state.png.toString('base64')}"></figure>`).join('');
      await sheet.setContent(`<body style="margin:12px;background:#1e1e1e;color:#ccc;font:13px sans-serif">${rows.replace(/<figure>/g, '<figure style="margin:0 0 10px">')}</body>`);
      await sheet.screenshot({ path: join(screenshotDir, 'git-states.png'), fullPage: true });
    }
    await editor?.close();
    await devServer?.stop();
  });

  test('edit port, then Commit, Push and Sync: the prefilled message, the commit in the dev server\'s repository, "now in sync", the CodeLens through the states', async () => {
    await openFile(page, '.tinyforge.yml');
    await waitForStatus(page, /Drifted \(2\)/);
    // The checkout is at the branch head Tinyforge reports, which live does not match yet.
    const ready = await waitForLens(page, /Ready to Sync [0-9a-f]{7}/);
    assert.equal(ready.slice(-7), git(providerRepo(devServer.dataDir, 'shop-api'), 'rev-parse', '--short=7', 'main'));
    await snap(page, 'git-1-ready');
    await keepState('Ready to Sync: the checkout is at the commit Tinyforge reports');
    const seen = new Set<string>();
    const watching = setInterval(() => void lenses(page).then((texts) => texts.forEach((text) => seen.add(text)), () => undefined), 100);
    try {
      await typeValue(page, 4, 9, '3000');
      await waitForLens(page, /Not committed/);
      await snap(page, 'git-2-not-committed');
      await keepState('Not committed: the editor differs from HEAD');
      await runCommand(page, 'Tinyforge: Commit, Push and Sync');
      assert.equal(await acceptCommitMessage(page), 'tinyforge: port 8080 → 3000');
      const modal = await confirmSync(page);
      const pushed = /Sync shop-api from main@([0-9a-f]{7})\?/.exec(modal)?.[1];
      assert.ok(pushed, modal);
      // The modal opens on what every surface says then: the branch drifts from live, and Tinyforge reports the pushed commit.
      assert.match(modal, new RegExp(`Now: Drifted \\(\\d\\) · Ready to Sync ${pushed}`));
      assert.match(modal, /deploy\.deploy_strategy: (recreate|\(not set\)) → blue_green/);
      assert.doesNotMatch(modal, /not what is on/, 'the editor is what is on the branch now');
      assert.match(await toast(page, /is now in sync/), new RegExp(`shop-api is now in sync with main@${pushed}`));
      // The final lens, once it is there (the 100 ms sampler can miss it on a slow machine while a screenshot is taken).
      seen.add((await waitForLens(page, new RegExp(`Pushed ${pushed}\\s*$`))).replace(/\s+/g, ' '));
      await waitForStatus(page, /In sync/);
      await snap(page, 'git-3-in-sync');
      // The dev server's own repository has the commit, with the prefilled message, at the head of main.
      const provider = providerRepo(devServer.dataDir, 'shop-api');
      assert.equal(git(provider, 'log', '-1', '--format=%h %s', 'main').replace(/^(\w{7})\w*/, '$1'), `${pushed} tinyforge: port 8080 → 3000`);
      assert.equal(git(provider, 'show', 'main:.tinyforge.yml'), readFileSync(join(checkout, '.tinyforge.yml'), 'utf8').trim());
      const workload = await createApiClient({ baseUrl: devServer.url, token: devServer.adminToken }).getWorkload('wl_shop');
      assert.deepEqual([workload.source_config.port, workload.source_config.deploy_strategy, workload.gitops_commit_sha.slice(0, 7)], [3000, 'blue_green', pushed]);
    } finally {
      clearInterval(watching);
    }
    // A Set keeps the order texts were first seen in.
    const order = [...seen].filter((text) => /Ready to Sync|Not committed|Committed, not pushed|Pushed/.test(text));
    const notCommitted = order.indexOf('Not committed');
    const applied = order.findIndex((text) => /Pushed [0-9a-f]{7}$/.test(text));
    assert.ok(notCommitted >= 0 && applied > notCommitted, `the lens went ${order.join(' → ')}`);
  });

  test('one step at a time: Commit File, then Push Branch, then Commit, Push and Sync waits for nothing it need not', async () => {
    await typeValue(page, 5, 16, '/ready');
    await page.keyboard.press('Control+S');
    await runCommand(page, 'Tinyforge: Commit File');
    assert.equal(await acceptCommitMessage(page), 'tinyforge: healthcheck /healthz → /ready');
    await toast(page, /Committed [0-9a-f]{7}; not pushed yet/);
    await waitForLens(page, /Committed, not pushed \(1 ahead\)/);
    await snap(page, 'git-4-committed');
    await keepState('Committed, not pushed: the commit is only here');
    const before = git(providerRepo(devServer.dataDir, 'shop-api'), 'rev-parse', 'main');
    await runCommand(page, 'Tinyforge: Push Branch');
    await toast(page, /Pushed main \([0-9a-f]{7}\)/);
    const pushed = git(providerRepo(devServer.dataDir, 'shop-api'), 'rev-parse', 'main');
    assert.notEqual(pushed, before);
    // The push is noticed and looked for at Tinyforge: no Refresh, and no "still sees" left standing.
    await waitForLens(page, new RegExp(`Ready to Sync ${pushed.slice(0, 7)}`), 20_000);
    await snap(page, 'git-5-pushed-ready');
    await keepState('Pushed, and Tinyforge reports it: ready to Sync');
    await runCommand(page, 'Tinyforge: Commit, Push and Sync');
    const modal = await confirmSync(page);
    assert.match(modal, /deploy\.healthcheck: \/healthz → \/ready/);
    await toast(page, /shop-api is now in sync/);
    await waitForLens(page, /Pushed [0-9a-f]{7}\s*$/);
    await snap(page, 'git-6-applied');
    await keepState('Pushed and applied: Tinyforge reports the commit, live matches it');
  });

  test('a commit pushed from a terminal with plain git: "Ready to Sync" that commit within 20 s, with no Refresh', async () => {
    const file = join(checkout, '.tinyforge.yml');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/healthcheck: \S+/, 'healthcheck: /from-terminal'));
    git(checkout, '-c', 'user.name=Terminal', '-c', 'user.email=terminal@example.invalid', 'commit', '-q', '-am', 'healthcheck from a terminal');
    git(checkout, 'push', '-q', 'origin', 'main');
    const pushed = git(checkout, 'rev-parse', 'HEAD');
    const refreshesBefore = devServer.log.filter((line) => /^GET \/api\/workloads\/wl_shop\/gitops /.test(line)).length;
    await waitForLens(page, new RegExp(`Ready to Sync ${pushed.slice(0, 7)}`), 20_000);
    await waitForStatus(page, new RegExp(`Ready to Sync ${pushed.slice(0, 7)}`));
    await snap(page, 'git-terminal-push-ready');
    const looks = devServer.log.filter((line) => /^GET \/api\/workloads\/wl_shop\/gitops /.test(line)).length - refreshesBefore;
    assert.ok(looks >= 1 && looks <= 4, `${looks} GET …/gitops to notice one push`);
  });

  test('a rejected push (the dev server\'s repository moved ahead) says to pull first and syncs nothing', async () => {
    const elsewhere = pushFromElsewhere(devServer.dataDir, 'shop-api');
    const api = createApiClient({ baseUrl: devServer.url, token: devServer.adminToken });
    const syncedBefore = (await api.getWorkload('wl_shop')).gitops_last_sync_at;
    await typeValue(page, 4, 9, '4000');
    await runCommand(page, 'Tinyforge: Commit, Push and Sync');
    assert.equal(await acceptCommitMessage(page), 'tinyforge: port 3000 → 4000');
    const said = await toast(page, /push of main was rejected/);
    assert.match(said, /Pull first, then push again \(Tinyforge never force-pushes\)\. Nothing was synced\./);
    assert.match(said, /Committed [0-9a-f]{7}\. The push/);
    assert.match(said, /! \[rejected\] +main -> main \(fetch first\)/, 'what git said');
    await snap(page, 'git-7-push-rejected');
    assert.equal(await page.locator('.monaco-dialog-box').count(), 0, 'no Sync modal');
    assert.equal(git(providerRepo(devServer.dataDir, 'shop-api'), 'rev-parse', 'main'), elsewhere, 'the remote keeps what was pushed from elsewhere');
    const workload = await api.getWorkload('wl_shop');
    assert.deepEqual([workload.source_config.port, workload.gitops_last_sync_at], [3000, syncedBefore], 'nothing was synced');
    await waitForLens(page, /Committed, not pushed \(1 ahead\)/);
  });

  test('on another branch: the CodeLens says so, and Commit, Push and Sync refuses, committing nothing', async () => {
    git(checkout, 'checkout', '-q', '-b', 'feature');
    await waitForLens(page, /On another branch \(feature\)/);
    await snap(page, 'git-8-other-branch');
    await keepState('On another branch: the checkout is not on the branch the workload reads');
    const head = git(checkout, 'rev-parse', 'HEAD');
    await typeValue(page, 4, 9, '5000');
    await runCommand(page, 'Tinyforge: Commit, Push and Sync');
    assert.match(await toast(page, /This checkout is on feature/), /This checkout is on feature, but shop-api reads main: switch to main first\. Nothing was committed or pushed\./);
    assert.equal(git(checkout, 'rev-parse', 'HEAD'), head);
    assert.equal(await page.locator('.quick-input-widget', { hasText: /Commit \.tinyforge\.yml/ }).count(), 0, 'no commit message was asked for');
  });
});
