// One truth on every surface: while a user opens the file, types a new key a character at a time, pushes from a
// terminal and syncs, the CodeLens, the status item, the Tinyforge view's row and the live: decorations are sampled
// every 100 ms in the page itself; they must never say "In sync" beside a drift decoration, never contradict each other for more than 1 s, and
// a typed key must not take the other lines' decorations away.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { demoRepoFolder } from '../../devserver/src/demo';
import { startDevServer, type DevServer } from '../support/devServer';
import { goTo, openEditor, openFile, openTinyforgeView, runCommand, snap, viewRows, waitForStatus, type EditorSession } from '../support/workbench';

/** One sample of what the surfaces show. */
interface Sample {
  at: number;
  lens: string;
  status: string;
  /** The workload's row in the Tinyforge view (its label and description). */
  row: string;
  decorations: string[];
}

/** Starts sampling in the page (a timer of the page's own, so no round trip skews it); `stop` returns the samples. */
async function startSampling(page: Page): Promise<{ stop(): Promise<Sample[]> }> {
  await page.evaluate(`(() => {
    window.__tinyforgeSamples = [];
    window.__tinyforgeSampler = setInterval(() => {
      const lens = [...document.querySelectorAll('.monaco-editor .codelens-decoration a')].map((el) => el.innerText.replace(/\\s+/g, ' ').trim())[0] || '';
      const status = [...document.querySelectorAll('.statusbar-item')].map((el) => el.innerText).find((text) => text.includes('Tinyforge:')) || '';
      const row = [...document.querySelectorAll('.sidebar .monaco-list-row')].map((el) => el.getAttribute('aria-label') || '').find((label) => label.startsWith('shop-api')) || '';
      const decorations = [...document.querySelectorAll('.monaco-editor .view-lines span')].map((el) => getComputedStyle(el, '::after').content).filter((c) => c && c !== 'none' && c !== 'normal').map((c) => c.replace(/^"|"$/g, ''));
      window.__tinyforgeSamples.push({ at: Date.now(), lens, status: status.replace(/\\s+/g, ' ').trim(), row, decorations });
    }, 100);
  })()`);
  return {
    async stop() {
      return (await page.evaluate(`(() => { clearInterval(window.__tinyforgeSampler); return window.__tinyforgeSamples; })()`)) as Sample[];
    },
  };
}

/** The drift state a surface's text names ("In sync", "Drifted (2)", "… is live · your edit: 1 field"), or undefined. */
function driftState(text: string): string | undefined {
  const match = /(In sync|Drifted \(\d+\)|[\w.-]+@[0-9a-f]{7} is live · your edit: \d+ fields?|Checking…|Offline)/.exec(text);
  return match?.[1];
}

/** Fails on "In sync" beside a drift decoration, and on the lens, the status and the view's row naming other states for over 1 s. */
function assertOneTruth(samples: Sample[], step: string, rowThroughout = true): void {
  assert.ok(samples.length > 5, `${step}: only ${samples.length} samples`);
  // The view's row takes part in every sample of a step: a row on screen always names a state, and it is off screen
  // only while VS Code redraws its group (a row moving from one group to another; up to ~1.2 s on a loaded 2-core CI
  // machine), never for over 2 s in a row.
  if (rowThroughout) {
    const stateless = samples.filter((sample) => sample.row && !driftState(sample.row));
    assert.equal(stateless.length, 0, `${step}: the view's row named no state in ${stateless.length} of ${samples.length} samples: ${[...new Set(stateless.map((sample) => JSON.stringify(sample.row)))].join(', ')}`);
    let goneSince: number | undefined;
    for (const sample of samples) {
      if (sample.row) goneSince = undefined;
      else assert.ok(sample.at - (goneSince ??= sample.at) <= 2000, `${step}: the view's row was off screen for over 2 s`);
    }
  }
  let disagreeingSince: number | undefined;
  for (const sample of samples) {
    const live = sample.decorations.filter((text) => text.startsWith('live:'));
    for (const surface of [sample.lens, sample.status, sample.row]) {
      assert.ok(!(driftState(surface) === 'In sync' && live.length), `${step}: "${surface}" beside ${live.join(', ')}`);
    }
    const said = [['the CodeLens', driftState(sample.lens)], ['the status item', driftState(sample.status)], ["the view's row", driftState(sample.row)]].filter((pair): pair is [string, string] => !!pair[1]);
    if (new Set(said.map(([, state]) => state)).size > 1) {
      disagreeingSince ??= sample.at;
      assert.ok(sample.at - disagreeingSince <= 1000, `${step}: ${said.map(([surface, state]) => `${surface} says "${state}"`).join(', ')} for over 1 s`);
    } else disagreeingSince = undefined;
  }
}

describe('in a real VS Code: one truth on the CodeLens, the status item and the decorations', () => {
  let devServer: DevServer;
  let editor: EditorSession;
  let page: Page;
  let checkout: string;
  const git = (...args: string[]): string => execFileSync('git', ['-C', checkout, ...args], { encoding: 'utf8' }).trim();

  before(async () => {
    devServer = await startDevServer();
    checkout = demoRepoFolder(devServer.dataDir, 'shop-api');
    // The typed key stays in the buffer only: the later steps commit the file on disk from a terminal.
    editor = await openEditor({ open: { folder: checkout }, settings: { 'tinyforge.url': devServer.url, 'tinyforge.refreshInterval': 600, 'files.autoSave': 'off' }, env: { TINYFORGE_TOKEN: devServer.adminToken } });
    page = editor.page;
    // The view stays open in the side bar beside the editor: its row is one of the surfaces sampled. Its In sync group
    // (closed at first: the quiet workloads) is opened, so the row can still be read once it moves there.
    await openTinyforgeView(page);
    await viewRows(page, (rows) => rows.some((row) => row.startsWith('In sync')) && !rows.some((row) => /Checking/.test(row)));
    await page.locator('.sidebar .monaco-list-row[aria-label^="In sync"]').first().click();
    await page.locator('.sidebar .monaco-list-row[aria-label^="In sync"][aria-expanded="true"]').waitFor({ timeout: 5_000 });
  });
  after(async () => {
    await editor?.close();
    await devServer?.stop();
  });

  test('opening the file: the surfaces agree from the first state on', async () => {
    const sampling = await startSampling(page);
    await openFile(page, '.tinyforge.yml');
    await waitForStatus(page, /Drifted \(2\)/);
    await page.waitForFunction(`[...document.querySelectorAll('.monaco-editor .codelens-decoration a')].some((el) => /Drifted \\(2\\)/.test(el.innerText))`, undefined, { timeout: 15_000 });
    // The view's row says what the lens says once the file is open (it took the file's state, not an answer of its own).
    const rows = await viewRows(page, (current) => current.some((row) => row.startsWith('shop-api') && row.includes('Drifted (2)')), 15_000);
    assert.ok(rows.some((row) => row.startsWith('shop-api') && row.includes('Drifted (2)')), rows.join(' | '));
    await page.waitForTimeout(1200);
    const samples = await sampling.stop();
    // Until the file has its state, the row says the view's own words (no drift state named): it is checked below.
    assertOneTruth(samples, 'open', false);
    assert.ok(samples.filter((sample) => driftState(sample.row)).length > 5, "the view's row was sampled");
    await snap(page, 'one-truth-1-open');
  });

  test('typing a new key one character at a time: the other lines keep their live: decorations throughout', async () => {
    // deploy_strategy's live: decoration is on line 6; the new key goes on a new line under port (line 4).
    await page.waitForFunction(`[...document.querySelectorAll('.monaco-editor .view-lines span')].filter((el) => getComputedStyle(el, '::after').content.includes('live:')).length === 2`, undefined, { timeout: 15_000 });
    const sampling = await startSampling(page);
    await goTo(page, 4, 100);
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    for (const key of 'max') await page.keyboard.type(key, { delay: 150 });
    await page.waitForTimeout(600);
    const samples = await sampling.stop();
    assertOneTruth(samples, 'typing');
    const afterTyping = samples.filter((sample) => sample.at > samples[0].at + 300);
    const lost = afterTyping.filter((sample) => !sample.decorations.some((text) => text === 'live: recreate'));
    assert.equal(lost.length, 0, `deploy_strategy's decoration went in ${lost.length} of ${afterTyping.length} samples while a key was typed`);
    await snap(page, 'one-truth-2-typing');
    // Back to the file on disk (the typed key is not committed; the next steps push from a terminal).
    await runCommand(page, 'File: Revert File');
    await page.locator('.tab.active.dirty').waitFor({ state: 'detached', timeout: 15_000 });
    await waitForStatus(page, /Drifted \(2\)/);
  });

  test('a push from a terminal: "Ready to Sync" that commit on the lens and the status item within 20 s, no Refresh', async () => {
    const sampling = await startSampling(page);
    const file = join(checkout, '.tinyforge.yml');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/healthcheck: \S+/, 'healthcheck: /pushed-from-terminal'));
    assert.match(readFileSync(file, 'utf8'), /^version: 1\ndeploy:\n {2}port: 8080\n {2}healthcheck: \/pushed-from-terminal\n/m, 'the file as committed');
    git('-c', 'user.name=Terminal', '-c', 'user.email=terminal@example.invalid', 'commit', '-q', '-am', 'healthcheck from a terminal');
    git('push', '-q', 'origin', 'main');
    const pushed = git('rev-parse', 'HEAD').slice(0, 7);
    const started = Date.now();
    await waitForStatus(page, new RegExp(`Ready to Sync ${pushed}`), 20_000).catch(async (error: unknown) => {
      await snap(page, 'one-truth-3-terminal-push-missed');
      const last = (await sampling.stop()).at(-1);
      throw new Error(`${String(error)}\nlast sample: ${JSON.stringify(last)}`);
    });
    await page.waitForFunction(`[...document.querySelectorAll('.monaco-editor .codelens-decoration a')].some((el) => el.innerText.includes('Ready to Sync ${pushed}'))`, undefined, { timeout: 2_000 });
    const rows = await viewRows(page, (current) => current.some((row) => row.startsWith('shop-api') && row.includes(`Ready to Sync ${pushed}`)), 2_000);
    assert.ok(rows.some((row) => row.startsWith('shop-api') && row.includes(`Ready to Sync ${pushed}`)), `the view's row: ${rows.join(' | ')}`);
    const tookMs = Date.now() - started;
    await page.waitForTimeout(1200);
    assertOneTruth(await sampling.stop(), 'terminal push');
    assert.ok(tookMs < 20_000, `${tookMs} ms`);
    await snap(page, 'one-truth-3-terminal-push');
  });

  test('Sync: the lens and the status item reach "In sync" together, with no live: decoration left', async () => {
    const sampling = await startSampling(page);
    await runCommand(page, 'Tinyforge: Sync Workload');
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor({ timeout: 30_000 });
    // The modal's first line is what the status item (and the lens, and the row) say at that moment.
    const shown = (await waitForStatus(page, /Ready to Sync/)).replace(/^.*?Tinyforge: /, '').trim();
    assert.ok((await dialog.innerText()).includes(`Now: ${shown}`), `the modal says "${await dialog.innerText()}", the status item "${shown}"`);
    await dialog.locator('a.monaco-button, button', { hasText: /^Sync$/ }).first().click();
    await waitForStatus(page, /In sync/, 30_000);
    // The row moves to the In sync group: VS Code may take over a second to redraw it there (checked in the samples).
    const inSync = (rows: string[]): boolean => rows.some((row) => row.startsWith('shop-api') && driftState(row) === 'In sync');
    assert.ok(inSync(await viewRows(page, inSync, 5_000)), "the view's row reached In sync");
    await page.waitForTimeout(1200);
    const samples = await sampling.stop();
    assertOneTruth(samples, 'sync');
    assert.deepEqual(samples.at(-1)!.decorations.filter((text) => text.startsWith('live:')), []);
    assert.equal(driftState(samples.at(-1)!.lens), 'In sync');
    assert.equal(driftState(samples.at(-1)!.row), 'In sync', samples.at(-1)!.row);
    await snap(page, 'one-truth-4-synced');
  });

  test('a long message is shown whole: VS Code cuts a toast without a button to one line, so it gets "Show Output" and goes to the output too', async () => {
    // TINYFORGE_TOKEN is set in this editor's environment: Sign Out says so, in a sentence of some 170 characters.
    await runCommand(page, 'Tinyforge: Sign Out');
    const toast = page.locator('.notifications-toasts .notification-list-item', { hasText: /TINYFORGE_TOKEN is set/ }).first();
    await toast.waitFor({ timeout: 15_000 });
    const shown = (await page.evaluate(`(() => {
      const message = [...document.querySelectorAll('.notifications-toasts .notification-list-item-message')].find((el) => el.innerText.includes('TINYFORGE_TOKEN is set'));
      return { scrollWidth: message.scrollWidth, clientWidth: message.clientWidth, scrollHeight: message.scrollHeight, clientHeight: message.clientHeight };
    })()`)) as Record<string, number>;
    await snap(page, 'one-truth-5-long-message');
    assert.ok(shown.scrollWidth <= shown.clientWidth + 1 && shown.scrollHeight <= shown.clientHeight + 1, `the message is cut: ${JSON.stringify(shown)}`);
    await toast.locator('a.monaco-button, button', { hasText: /^Show Output$/ }).first().click();
    // The output shows the same sentence (Monaco draws spaces as no-break spaces, which \s matches).
    await page.locator('.panel .view-lines').getByText(/but\sTINYFORGE_TOKEN\sis\sset/).first().waitFor({ timeout: 15_000 });
  });
});
