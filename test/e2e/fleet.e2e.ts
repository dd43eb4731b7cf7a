import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { createApiClient } from '../../api/src/index';
import { lintText } from '../../core/src/index';
import { demoRepoFolder } from '../../devserver/src/demo';
import { startDevServer, type DevServer } from '../support/devServer';
import { waitUntil } from '../support/wait';
import { openEditor, openFile, openTinyforgeView, problemsOf, quickFixRow, runCommand, snap, viewRows, waitForBadge, waitForSquiggles, waitForStatus, type EditorSession } from '../support/workbench';

/** The groups the demo's seven workloads fall in, as the view labels them. */
const everyGroup = ['Drifted 1', 'Invalid on branch 1', 'Fetch failed 1', 'No file 1', 'In sync 2', 'GitOps disabled 1'];

/** A multi-root workspace of three demo checkouts: the drifting shop-api, legacy-api (never opened) and landing (no file). */
function demoWorkspace(devServer: DevServer): string {
  const dir = mkdtempSync(join(tmpdir(), 'tinyforge-e2e-fleet-'));
  const folders = ['shop-api', 'legacy-api', 'landing'].map((name) => ({ path: demoRepoFolder(devServer.dataDir, name) }));
  writeFileSync(join(dir, 'fleet.code-workspace'), JSON.stringify({ folders }));
  return dir;
}

const requests = (devServer: DevServer, pattern: RegExp): number => devServer.log.filter((line) => pattern.test(line)).length;

/** The row of a workload in the view. */
const workloadRow = (page: Page, name: string) => page.locator(`.sidebar .monaco-list-row[aria-label^="${name} "]`).first();

/**
 * Expands a group of the view until the named workload's row shows. A click that lands while a context menu is still
 * closing does nothing, so the group's state is read back and the click repeated rather than assumed.
 */
async function expandGroupUntil(page: Page, group: string, name: string): Promise<void> {
  const groupRow = page.locator(`.sidebar .monaco-list-row[aria-label^="${group}"]`).first();
  const deadline = Date.now() + 15_000;
  while (!(await workloadRow(page, name).isVisible()) && Date.now() < deadline) {
    if ((await groupRow.getAttribute('aria-expanded')) !== 'true') await groupRow.click();
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

/** Right-clicks a workload in the view and returns the labels of its context menu. */
async function contextMenu(page: Page, name: string): Promise<string[]> {
  await workloadRow(page, name).click({ button: 'right' });
  const menu = page.locator('.monaco-menu .actions-container').last();
  await menu.waitFor({ timeout: 15_000 });
  return (await menu.locator('.action-label').allInnerTexts()).map((text) => text.trim()).filter(Boolean);
}

/**
 * Clicks an item of the open context menu. Running an action closes the menu, so a menu still open a second later
 * means the click was lost (seen once while the view redrew under it), and it is clicked again.
 */
async function chooseMenuItem(page: Page, label: string): Promise<void> {
  const item = page.locator('.monaco-menu .action-label', { hasText: label }).first();
  await item.click();
  const closed = await page.locator('.monaco-menu').first().waitFor({ state: 'hidden', timeout: 1_000 }).then(() => true, () => false);
  if (!closed) await item.click();
}

describe('in a real VS Code: the Tinyforge view of every workload, and drift resolved both ways', () => {
  let devServer: DevServer;
  let editor: EditorSession;
  let page: Page;
  let workspace: string;

  before(async () => {
    devServer = await startDevServer();
    workspace = demoWorkspace(devServer);
    editor = await openEditor({
      open: { workspace: join(workspace, 'fleet.code-workspace') },
      settings: { 'tinyforge.url': devServer.url, 'tinyforge.refreshInterval': 600, 'workbench.editor.enablePreview': false },
      env: { TINYFORGE_TOKEN: devServer.adminToken },
    });
    page = editor.page;
  });
  after(async () => {
    await editor?.close();
    await devServer?.stop();
    rmSync(workspace, { recursive: true, force: true });
  });

  test('a file never opened is in the Problems panel', async () => {
    const problems = await problemsOf(page, 'legacy-api', 1);
    await snap(page, 'fleet-1-problems-unopened');
    assert.deepEqual(problems.map((problem) => `${problem.source} ${problem.code} ${problem.message}`), ['tinyforge unknown-key Unknown key "prot". Did you mean "port"?']);
  });

  test('the view groups every workload by GitOps state, with a badge of the drifted ones, for one list request and one state per workload with GitOps on', async () => {
    const before = devServer.log.length;
    await openTinyforgeView(page);
    const groups = await viewRows(page, (rows) => everyGroup.every((group) => rows.includes(group)) && !rows.some((row) => /Checking/.test(row)));
    // The view's "Checking n of m…" line goes with VS Code's next drawing, up to 200 ms after the last state: the rows move up then.
    await page.locator('.sidebar').getByText(/Checking \d+ of \d+ workloads/).waitFor({ state: 'hidden', timeout: 5_000 });
    await snap(page, 'fleet-2-view');
    assert.deepEqual(groups.filter((row) => !/,/.test(row) && /\d$/.test(row)), everyGroup);
    assert.ok(groups.some((row) => /^shop-api dockerfile · 2 drifted · [0-9a-f]{7} · never synced/.test(row)), groups.join('\n'));
    assert.equal(await waitForBadge(page, '1'), '1', 'one drifted workload');
    const sent = devServer.log.slice(before);
    assert.equal(sent.filter((line) => line.startsWith('GET /api/workloads ')).length, 1, sent.join('\n'));
    const states = sent.filter((line) => /^GET \/api\/workloads\/[^/]+\/gitops /.test(line));
    assert.ok(states.length <= 6 && new Set(states.map((line) => line.split(' ')[1])).size === states.length, `at most one state per workload with GitOps on:\n${states.join('\n')}`);
    assert.ok(!sent.some((line) => line.includes('wl_billing/gitops')), 'no state is fetched for a workload with GitOps off');
  });

  test('the tooltip of a drifted workload lists its drifted fields, repo against live', async () => {
    await workloadRow(page, 'shop-api').hover();
    const tooltip = page.locator('.workbench-hover, .monaco-hover:not(.hidden)').filter({ hasText: 'deploy.port' }).first();
    await tooltip.waitFor({ timeout: 15_000 });
    const text = await tooltip.innerText();
    await snap(page, 'fleet-3-tooltip');
    assert.match(text, /deploy\.port\s+8080\s+3000/);
    assert.match(text, /deploy\.deploy_strategy\s+blue_green\s+recreate/);
    await page.mouse.move(700, 700);
  });

  test('Open File from the view opens the workload\'s file in the workspace', async () => {
    await workloadRow(page, 'shop-api').click();
    await page.waitForSelector('.tab.active[aria-label*=".tinyforge.yml"]', { timeout: 15_000 });
    await page.locator('.breadcrumbs-control', { hasText: 'shop-api' }).first().waitFor({ timeout: 15_000 });
    await waitForStatus(page, /Drifted \(2\)/);
    await snap(page, 'fleet-4-open-file');
  });

  test('"Use the live value" on a drifted field edits the file and that drift goes, with no Sync', async () => {
    await page.waitForFunction(`document.querySelectorAll('.squiggly-info').length === 2`, undefined, { timeout: 30_000 });
    const fix = await quickFixRow(page, 6, 22, 'Use the live value (recreate) in this file', 'fleet-5-use-live');
    await snap(page, 'fleet-5-use-live-menu');
    await fix.click();
    await page.waitForFunction(`document.querySelectorAll('.squiggly-info').length === 1`, undefined, { timeout: 15_000 });
    await page.waitForFunction(`[...document.querySelectorAll('.monaco-editor .view-line')].some((line) => line.innerText.replace(/\\u00a0/g, ' ') === '  deploy_strategy: recreate')`, undefined, { timeout: 15_000 });
    await snap(page, 'fleet-6-use-live-applied');
    assert.equal(requests(devServer, /^POST /), 0, 'nothing was sent to the server');
    const live = await createApiClient({ baseUrl: devServer.url, token: devServer.adminToken }).getWorkload('wl_shop');
    assert.equal(live.source_config.deploy_strategy, '', 'the live config is untouched');
  });

  test('Sync from the view: the same modal, the live config changes; the row then says what the open file\'s lens says (the edit made here is not applied)', async () => {
    await openTinyforgeView(page);
    await workloadRow(page, 'shop-api').hover();
    await workloadRow(page, 'shop-api').locator('.action-label[aria-label="Sync"]').click();
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor({ timeout: 15_000 });
    const text = await dialog.innerText();
    assert.match(text, /Sync shop-api from main@[0-9a-f]{7}\?/);
    assert.match(text, /deploy\.port: 3000 → 8080/);
    assert.match(text, /The editor's text is not what is on main/, 'the open file was edited since');
    await snap(page, 'fleet-7-sync-modal');
    await dialog.locator('a.monaco-button, button', { hasText: /^Sync$/ }).first().click();
    // The branch is live now; the file open in the editor still has the live value used above, which differs from
    // the new live config: the row, the lens and the status item all say so, none says "In sync".
    const edited = /shop-api dockerfile · main@[0-9a-f]{7} is live · your edit: 1 field/;
    const rows = await viewRows(page, (current) => current.includes('Edited here, not applied 1') && current.some((row) => edited.test(row)) && !current.some((row) => row.startsWith('Drifted')));
    assert.ok(rows.includes('Edited here, not applied 1') && rows.some((row) => edited.test(row)), rows.join('\n'));
    assert.ok(rows.includes('In sync 2'), rows.join('\n'));
    assert.match(await waitForStatus(page, /is live · your edit: 1 field/), /main@[0-9a-f]{7} is live · your edit: 1 field/);
    // VS Code asks for CodeLenses again at least 250 ms after they change (its own debounce): the lens follows within 1 s.
    await page.waitForFunction(`[...document.querySelectorAll('.monaco-editor .codelens-decoration a')].some((el) => /is live · your edit: 1 field/.test(el.innerText))`, undefined, { timeout: 1_000 });
    await snap(page, 'fleet-8-synced');
    const live = await createApiClient({ baseUrl: devServer.url, token: devServer.adminToken }).getWorkload('wl_shop');
    assert.deepEqual([live.source_config.port, live.source_config.deploy_strategy], [8080, 'blue_green']);
    assert.equal(await waitForBadge(page, undefined), undefined, 'no badge once nothing drifts');
  });

  test('Create .tinyforge.yml from live config on the workload with no file: a valid file; committed and refreshed, it is In sync', async () => {
    const menu = await contextMenu(page, 'landing');
    assert.ok(menu.includes('Create .tinyforge.yml from Live Config'), menu.join(', '));
    await chooseMenuItem(page, 'Create .tinyforge.yml from Live Config');
    const file = join(demoRepoFolder(devServer.dataDir, 'landing'), '.tinyforge.yml');
    await waitUntil(() => existsSync(file), 'the file written').catch(async (error) => {
      await snap(page, 'fleet-9-not-created');
      throw error;
    });
    await page.locator('.notifications-toasts .notification-list-item', { hasText: /Commit it and push it to main/ }).waitFor({ timeout: 15_000 });
    await page.waitForSelector('.tab.active[aria-label*=".tinyforge.yml"]', { timeout: 15_000 });
    await snap(page, 'fleet-9-created');
    const text = readFileSync(file, 'utf8');
    assert.match(text, /^# Created from the live config of landing \(wl_landing\) on \d{4}-\d\d-\d\d/);
    assert.match(text, /\nversion: 1\ndeploy:\n {2}deploy_strategy: recreate\n$/);
    assert.deepEqual(lintText(text).findings, []);
    // What the admin does next: commit and push (the demo checkout pushes to the dev server's own copy).
    const repo = dirname(file);
    execFileSync('git', ['-C', repo, 'add', '.tinyforge.yml']);
    execFileSync('git', ['-C', repo, '-c', 'user.name=Admin', '-c', 'user.email=admin@example.invalid', '-c', 'commit.gpgsign=false', 'commit', '-q', '-m', 'Add .tinyforge.yml from the live config']);
    execFileSync('git', ['-C', repo, 'push', '-q', 'origin', 'main']);
    await runCommand(page, 'Tinyforge: Refresh Workloads');
    const rows = await viewRows(page, (current) => current.includes('In sync 3') && !current.some((row) => row.startsWith('No file')));
    await snap(page, 'fleet-10-created-in-sync');
    assert.ok(rows.includes('In sync 3'), rows.join('\n'));
    await waitForStatus(page, /In sync/);
  });

  test('closing a file keeps its problems in the Problems panel', async () => {
    await openFile(page, 'legacy-api/.tinyforge.yml');
    await page.keyboard.press('Control+W');
    const problems = await problemsOf(page, 'legacy-api', 1);
    await snap(page, 'fleet-11-closed-keeps-problems');
    assert.deepEqual(problems.map((problem) => problem.code), ['unknown-key']);
  });

  test('a folder moved into the workspace brings its file\'s problems, never opened', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'tinyforge-e2e-moved-'));
    mkdirSync(join(outside, 'moved-svc/api'), { recursive: true });
    writeFileSync(join(outside, 'moved-svc/api/.tinyforge.yml'), 'version: 1\ndeploy:\n  prot: 8080\n');
    renameSync(join(outside, 'moved-svc'), join(demoRepoFolder(devServer.dataDir, 'landing'), 'moved-svc'));
    rmSync(outside, { recursive: true, force: true });
    const problems = await problemsOf(page, 'moved-svc', 1);
    await snap(page, 'fleet-14-moved-folder-problems');
    assert.deepEqual(problems.map((problem) => problem.code), ['unknown-key']);
  });
});

describe('in a real VS Code: a workload whose file is only on its branch', () => {
  let devServer: DevServer;
  let editor: EditorSession;
  let page: Page;

  before(async () => {
    devServer = await startDevServer();
    // Only shop-api's checkout is open: legacy-api's file (invalid on its branch) is opened from the view, read-only.
    editor = await openEditor({ open: { folder: demoRepoFolder(devServer.dataDir, 'shop-api') }, settings: { 'tinyforge.url': devServer.url }, env: { TINYFORGE_TOKEN: devServer.adminToken } });
    page = editor.page;
  });
  after(async () => {
    await editor?.close();
    await devServer?.stop();
  });

  test('Open File shows it read-only, checked like a workspace file, its tab naming the workload and commit', async () => {
    await openTinyforgeView(page);
    await viewRows(page, (rows) => rows.includes('Invalid on branch 1'));
    await expandGroupUntil(page, 'Invalid on branch', 'legacy-api');
    await workloadRow(page, 'legacy-api').click();
    const tab = page.locator('.tab.active', { hasText: /^legacy-api@[0-9a-f]{7} \.tinyforge\.yml/ });
    await tab.waitFor({ timeout: 15_000 });
    await waitForSquiggles(page, 1);
    await snap(page, 'fleet-branch-file');
  });
});

describe('in a real VS Code: a viewer sees every workload, but no Sync and no Enable GitOps', () => {
  let devServer: DevServer;
  let editor: EditorSession;
  let page: Page;
  let workspace: string;

  before(async () => {
    devServer = await startDevServer();
    workspace = demoWorkspace(devServer);
    editor = await openEditor({ open: { workspace: join(workspace, 'fleet.code-workspace') }, settings: { 'tinyforge.url': devServer.url }, env: { TINYFORGE_TOKEN: devServer.viewerToken } });
    page = editor.page;
  });
  after(async () => {
    await editor?.close();
    await devServer?.stop();
    rmSync(workspace, { recursive: true, force: true });
  });

  test('every group is there; the drifted workload has no Sync, the disabled one no Enable GitOps', async () => {
    await openTinyforgeView(page);
    await viewRows(page, (rows) => everyGroup.every((group) => rows.includes(group)));
    await workloadRow(page, 'shop-api').hover();
    assert.equal(await workloadRow(page, 'shop-api').locator('.action-label[aria-label="Sync"]').count(), 0, 'no inline Sync');
    const drifted = await contextMenu(page, 'shop-api');
    await snap(page, 'fleet-12-viewer-menu');
    await page.keyboard.press('Escape');
    assert.ok(drifted.includes('Open File') && drifted.includes('Compare with Live'), drifted.join(', '));
    assert.ok(!drifted.includes('Sync'), drifted.join(', '));
    await expandGroupUntil(page, 'GitOps disabled', 'billing');
    const disabled = await contextMenu(page, 'billing');
    await page.keyboard.press('Escape');
    assert.ok(!disabled.includes('Enable GitOps'), disabled.join(', '));
    assert.equal(requests(devServer, /^(POST|PUT) /), 0);
  });

  test('the filters: only drifted, then by name, then cleared; each says what it hides, and none sends a request', async () => {
    await openTinyforgeView(page);
    await viewRows(page, (rows) => everyGroup.every((group) => rows.includes(group)));
    const before = devServer.log.length;
    const titleAction = async (label: string): Promise<void> => {
      await page.locator('.sidebar .composite.title').hover();
      await page.locator(`.sidebar .action-label[aria-label="${label}"]`).first().click();
      // Away from the title bar, so that its tooltip is not in the screenshots.
      await page.mouse.move(700, 700);
    };
    const sidebarText = async (text: string): Promise<string> => {
      await page.locator('.sidebar', { hasText: text }).first().waitFor({ timeout: 15_000 });
      return page.locator('.sidebar').first().innerText();
    };
    await titleAction('Show Only Drifted Workloads');
    const drifted = await viewRows(page, (rows) => rows.length === 2);
    assert.deepEqual(drifted.map((row) => row.split(' ')[0]), ['Drifted', 'shop-api'], drifted.join('\n'));
    assert.match(await sidebarText('Drifted only: 1 of 7.'), /Drifted only: 1 of 7\./);
    await snap(page, 'fleet-15-only-drifted');
    await titleAction('Show All Workloads');
    await runCommand(page, 'Tinyforge: Filter Workloads by Name');
    // The palette is a quick input too: type only once the filter's own box has replaced it.
    await page.locator('.quick-input-widget', { hasText: 'Filter the Tinyforge view by name' }).waitFor({ timeout: 15_000 });
    await page.keyboard.type('worker');
    await page.keyboard.press('Enter');
    // In sync is collapsed unless filtered: a match must show without a click.
    const named = await viewRows(page, (rows) => rows.length === 2 && rows.some((row) => row.startsWith('shop-worker ')));
    assert.deepEqual(named.map((row) => row.split(' ')[0]), ['In', 'shop-worker'], named.join('\n'));
    assert.match(await sidebarText('Named like "worker": 1 of 7.'), /Named like "worker": 1 of 7\./);
    await snap(page, 'fleet-16-named');
    await titleAction('Clear Filter');
    await viewRows(page, (rows) => everyGroup.every((group) => rows.includes(group)));
    assert.deepEqual(devServer.log.slice(before), [], 'filtering asks the server for nothing');
  });
});

describe('in a real VS Code: the Tinyforge view signed out', () => {
  let devServer: DevServer;
  let editor: EditorSession;
  let page: Page;
  let workspace: string;

  before(async () => {
    devServer = await startDevServer();
    workspace = demoWorkspace(devServer);
    editor = await openEditor({ open: { workspace: join(workspace, 'fleet.code-workspace') }, settings: { 'tinyforge.url': devServer.url } });
    page = editor.page;
  });
  after(async () => {
    await editor?.close();
    await devServer?.stop();
    rmSync(workspace, { recursive: true, force: true });
  });

  test('says so, with a Sign In button, and asks the server for nothing', async () => {
    await openTinyforgeView(page);
    const welcome = page.locator('.sidebar .welcome-view-content', { hasText: 'Sign in to see the GitOps state of every workload.' });
    await welcome.waitFor({ timeout: 30_000 });
    assert.equal(await welcome.locator('a.monaco-button, .monaco-button', { hasText: 'Sign In' }).count(), 1);
    await snap(page, 'fleet-13-signed-out');
    assert.equal(requests(devServer, /^(GET|POST|PUT) /), 0);
  });
});

