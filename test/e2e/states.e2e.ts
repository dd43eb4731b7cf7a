import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { demoRepoFolder } from '../../devserver/src/demo';
import { providerRepo, startDevServer, type DevServer } from '../support/devServer';
import { repoRoot } from '../support/lspClient';
import { waitUntil } from '../support/wait';
import { goTo, openEditor, openFile, runCommand, snap, waitForStatus, type EditorSession } from '../support/workbench';

const settings = (url: string) => ({ 'tinyforge.url': url, 'tinyforge.refreshInterval': 600 });

describe('in a real VS Code: every state of the status item', () => {
  let devServer: DevServer;
  let editor: EditorSession;
  let page: Page;
  const workspace = mkdtempSync(join(tmpdir(), 'tinyforge-e2e-states-'));

  before(async () => {
    devServer = await startDevServer();
    const repos = dirname(demoRepoFolder(devServer.dataDir, 'docs-site'));
    // A checkout whose repository the git provider has lost: the workload's fetch fails.
    cpSync(join(repos, 'docs-site'), join(workspace, 'docs-site'), { recursive: true });
    rmSync(providerRepo(devServer.dataDir, 'docs-site'), { recursive: true, force: true });
    // The file exists in the checkout but was never committed: no file on the branch.
    writeFileSync(join(repos, 'landing/.tinyforge.yml'), 'version: 1\ndeploy:\n  deploy_strategy: blue_green\n');
    // A folder that is no git checkout at all: nothing to bind it to.
    cpSync(join(repoRoot, 'examples/valid'), join(workspace, 'unlinked'), { recursive: true });
    const folders = [join(repos, 'legacy-api'), join(repos, 'landing'), join(repos, 'billing'), join(workspace, 'docs-site'), join(workspace, 'unlinked')];
    writeFileSync(join(workspace, 'states.code-workspace'), JSON.stringify({ folders: folders.map((path) => ({ path })) }));
    // Without preview tabs, each file opened below keeps its tab: "the open files" of the Refresh test.
    editor = await openEditor({ open: { workspace: join(workspace, 'states.code-workspace') }, settings: { ...settings(devServer.url), 'workbench.editor.enablePreview': false }, env: { TINYFORGE_TOKEN: devServer.adminToken } });
    page = editor.page;
  });
  after(async () => {
    await editor?.close();
    await devServer?.stop();
    rmSync(workspace, { recursive: true, force: true });
  });

  for (const [folder, state, shot] of [
    ['legacy-api', /Invalid on branch/, 'states-invalid'],
    ['landing', /No file on branch/, 'states-no-file'],
    ['docs-site', /Fetch failed/, 'states-fetch-failed'],
    ['unlinked', /Not linked/, 'states-not-linked'],
  ] as const) {
    test(`${folder}: ${state.source}`, async () => {
      await openFile(page, `${folder}/.tinyforge.yml`);
      assert.match(await waitForStatus(page, state), state);
      await snap(page, shot);
    });
  }

  test('billing: GitOps disabled; an admin is offered Enable, which turns it on', async () => {
    await openFile(page, 'billing/.tinyforge.yml');
    assert.match(await waitForStatus(page, /GitOps disabled/), /GitOps disabled/);
    await page.locator('.statusbar-item', { hasText: 'Tinyforge:' }).first().click();
    const enable = page.locator('.quick-input-list .monaco-list-row', { hasText: 'Enable GitOps' });
    await enable.waitFor({ timeout: 15_000 });
    await snap(page, 'states-disabled-actions');
    await enable.click();
    assert.match(await waitForStatus(page, /In sync/), /In sync/);
    await waitUntil(() => devServer.log.some((line) => line.startsWith('PUT /api/workloads/wl_billing/gitops 200')), 'the PUT');
    await page.getByText(/GitOps is on for billing: Tinyforge now reads this file/).first().waitFor({ timeout: 15_000 });
  });

  test('Enable GitOps again from the command palette says it is already on, and sends nothing', async () => {
    const puts = () => devServer.log.filter((line) => line.startsWith('PUT ')).length;
    const before = puts();
    await runCommand(page, 'Tinyforge: Enable GitOps for This Workload');
    await page.getByText(/GitOps is already on for billing/).first().waitFor({ timeout: 15_000 });
    await snap(page, 'states-enable-already-on');
    assert.equal(puts(), before);
  });

  test('Sign Out while TINYFORGE_TOKEN is set says that token still signs the requests', async () => {
    await runCommand(page, 'Tinyforge: Sign Out');
    await page.getByText(/TINYFORGE_TOKEN is set in VS Code's environment, so requests still use that token/).first().waitFor({ timeout: 15_000 });
    await snap(page, 'states-sign-out-env-token');
    assert.match(await waitForStatus(page, /In sync/), /In sync/);
  });

  test('one Refresh of the five files open in tabs asks who we are and lists the workloads once, then each linked workload', async () => {
    await new Promise((resolve) => setTimeout(resolve, 2500));
    const from = devServer.log.length;
    const since = () => devServer.log.slice(from).map((line) => line.split(' ').slice(0, 2).join(' '));
    await runCommand(page, 'Tinyforge: Refresh');
    const linked = ['wl_legacy', 'wl_landing', 'wl_billing', 'wl_docs'];
    await waitUntil(() => linked.every((id) => since().includes(`GET /api/workloads/${id}/gitops`)), 'each linked workload\'s gitops fetched');
    await new Promise((resolve) => setTimeout(resolve, 1000));
    assert.equal(since().filter((line) => line === 'GET /api/me').length, 1, since().join('\n'));
    assert.equal(since().filter((line) => line === 'GET /api/workloads').length, 1, since().join('\n'));
  });
});

describe('in a real VS Code: a viewer', () => {
  let devServer: DevServer;
  let editor: EditorSession;
  let page: Page;

  before(async () => {
    devServer = await startDevServer();
    editor = await openEditor({ open: { folder: demoRepoFolder(devServer.dataDir, 'shop-api') }, settings: settings(devServer.url), env: { TINYFORGE_TOKEN: devServer.viewerToken } });
    page = editor.page;
  });
  after(async () => {
    await editor?.close();
    await devServer?.stop();
  });

  test('sees the drift but no Sync action; the command explains that Sync needs an admin', async () => {
    await openFile(page, '.tinyforge.yml');
    assert.match(await waitForStatus(page, /Drifted \(2\)/), /Drifted \(2\)/);
    await page.waitForFunction(`document.querySelectorAll('.squiggly-info').length >= 2`, undefined, { timeout: 30_000 });
    await goTo(page, 4, 10);
    await page.keyboard.press('Control+.');
    await page.locator('.action-widget, .monaco-hover, .context-view').first().waitFor({ timeout: 10_000 }).catch(() => undefined);
    assert.equal(await page.locator('.action-widget .monaco-list-row', { hasText: /Sync workload/ }).count(), 0);
    await snap(page, 'viewer-1-no-sync-action');
    await page.keyboard.press('Escape');
    await runCommand(page, 'Tinyforge: Sync Workload');
    await page.getByText(/Sync needs an admin: you are signed in to .* as a viewer/).first().waitFor({ timeout: 15_000 });
    await snap(page, 'viewer-2-sync-needs-admin');
    assert.ok(!devServer.log.some((line) => line.startsWith('POST ')), 'no sync request was sent');
  });

  test('saving twice within 30 s of the last fetch sends no request (a save refreshes only stale live data)', async () => {
    const gets = () => devServer.log.filter((line) => line.startsWith('GET ')).length;
    // Fresh data first, so the 30 s cannot have run out on a slow machine before the saves.
    const beforeRefresh = gets();
    await runCommand(page, 'Tinyforge: Refresh');
    await waitUntil(() => gets() > beforeRefresh, 'the refresh\'s requests');
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const before = gets();
    for (const comment of ['# one', '# two']) {
      await goTo(page, 1, 1);
      await page.keyboard.type(`${comment}\n`);
      await page.keyboard.press('Control+s');
      await page.waitForFunction(`!document.querySelector('.tab.active.dirty')`, undefined, { timeout: 10_000 });
    }
    // A save's refresh starts at once; a second of quiet after both saves is ample to see one.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    assert.equal(gets(), before, devServer.log.slice(-6).join('\n'));
  });
});

describe('in a real VS Code: an untrusted workspace', () => {
  let devServer: DevServer;
  let editor: EditorSession;
  let page: Page;

  before(async () => {
    devServer = await startDevServer();
    // The repository's own settings point at a server of its choosing; the user's token is in the environment.
    const folder = demoRepoFolder(devServer.dataDir, 'shop-api');
    mkdirSync(join(folder, '.vscode'), { recursive: true });
    writeFileSync(join(folder, '.vscode/settings.json'), JSON.stringify({ 'tinyforge.url': devServer.url }));
    editor = await openEditor({ open: { folder }, workspaceTrust: true, env: { TINYFORGE_TOKEN: devServer.adminToken } });
    page = editor.page;
  });
  after(async () => {
    await editor?.close();
    await devServer?.stop();
  });

  test('Restricted Mode: schema features work, the status says so, and no request (no token) reaches the workspace\'s server', async () => {
    // code-server opens an untrusted folder straight into Restricted Mode, with its banner.
    await page.getByText('Restricted Mode is intended for safe code browsing').first().waitFor({ timeout: 30_000 });
    await snap(page, 'trust-1-restricted-banner');
    await openFile(page, '.tinyforge.yml');
    assert.match(await waitForStatus(page, /Restricted Mode/), /Restricted Mode/);
    await goTo(page, 4, 3);
    await page.keyboard.type('x');
    await page.waitForFunction(`document.querySelectorAll('.squiggly-error').length >= 1`, undefined, { timeout: 30_000 });
    await snap(page, 'trust-2-restricted');
    assert.deepEqual(devServer.log.filter((line) => /^(GET|POST|PUT) /.test(line)), []);
  });
});
