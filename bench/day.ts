// A working day of the extension (bench/dayProbe.ts, on a virtual clock) with the Tinyforge view visible and five
// Tinyforge files open, against a dev server that fails now and then: heap per hour, requests per workload per hour,
// unhandled rejections, and what it showed the user.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { demoRepoFolder } from '../devserver/src/demo';
import { seedDataDir, startDevServer, type DevServer } from '../test/support/devServer';
import { repoRoot } from '../test/support/lspClient';

/** The day's length, hours of virtual time. */
export const dayHours = 8;
/** One API request in this many fails: a 429, a 500 or a dropped connection in turn. */
export const faultEvery = 23;
/** And an outage about once an hour: from every this-many-th request on, `outage.length` in a row answer 503. */
export const outage = { every: 997, length: 12 };
/** The seconds between refreshes the day runs with (the defaults). */
export const intervals = { files: 60, view: 300 };

/** The open files, by demo checkout and path: five workloads, one of them with GitOps off. */
const openFiles: ReadonlyArray<[string, string, string]> = [
  ['shop-api', '.tinyforge.yml', 'wl_shop'],
  ['shop-api', 'deploy/worker.tinyforge.yaml', 'wl_worker'],
  ['docs-site', '.tinyforge.yml', 'wl_docs'],
  ['legacy-api', '.tinyforge.yml', 'wl_legacy'],
  ['billing', '.tinyforge.yml', 'wl_billing'],
];

/** Requests of one kind in one hour: how many were sent, and how many of them failed (not a 2xx answer). */
export interface Sent {
  sent: number;
  failed: number;
}

/** One hour's requests: what the dev server logged, per kind and per workload. */
export interface HourRequests {
  hour: number;
  me: Sent;
  list: Sent;
  /** `GET …/gitops` per workload id. */
  states: Map<string, Sent>;
  failed: number;
  total: number;
}

/** What the day measured. */
export interface DayFigures {
  hours: number;
  faultEvery: number;
  workloads: number;
  enabled: number;
  /** The workloads whose files were open. */
  openWorkloads: string[];
  /** Heap used after each hour (after collection), MiB; index 0 is just after activation. */
  heapMiB: number[];
  requests: HourRequests[];
  unhandled: string[];
  /** Every message the extension showed (kind and text), in order. */
  messages: string[];
  /** Warnings and errors it logged. */
  logged: number;
  /** Live snapshots handed to the language server. */
  snapshots: number;
}

function countHour(hour: number, lines: readonly string[]): HourRequests {
  const counts: HourRequests = { hour, me: { sent: 0, failed: 0 }, list: { sent: 0, failed: 0 }, states: new Map(), failed: 0, total: 0 };
  for (const line of lines) {
    const [method, target, status] = line.split(' ');
    if (method !== 'GET' || !target?.startsWith('/api/')) continue;
    const failed = !/^2\d\d$/.test(status ?? '');
    const state = /^\/api\/workloads\/([^/]+)\/gitops$/.exec(target);
    const entry = target === '/api/me' ? counts.me : target === '/api/workloads' ? counts.list : state ? (counts.states.get(state[1]) ?? { sent: 0, failed: 0 }) : undefined;
    if (state && entry) counts.states.set(state[1], entry);
    counts.total++;
    if (failed) counts.failed++;
    if (!entry) continue;
    entry.sent++;
    if (failed) entry.failed++;
  }
  return counts;
}

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs the day against a fresh dev server: the demo plus a fleet of 200 (30 with GitOps on). */
export async function measureWorkingDay(): Promise<DayFigures> {
  const seeded = seedDataDir({ fleet: 200 });
  const devServer: DevServer = await startDevServer({ seeded, flags: ['--fault-now-and-then', String(faultEvery), '--fault-outage', `${outage.every},${outage.length}`] });
  try {
    const files = openFiles.map(([repo, path]) => join(demoRepoFolder(seeded.dataDir, repo), path));
    const folders = [...new Set(openFiles.map(([repo]) => demoRepoFolder(seeded.dataDir, repo)))];
    const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', join(repoRoot, 'bench/dayProbe.ts')], {
      cwd: repoRoot,
      env: { ...process.env, DAY_GLOBS: JSON.stringify(['deploy/*.tinyforge.yaml']), DAY_URL: devServer.url, TINYFORGE_TOKEN: devServer.adminToken, DAY_FILES: JSON.stringify(files), DAY_FOLDERS: JSON.stringify(folders), DAY_HOURS: String(dayHours) },
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    const lines = createInterface({ input: child.stdout! });
    const next = (): Promise<Record<string, unknown>> =>
      new Promise((resolve, reject) => {
        const onExit = (code: number | null) => reject(new Error(`the day probe exited (${code})`));
        child.once('exit', onExit);
        lines.once('line', (line) => {
          child.off('exit', onExit);
          resolve(JSON.parse(line) as Record<string, unknown>);
        });
      });
    const heapMiB: number[] = [];
    let snapshots = 0;
    const requests: HourRequests[] = [];
    let hourStart = devServer.log.length;
    for (let hour = 0; hour <= dayHours; hour++) {
      const report = await next();
      heapMiB.push(report.heapMiB as number);
      snapshots = (report.snapshots as number | undefined) ?? snapshots;
      // The dev server prints a request's line once its answer is out: give the last lines of the hour a moment.
      await pause(200);
      if (hour > 0) requests.push(countHour(hour, devServer.log.slice(hourStart)));
      hourStart = devServer.log.length;
      child.stdin!.write('go\n');
    }
    const done = await next();
    child.stdin!.write('done\n');
    const workloads = JSON.parse(JSON.stringify(await (await fetch(`${devServer.url}/api/workloads`, { headers: { Authorization: `Bearer ${devServer.adminToken}` } })).json())) as Array<{ gitops_enabled: boolean }>;
    return {
      hours: dayHours,
      faultEvery,
      workloads: workloads.length,
      enabled: workloads.filter((workload) => workload.gitops_enabled).length,
      openWorkloads: openFiles.map(([, , id]) => id),
      heapMiB,
      requests,
      unhandled: done.unhandled as string[],
      messages: done.messages as string[],
      logged: (done.output as string[]).length,
      snapshots,
    };
  } finally {
    await devServer.stop();
  }
}
