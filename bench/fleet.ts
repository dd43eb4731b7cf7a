import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { seedDataDir, startDevServer, type DevServer } from '../test/support/devServer';
import { repoRoot } from '../test/support/lspClient';
import { openEditor, openTinyforgeView, snap } from '../test/support/workbench';
import { packFloorExtension } from './floorPack';

/** The fleet the view is measured on: 2,000 workloads, 300 with GitOps on (`--demo-fleet 2000`). */
export const fleetSize = 2_000;

/** Requests the dev server logged, by kind. */
export interface RequestCounts {
  me: number;
  list: number;
  /** `GET …/gitops`, all of them. */
  states: number;
  /** The most `GET …/gitops` any one workload got. */
  statesPerWorkloadMax: number;
  other: number;
}

/** What the view cost on the fleet. */
export interface FleetFigures {
  workloads: number;
  enabled: number;
  /** Requests from opening the view to every state filled. */
  opening: RequestCounts;
  /** Requests during `idleMinutes` of a visible, idle view (the view's scheduler on a clock that skips idle time). */
  idle: RequestCounts;
  idleMinutes: number;
  /** Heap the view's model, caches and every tree item add to the extension host, MiB (measured in a Node process). */
  heapAddedMiB: number;
  /** In code-server, each opening of the view in a fresh editor: from the click to the first groups, and where that went. */
  openings: ViewOpening[];
  /** In code-server, the first opening: click on the view's icon → every state filled, ms. */
  allStatesMs: number;
  /** The same for the floor (bench/jobFloorExtension: the same requests, 4 states at a time, the counts redrawn), ms. */
  floorAllStatesMs: number;
  /** Requests code-server's extension sent from opening the view to every state filled. */
  editorOpening: RequestCounts;
}

function countRequests(lines: readonly string[]): RequestCounts {
  const perWorkload = new Map<string, number>();
  const counts: RequestCounts = { me: 0, list: 0, states: 0, statesPerWorkloadMax: 0, other: 0 };
  for (const line of lines) {
    const [method, target] = line.split(' ');
    if (!/^(GET|POST|PUT)$/.test(method)) continue;
    const state = /^\/api\/workloads\/([^/]+)\/gitops$/.exec(target ?? '');
    if (method === 'GET' && target === '/api/me') counts.me++;
    else if (method === 'GET' && target === '/api/workloads') counts.list++;
    else if (method === 'GET' && state) {
      counts.states++;
      perWorkload.set(state[1], (perWorkload.get(state[1]) ?? 0) + 1);
    } else counts.other++;
  }
  counts.statesPerWorkloadMax = Math.max(0, ...perWorkload.values());
  return counts;
}

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The model, the scheduler and the tree in their own Node process against the dev server: heap, and the idle half hour. */
async function measureInProcess(devServer: DevServer, idleMinutes: number): Promise<Pick<FleetFigures, 'workloads' | 'enabled' | 'opening' | 'idle' | 'idleMinutes' | 'heapAddedMiB'>> {
  const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', join(repoRoot, 'bench/fleetProbe.ts')], {
    cwd: repoRoot,
    env: { ...process.env, FLEET_URL: devServer.url, FLEET_TOKEN: devServer.adminToken, FLEET_IDLE_MINUTES: String(idleMinutes) },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout! });
  const next = (): Promise<Record<string, unknown>> =>
    new Promise((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`the fleet probe exited (${code})`)));
      lines.once('line', (line) => resolve(JSON.parse(line) as Record<string, unknown>));
    });
  const start = devServer.log.length;
  const opened = await next();
  // The dev server logs a request as its answer goes out; give the last lines a moment to arrive.
  await pause(300);
  const afterOpening = devServer.log.length;
  child.stdin!.write('go\n');
  await next();
  await pause(300);
  const opening = countRequests(devServer.log.slice(start, afterOpening));
  const idle = countRequests(devServer.log.slice(afterOpening));
  child.stdin!.write('done\n');
  return { workloads: opened.workloads as number, enabled: opened.enabled as number, opening, idle, idleMinutes, heapAddedMiB: opened.heapAddedMiB as number };
}

/** How many times the view is opened in a fresh code-server, for the first-groups figure. */
export const editorOpenings = 10;

/** One opening of the view in a fresh code-server, times from the click on its icon (ms). */
export interface ViewOpening {
  /** Click → the first group rows on screen. */
  firstGroupsMs: number;
  /** Click → the dev server sent the workload list. */
  listAnsweredMs: number;
  /** The list sent → the first group rows on screen: transport, parsing, grouping and the tree's first render. */
  listToGroupsMs: number;
  /** The same two for the floor (bench/jobFloorExtension), opened in a fresh editor of its own after this one. */
  floorFirstGroupsMs: number;
  floorListToGroupsMs: number;
}

type Opening = Pick<ViewOpening, 'firstGroupsMs' | 'listAnsweredMs' | 'listToGroupsMs'>;

const groupRow = /^(Drifted|Invalid on branch|Fetch failed|No file|In sync|GitOps disabled|Checking…) \d+$/;

/** Records in the page, at the DOM mutation itself, when the first group row appears in the side bar. */
const watchForGroups = `(() => {
  const pattern = ${groupRow.toString()};
  window.__tinyforgeFirstGroupsAt = undefined;
  const observer = new MutationObserver(() => {
    const rows = [...document.querySelectorAll('.sidebar .monaco-list-row')];
    if (rows.some((row) => pattern.test(row.getAttribute('aria-label') ?? ''))) {
      window.__tinyforgeFirstGroupsAt = Date.now();
      observer.disconnect();
    }
  });
  observer.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-label'] });
})()`;

/** Opens the view once in a fresh code-server; the first opening also waits for every state and counts the requests. */
async function openViewOnce(devServer: DevServer, enabled: number, full: boolean, floorVsix?: string): Promise<Opening & Partial<Pick<FleetFigures, 'allStatesMs' | 'editorOpening'>>> {
  const folder = mkdtempSync(join(tmpdir(), 'tinyforge-bench-fleet-'));
  const editor = await openEditor({ open: { folder }, settings: { 'tinyforge.url': devServer.url }, env: { TINYFORGE_TOKEN: devServer.adminToken }, vsix: floorVsix });
  try {
    const { page } = editor;
    // The workbench is up and idle before the clock starts.
    await page.locator('.activitybar a.action-label[aria-label^="Tinyforge"]').waitFor({ timeout: 60_000 });
    await pause(2_000);
    await page.evaluate(watchForGroups);
    const start = devServer.log.length;
    const clickedAt = Date.now();
    await openTinyforgeView(page);
    await page.waitForFunction('window.__tinyforgeFirstGroupsAt !== undefined', undefined, { timeout: 60_000 });
    const firstGroupsAt = (await page.evaluate('window.__tinyforgeFirstGroupsAt')) as number;
    const listLine = devServer.log.findIndex((line, index) => index >= start && /^GET \/api\/workloads /.test(line));
    if (listLine < 0) throw new Error('the view drew its groups, but the dev server logged no list request');
    const listAnsweredAt = devServer.logTimes[listLine];
    const opening: Opening = { firstGroupsMs: firstGroupsAt - clickedAt, listAnsweredMs: listAnsweredAt - clickedAt, listToGroupsMs: firstGroupsAt - listAnsweredAt };
    if (!full) return opening;
    // Filled: the dev server has answered every state, and the view's "Checking n of m…" line is gone.
    const countStates = () => devServer.log.slice(start).filter((line) => /^GET \/api\/workloads\/[^/]+\/gitops /.test(line)).length;
    const checking = page.locator('.sidebar').getByText(/Checking \d+ of \d+ workloads/);
    const deadline = Date.now() + 120_000;
    while ((countStates() < enabled || (await checking.count()) > 0) && Date.now() < deadline) await pause(50);
    const allStatesMs = Date.now() - clickedAt;
    if (!floorVsix) await snap(page, 'bench-fleet-view');
    await pause(300);
    return { ...opening, allStatesMs, editorOpening: countRequests(devServer.log.slice(start)) };
  } finally {
    await editor.close();
    rmSync(folder, { recursive: true, force: true });
  }
}

/** In code-server: open the Tinyforge view `editorOpenings` times, each in a fresh editor; the first also times the last state. */
async function measureInEditor(devServer: DevServer, enabled: number): Promise<Pick<FleetFigures, 'openings' | 'allStatesMs' | 'floorAllStatesMs' | 'editorOpening'>> {
  const floorVsix = packFloorExtension('jobFloorExtension', mkdtempSync(join(tmpdir(), 'tinyforge-bench-view-floor-')));
  const pair = (ours: Opening, floor: Opening): ViewOpening => ({ firstGroupsMs: ours.firstGroupsMs, listAnsweredMs: ours.listAnsweredMs, listToGroupsMs: ours.listToGroupsMs, floorFirstGroupsMs: floor.firstGroupsMs, floorListToGroupsMs: floor.listToGroupsMs });
  const first = await openViewOnce(devServer, enabled, true);
  const firstFloor = await openViewOnce(devServer, enabled, true, floorVsix);
  const openings: ViewOpening[] = [pair(first, firstFloor)];
  while (openings.length < editorOpenings) openings.push(pair(await openViewOnce(devServer, enabled, false), await openViewOnce(devServer, enabled, false, floorVsix)));
  return { openings, allStatesMs: first.allStatesMs!, floorAllStatesMs: firstFloor.allStatesMs!, editorOpening: first.editorOpening! };
}

/** The view on 2,000 workloads (300 with GitOps on): requests, time, heap. */
export async function measureFleet(idleMinutes = 30): Promise<FleetFigures> {
  const seeded = seedDataDir({ demo: false, fleet: fleetSize });
  const inProcessServer = await startDevServer({ seeded });
  let inProcess;
  try {
    inProcess = await measureInProcess(inProcessServer, idleMinutes);
  } finally {
    await inProcessServer.stop();
  }
  const editorServer = await startDevServer({ seeded });
  try {
    return { ...inProcess, ...(await measureInEditor(editorServer, inProcess.enabled)) };
  } finally {
    await editorServer.stop();
  }
}
