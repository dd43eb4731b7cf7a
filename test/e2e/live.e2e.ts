import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { createApiClient } from '../../api/src/index';
import { demoRepoFolder } from '../../devserver/src/demo';
import { pushFromElsewhere, startDevServer, type DevServer } from '../support/devServer';
import { afterTexts, goTo, hoverTextUntil, openEditor, openFile, quickFixRow, runCommand, snap, waitForStatus, type EditorSession } from '../support/workbench';

describe('in a real VS Code: an admin sees drift, syncs, and goes offline calmly', () => {
  let devServer: DevServer;
  let editor: EditorSession;
  let page: Page;

  before(async () => {
    devServer = await startDevServer();
    editor = await openEditor({ open: { folder: demoRepoFolder(devServer.dataDir, 'shop-api') }, settings: { 'tinyforge.url': devServer.url } });
    page = editor.page;
  });
  after(async () => {
    await editor?.close();
    await devServer?.stop();
  });

  test('signed out: the status says so and no live finding is shown', async () => {
    await openFile(page, '.tinyforge.yml');
    assert.match(await waitForStatus(page, /Signed out/), /Tinyforge: Signed out/);
    assert.equal(await page.locator('.squiggly-info').count(), 0);
    await snap(page, 'live-1-signed-out');
  });

  test('after Sign In the file binds to shop-api by its git remote: drift squiggles, "live:" decorations, a faded not-managed field', async () => {
    await runCommand(page, 'Tinyforge: Sign In');
    await page.waitForFunction(`document.body.innerText.includes('Paste an API token for')`, undefined, { timeout: 15_000 });
    await page.keyboard.type(devServer.adminToken);
    await page.keyboard.press('Enter');
    assert.match(await waitForStatus(page, /Drifted \(2\)/), /Tinyforge: Drifted \(2\)/);
    await page.waitForFunction(`document.querySelectorAll('.squiggly-info').length >= 2`, undefined, { timeout: 30_000 });
    assert.ok((await page.locator('.squiggly-inline-unnecessary').count()) >= 1, 'the not-managed field is faded');
    await page.waitForFunction(`[...document.querySelectorAll('.monaco-editor .view-lines span')].some((el) => getComputedStyle(el, '::after').content.includes('live:'))`, undefined, { timeout: 15_000 });
    assert.deepEqual((await afterTexts(page)).sort(), ['live: 3000', 'live: recreate']);
    await snap(page, 'live-2-drift');
  });

  // The hover's three sides are asserted through the VS Code API in test/vscode/tinyforge/live.test.ts; only a screen
  // shows whether they fit.
  test('the hover on a drifted value fits VS Code\'s default hover: the problem, the three sides and the actions, no scrolling', async () => {
    const text = await hoverTextUntil(page, '8080', (shown) => shown.includes('Live') && shown.includes('Git:') && /deploy\.port is 8080 here/.test(shown));
    assert.match(text, /Editor\s+Branch main @ [0-9a-f]{7}\s+Live\s+8080\s+8080\s+3000/);
    // VS Code adds "Quick Fix…" to the actions row once the code actions are in: measure the hover as it ends up.
    await page.waitForFunction(`[...document.querySelectorAll('.monaco-hover:not(.hidden) .hover-row.status-bar')].some((el) => el.innerText.includes('Quick Fix'))`, undefined, { timeout: 10_000 });
    const fit = (await page.evaluate(`(() => {
      const hover = [...document.querySelectorAll('.monaco-hover:not(.hidden)')].find((el) => el.innerText.includes('Live'));
      const scrollable = hover.querySelector('.monaco-scrollable-element');
      const actions = hover.querySelector('.hover-row.status-bar');
      return { scrollHeight: scrollable.scrollHeight, clientHeight: scrollable.clientHeight, height: hover.getBoundingClientRect().height, actions: actions ? actions.innerText : '' };
    })()`)) as { scrollHeight: number; clientHeight: number; height: number; actions: string };
    await snap(page, 'live-3-hover-fits');
    assert.ok(fit.scrollHeight <= fit.clientHeight + 1, `the hover scrolls: ${fit.scrollHeight} px of content in ${fit.clientHeight} px`);
    assert.match(fit.actions, /Quick Fix/, 'the actions row is shown');
    await page.keyboard.press('Escape');
    await page.mouse.move(0, 0);
  });

  /** Opens the Sync modal from the quick fix on `port` and returns it. */
  async function openSyncModal(screenshot?: string) {
    const action = await quickFixRow(page, 4, 10, /Sync workload shop-api from main@[0-9a-f]{7}/, 'live-sync-action');
    if (screenshot) await snap(page, screenshot);
    await action.click();
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor({ timeout: 15_000 });
    return dialog;
  }

  test('the branch moves while the Sync modal is open: Sync is refused as stale, says why, changes nothing, and Refresh shows the new head', async () => {
    const dialog = await openSyncModal();
    const before = /main@([0-9a-f]{7})/.exec(await dialog.innerText())?.[1];
    assert.ok(before, 'the modal names the commit it will apply');
    // Someone pushes to main (an empty commit: the file is unchanged) after the admin opened the modal.
    const moved = pushFromElsewhere(devServer.dataDir, 'shop-api').slice(0, 7);
    assert.notEqual(moved, before);
    await dialog.locator('a.monaco-button, button', { hasText: /^Sync$/ }).first().click();
    const toast = page.locator('.notifications-toasts .notification-list-item', { hasText: /Sync of shop-api failed/ });
    await toast.waitFor({ timeout: 15_000 });
    assert.match(await toast.innerText(), /The branch moved since the last refresh\. Refresh, check the changes, then sync again\./);
    await snap(page, 'live-4-sync-stale');
    const workload = await createApiClient({ baseUrl: devServer.url, token: devServer.adminToken }).getWorkload('wl_shop');
    assert.deepEqual([workload.source_config.port, workload.gitops_last_sync_at], [3000, ''], 'nothing was applied');
    await toast.locator('a.monaco-button, button', { hasText: /^Refresh$/ }).first().click();
    // The editor stays usable and soon knows the new head: the next Sync would name it. (The status already said
    // "Drifted (2)" before the refresh, so only the hover tells when the new data has arrived.)
    await waitForStatus(page, /Drifted \(2\)/);
    const text = await hoverTextUntil(page, 'port', (shown) => shown.includes(`Branch main @ ${moved}`));
    assert.match(text, new RegExp(`Branch main @ ${moved}`));
    await page.keyboard.press('Escape');
  });

  test('Sync from the quick fix: a modal lists the changes, the live config changes, the drift goes', async () => {
    const dialog = await openSyncModal('live-5-sync-action');
    const dialogText = await dialog.innerText();
    assert.match(dialogText, /Sync shop-api from main@[0-9a-f]{7}\?/);
    assert.match(dialogText, /deploy\.port: 3000 → 8080/);
    assert.match(dialogText, /deploy\.deploy_strategy: recreate → blue_green/);
    await snap(page, 'live-6-sync-modal');
    await dialog.locator('a.monaco-button, button', { hasText: /^Sync$/ }).first().click();
    assert.match(await waitForStatus(page, /In sync/), /Tinyforge: In sync/);
    const workload = await createApiClient({ baseUrl: devServer.url, token: devServer.adminToken }).getWorkload('wl_shop');
    assert.deepEqual([workload.source_config.port, workload.source_config.deploy_strategy], [8080, 'blue_green']);
    await page.waitForFunction(`document.querySelectorAll('.squiggly-info').length === 0`, undefined, { timeout: 15_000 });
    assert.deepEqual(await afterTexts(page), []);
    await snap(page, 'live-7-in-sync');
  });

  test('Compare with Live after the Sync: the live side is the file itself, comments and the field Sync ignores included, no difference', async () => {
    await runCommand(page, 'Tinyforge: Compare with Live');
    const tab = page.locator('.tab.active', { hasText: /shop-api: live ↔ \.tinyforge\.yml/ });
    await tab.waitFor({ timeout: 15_000 });
    const original = page.locator('.monaco-diff-editor .editor.original .view-lines');
    const modified = page.locator('.monaco-diff-editor .editor.modified .view-lines');
    await original.waitFor({ timeout: 15_000 });
    const left = (await original.innerText()).replace(/\u00a0/g, ' ');
    assert.match(left, /port: 8080/);
    assert.match(left, /deploy_strategy: blue_green/);
    assert.match(left, /cpu_limit/, 'a field Sync ignores is on both sides, so it is no difference');
    assert.equal(left, (await modified.innerText()).replace(/\u00a0/g, ' '));
    assert.equal(await page.locator('.monaco-diff-editor .line-insert, .monaco-diff-editor .line-delete').count(), 0, 'no difference drawn');
    await snap(page, 'live-8-compare');
    await page.keyboard.press('Control+W');
  });

  test('the dev server stopped: the status says offline, the last state is marked stale, the editor keeps working', async () => {
    await devServer.stop();
    await runCommand(page, 'Tinyforge: Refresh');
    const status = await waitForStatus(page, /Offline/);
    assert.match(status, /Offline · In sync \(stale since \d\d:\d\d\)/);
    // Schema features do not depend on the server.
    await goTo(page, 4, 3);
    await page.keyboard.type('x');
    await page.waitForFunction(`document.querySelectorAll('.squiggly-error').length >= 1`, undefined, { timeout: 15_000 });
    await snap(page, 'live-9-offline');
  });
});
