import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { startDevServer, type DevServer } from '../support/devServer';
import { waitUntil } from '../support/wait';
import { languageServerRuns, openEditor, reportedActivationMs, openTinyforgeView, runCommand, snap, viewRows, waitForSquiggles, type EditorSession } from '../support/workbench';

const apiRequests = (server: DevServer): string[] => server.log.filter((line) => /^(GET|PUT|POST|DELETE) \/api\//.test(line));

describe('in a real VS Code: a workspace of other YAML, with no Tinyforge file', () => {
  let devServer: DevServer;
  let editor: EditorSession;
  let page: Page;
  const workspace = mkdtempSync(join(tmpdir(), 'tinyforge-e2e-k8s-'));

  before(async () => {
    for (let index = 0; index < 12; index++) {
      mkdirSync(join(workspace, `app-${index}`));
      writeFileSync(join(workspace, `app-${index}`, 'deployment.yaml'), `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app-${index}\nspec:\n  replicas: 2\n`);
    }
    devServer = await startDevServer();
    editor = await openEditor({ open: { folder: workspace }, settings: { 'tinyforge.url': devServer.url }, env: { TINYFORGE_TOKEN: devServer.adminToken } });
    page = editor.page;
  });
  after(async () => {
    await editor?.close();
    await devServer?.stop();
    rmSync(workspace, { recursive: true, force: true });
  });

  test('YAML files that are not Tinyforge files start no language server and send no request', async () => {
    await page.keyboard.press('Control+P');
    await page.keyboard.type('app-3 deployment');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'app-3' }).first().waitFor({ timeout: 15_000 });
    await page.keyboard.press('Enter');
    await page.waitForSelector('.tab.active[aria-label*="deployment.yaml"]', { timeout: 15_000 });
    await page.keyboard.press('Control+End');
    await page.keyboard.type('  # scaled by hand\n');
    // Nothing to wait for: this is the time the extension would have had to start a server or ask for something.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    await snap(page, 'not-tinyforge-1-yaml');
    assert.equal(languageServerRuns(editor), false, 'no Tinyforge language server process');
    assert.deepEqual(apiRequests(devServer), []);
    // It did activate (it listens for YAML): VS Code lists it among the running extensions, with its activation time.
    const [activationMs] = await reportedActivationMs(page, ['Tinyforge GitOps']);
    assert.ok(activationMs >= 0);
    await page.keyboard.press('Escape');
  });

  test('a Tinyforge command from the palette works before anything else has loaded: Sign In asks for a token', async () => {
    await runCommand(page, 'Tinyforge: Sign In');
    await page.waitForFunction(`document.body.innerText.includes('Paste an API token for')`, undefined, { timeout: 15_000 });
    await snap(page, 'not-tinyforge-2-sign-in');
    await page.keyboard.press('Escape');
    assert.equal(languageServerRuns(editor), false, 'a command loads the extension, not the language server');
  });

  test('the Tinyforge view lists every workload of the server', async () => {
    await openTinyforgeView(page);
    const rows = await viewRows(page, (shown) => shown.some((row) => /^Drifted \d+$/.test(row)) && !shown.some((row) => /Checking/.test(row)));
    await snap(page, 'not-tinyforge-3-view');
    assert.ok(rows.some((row) => /^shop-api dockerfile · 2 drifted/.test(row)), rows.join('\n'));
    assert.equal(apiRequests(devServer).filter((line) => line.startsWith('GET /api/workloads ')).length, 1);
  });

  test('a Tinyforge file created in the workspace starts the language server: its problems show', async () => {
    writeFileSync(join(workspace, 'app-5', '.tinyforge.yml'), 'version: 1\ndeploy:\n  prot: 8080\n');
    await waitUntil(() => languageServerRuns(editor), 'the language server to start for the new file', 30_000);
    await page.keyboard.press('Control+P');
    await page.keyboard.type('app-5 .tinyforge.yml');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'app-5' }).first().waitFor({ timeout: 15_000 });
    await page.keyboard.press('Enter');
    await waitForSquiggles(page, 1);
    await snap(page, 'not-tinyforge-4-new-file');
  });
});
