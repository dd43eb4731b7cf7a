import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { startDevServer, type DevServer } from '../support/devServer';
import { waitUntil } from '../support/wait';
import { languageServerRuns, openEditor, openTinyforgeView, reportedActivationMs, runCommand, snap, viewRows, waitForSquiggles, type EditorSession } from '../support/workbench';

const apiRequests = (server: DevServer): string[] => server.log.filter((line) => /^(GET|PUT|POST|DELETE) \/api\//.test(line));

/** A folder of Kubernetes manifests and no Tinyforge file, a dev server, and a fresh editor on them with the token at hand. */
function workspaceOfOtherYaml(): { folder: string; start(): Promise<{ devServer: DevServer; editor: EditorSession; page: Page }> } {
  const folder = mkdtempSync(join(tmpdir(), 'tinyforge-e2e-k8s-'));
  process.once('exit', () => rmSync(folder, { recursive: true, force: true }));
  for (let index = 0; index < 12; index++) {
    mkdirSync(join(folder, `app-${index}`));
    writeFileSync(join(folder, `app-${index}`, 'deployment.yaml'), `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app-${index}\nspec:\n  replicas: 2\n`);
  }
  return {
    folder,
    async start() {
      const devServer = await startDevServer();
      const editor = await openEditor({ open: { folder }, settings: { 'tinyforge.url': devServer.url }, env: { TINYFORGE_TOKEN: devServer.adminToken } });
      // The workbench has drawn its contributions (the Tinyforge icon among them) before anything is typed into it.
      await editor.page.locator('.activitybar a.action-label[aria-label^="Tinyforge"]').waitFor({ timeout: 60_000 });
      await editor.page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'app-0' }).waitFor({ timeout: 60_000 });
      return { devServer, editor, page: editor.page };
    },
  };
}

/** Opens a file by Quick Open on its folder and name; asks again while Quick Open does not list it yet (a file just created). */
async function quickOpen(page: Page, folder: string, name: string): Promise<void> {
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: folder }).first();
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('Control+P');
    await page.keyboard.type(`${folder} ${name}`);
    try {
      await row.waitFor({ timeout: 5_000 });
      break;
    } catch (error) {
      if (attempt === 4) throw error;
      await page.keyboard.press('Escape');
    }
  }
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 15_000 });
}

describe('in a real VS Code: a workspace of other YAML, with no Tinyforge file', () => {
  const workspace = workspaceOfOtherYaml();
  let devServer: DevServer;
  let editor: EditorSession;
  let page: Page;

  before(async () => ({ devServer, editor, page } = await workspace.start()));
  after(async () => {
    await editor?.close();
    await devServer?.stop();
  });

  test('YAML files that are not Tinyforge files start no language server and send no request', async () => {
    await quickOpen(page, 'app-3', 'deployment.yaml');
    await page.waitForSelector('.tab.active[aria-label*="deployment.yaml"]', { timeout: 15_000 });
    // Typed into the editor, not wherever focus was left (once, on a loaded machine, the explorer took the first keys).
    await page.locator('.monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('  # scaled by hand\n');
    // Nothing to wait for: this is the time the extension would have had to start a server or ask for something.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    await snap(page, 'not-tinyforge-1-yaml');
    assert.equal(languageServerRuns(editor), false, 'no Tinyforge language server process');
    assert.deepEqual(apiRequests(devServer), []);
    // It did activate (it listens for YAML): VS Code lists it among the running extensions (this throws when it does not).
    await reportedActivationMs(page, ['Tinyforge GitOps']);
    await page.keyboard.press('Escape');
  });

  test('a Tinyforge file created in the workspace (a pull, a checkout) starts the language server before it is opened: its problem shows', async () => {
    writeFileSync(join(workspace.folder, 'app-5', '.tinyforge.yml'), 'version: 1\ndeploy:\n  prot: 8080\n');
    await waitUntil(() => languageServerRuns(editor), 'the language server to start for the new file', 30_000);
    await quickOpen(page, 'app-5', '.tinyforge.yml');
    await page.waitForSelector('.tab.active[aria-label*=".tinyforge.yml"]', { timeout: 15_000 });
    await waitForSquiggles(page, 1);
    await snap(page, 'not-tinyforge-2-new-file');
  });
});

describe('in a real VS Code: a workspace of other YAML, the Tinyforge commands and view', () => {
  const workspace = workspaceOfOtherYaml();
  let devServer: DevServer;
  let editor: EditorSession;
  let page: Page;

  before(async () => ({ devServer, editor, page } = await workspace.start()));
  after(async () => {
    await editor?.close();
    await devServer?.stop();
  });

  test('a Tinyforge command from the palette works before anything else has loaded: Sign In asks for a token', async () => {
    await runCommand(page, 'Tinyforge: Sign In');
    await page.waitForFunction(`document.body.innerText.includes('Paste an API token for')`, undefined, { timeout: 15_000 });
    await snap(page, 'not-tinyforge-3-sign-in');
    await page.keyboard.press('Escape');
    assert.equal(languageServerRuns(editor), false, 'a command loads the extension, not the language server');
  });

  test('the Tinyforge view lists every workload of the server', async () => {
    await openTinyforgeView(page);
    const rows = await viewRows(page, (shown) => shown.some((row) => /^Drifted \d+$/.test(row)) && !shown.some((row) => /Checking/.test(row)));
    await snap(page, 'not-tinyforge-4-view');
    assert.ok(rows.some((row) => /^shop-api dockerfile · 2 drifted/.test(row)), rows.join('\n'));
    assert.equal(apiRequests(devServer).filter((line) => line.startsWith('GET /api/workloads ')).length, 1);
  });
});
