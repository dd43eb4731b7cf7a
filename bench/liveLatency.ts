// What a user waits for, in code-server, with every API answer 200 ms late (`--fault-latency-ms 200`): from opening a
// linked file to its `live:` decoration on screen, and from the click on Sync to "now in sync". Each run is a fresh
// dev server and a fresh editor on the demo's shop-api checkout. The floor for the opening is bench/jobFloorExtension,
// which sends the same three requests and draws `live:` with nothing else, in a fresh editor of its own after each run.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoRepoFolder } from '../devserver/src/demo';
import { seedDataDir, startDevServer } from '../test/support/devServer';
import { openEditor, runCommand, snap } from '../test/support/workbench';
import { packFloorExtension } from './floorPack';

/** Runs of each measure. */
export const latencyRuns = 10;
/** The dev server's added latency per answer, ms. */
export const apiLatencyMs = 200;

/** One run's times, ms, and the API requests each step sent (as the dev server logged them). */
export interface LatencyRun {
  /** Enter in Quick Open → the file's text on screen: VS Code's part. */
  enterToShownMs: number;
  /** The file's text on screen → its first `live:` decoration on screen. */
  openToDriftMs: number;
  /** The same for the floor extension, in the run after this one. */
  floorOpenToDriftMs: number;
  openRequests: string[];
  /** The API's own time for what opening needs: the slower of `me` and the list (sent together), then the file's state. */
  openApiMs: number;
  /** The click on Sync in its modal → "now in sync" on screen. */
  syncToInSyncMs: number;
  syncRequests: string[];
  /** The API's own time for the sync and the one fetch after it (the workload and its state, sent together). */
  syncApiMs: number;
}

/** What the dev server logged of each API request: `GET /api/me 200 203.5ms` → its method and path, and its time. */
function logged(lines: readonly string[]): Array<{ request: string; ms: number }> {
  return lines.filter((line) => /^(GET|PUT|POST) \/api\//.test(line)).map((line) => ({ request: line.split(' ').slice(0, 2).join(' '), ms: Number(/ ([\d.]+)ms$/.exec(line)?.[1] ?? NaN) }));
}

/** The slowest logged time of the requests matching a pattern (they go out together), 0 if there were none. */
function slowest(requests: ReturnType<typeof logged>, pattern: RegExp): number {
  return Math.max(0, ...requests.filter(({ request }) => pattern.test(request)).map(({ ms }) => ms));
}

/** Records in the page, at the first animation frame that shows each, when the file's text and a `live:` decoration are drawn. */
const watchForLive = `(() => {
  window.__tinyforgeShownAt = undefined;
  window.__tinyforgeLiveAt = undefined;
  const look = () => {
    const spans = [...document.querySelectorAll('.monaco-editor .view-lines span')];
    // The line's text, before or after the syntax colouring splits it into words.
    if (window.__tinyforgeShownAt === undefined && [...document.querySelectorAll('.monaco-editor .view-line')].some((el) => (el.textContent ?? '').startsWith('deploy:'))) window.__tinyforgeShownAt = Date.now();
    if (spans.some((el) => getComputedStyle(el, '::after').content.includes('live:'))) window.__tinyforgeLiveAt = Date.now();
    else requestAnimationFrame(look);
  };
  requestAnimationFrame(look);
})()`;

/** Records when a notification saying "now in sync" appears. */
const watchForInSync = `(() => {
  window.__tinyforgeInSyncAt = undefined;
  const observer = new MutationObserver(() => {
    if ([...document.querySelectorAll('.notifications-toasts .notification-list-item')].some((el) => /is now in sync/.test(el.textContent ?? ''))) {
      window.__tinyforgeInSyncAt = Date.now();
      observer.disconnect();
    }
  });
  observer.observe(document.body, { subtree: true, childList: true, characterData: true });
})()`;


async function oneRun(index: number, floorVsix?: string): Promise<Omit<LatencyRun, 'floorOpenToDriftMs'>> {
  const seeded = seedDataDir();
  const devServer = await startDevServer({ seeded, flags: ['--fault-latency-ms', String(apiLatencyMs)] });
  const editor = await openEditor({ open: { folder: demoRepoFolder(seeded.dataDir, 'shop-api') }, settings: { 'tinyforge.url': devServer.url }, env: { TINYFORGE_TOKEN: devServer.adminToken }, vsix: floorVsix });
  try {
    const { page } = editor;
    // The workbench, the extension and its language server are up and idle before the clock starts.
    await page.locator('.statusbar').waitFor({ timeout: 60_000 });
    // Starting up, the window scans the repository (git), the extension searches the workspace and starts its language
    // server, which lints the workspace: 3 s of quiet left that under way in half the runs of one bench (Enter → text
    // on screen 300–440 ms instead of ~180), so a file is opened into a window that has settled, as a person's is.
    await new Promise((resolve) => setTimeout(resolve, 8_000));
    await page.keyboard.press('Control+P');
    await page.keyboard.type('.tinyforge.yml');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: '.tinyforge.yml' }).first().waitFor({ timeout: 15_000 });
    await page.evaluate(watchForLive);
    const openStart = devServer.log.length;
    const opened = Date.now();
    await page.keyboard.press('Enter');
    await page.waitForFunction('window.__tinyforgeLiveAt !== undefined', undefined, { timeout: 30_000 });
    const [shownAt, liveAt] = (await page.evaluate('[window.__tinyforgeShownAt, window.__tinyforgeLiveAt]')) as [number, number];
    const enterToShownMs = shownAt - opened;
    const openToDriftMs = liveAt - shownAt;
    if (index === 0 && !floorVsix) await snap(page, 'bench-open-to-drift');
    await new Promise((resolve) => setTimeout(resolve, 500));
    const opening = logged(devServer.log.slice(openStart));
    const openApiMs = slowest(opening, /^GET \/api\/(me|workloads)$/) + slowest(opening, /\/gitops$/);
    // The floor draws `live:` and nothing else: it has no Sync.
    if (floorVsix) return { enterToShownMs, openToDriftMs, openRequests: opening.map(({ request }) => request), openApiMs, syncToInSyncMs: NaN, syncRequests: [], syncApiMs: NaN };

    await runCommand(page, 'Tinyforge: Sync Workload');
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor({ timeout: 15_000 });
    await page.evaluate(watchForInSync);
    const syncStart = devServer.log.length;
    const clicked = Date.now();
    await dialog.locator('a.monaco-button, button', { hasText: /^Sync$/ }).first().click();
    await page.waitForFunction('window.__tinyforgeInSyncAt !== undefined', undefined, { timeout: 30_000 });
    const syncToInSyncMs = ((await page.evaluate('window.__tinyforgeInSyncAt')) as number) - clicked;
    if (index === 0) await snap(page, 'bench-sync-in-sync');
    await new Promise((resolve) => setTimeout(resolve, 500));
    const syncing = logged(devServer.log.slice(syncStart));
    const syncApiMs = slowest(syncing, /\/sync$/) + Math.max(slowest(syncing, /^GET \/api\/workloads\/[^/]+$/), slowest(syncing, /^GET .*\/gitops$/));
    return { enterToShownMs, openToDriftMs, openRequests: opening.map(({ request }) => request), openApiMs, syncToInSyncMs, syncRequests: syncing.map(({ request }) => request), syncApiMs };
  } finally {
    await editor.close();
    await devServer.stop();
  }
}

/** Runs `latencyRuns` times: open the linked file, then Sync it. */
export async function measureLiveLatency(): Promise<LatencyRun[]> {
  const floorVsix = packFloorExtension('jobFloorExtension', mkdtempSync(join(tmpdir(), 'tinyforge-bench-live-floor-')));
  const runs: LatencyRun[] = [];
  for (let index = 0; index < latencyRuns; index++) {
    const ours = await oneRun(index);
    const floor = await oneRun(index, floorVsix);
    runs.push({ ...ours, floorOpenToDriftMs: floor.openToDriftMs });
  }
  return runs;
}
