// Run by bench/fleet.ts in its own process (node --expose-gc): the Tinyforge view's model, scheduler and tree against
// a real dev server with a fleet, on a clock that skips idle time. Prints one JSON line per phase; waits for a line on
// stdin between phases, so the parent can count the requests the dev server logged for each.
import './fleetVscode.cjs';
import { createInterface } from 'node:readline';
import { createApiClient, type TinyforgeApi } from '../api/src/index';
import { ApiSession } from '../api/src/session';
import { FleetModel } from '../client/src/fleet/fleetModel';
import { FleetTreeProvider, type FleetNode } from '../client/src/fleet/fleetTree';
import { VirtualClock } from './virtualClock';

const url = process.env.FLEET_URL!;
const token = process.env.FLEET_TOKEN!;
const idleMinutes = Number(process.env.FLEET_IDLE_MINUTES ?? 30);
const ttlMs = 300_000;

const lines = createInterface({ input: process.stdin });
const nextLine = (): Promise<string> => new Promise((resolve) => lines.once('line', resolve));
const heapMiB = (): number => {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed / 1024 / 1024;
};

async function main(): Promise<void> {
  const clock = new VirtualClock();
  let pending = 0;
  const raw = createApiClient({ baseUrl: url, token });
  // Counts answers still to come, so the clock moves only when nothing is under way.
  const api = Object.fromEntries(
    Object.entries(raw).map(([name, call]) => [
      name,
      async (...args: unknown[]) => {
        pending++;
        try {
          return await (call as (...a: unknown[]) => Promise<unknown>)(...args);
        } finally {
          pending--;
        }
      },
    ]),
  ) as unknown as TinyforgeApi;
  const heapBefore = heapMiB();
  const session = new ApiSession(url, api, clock);
  const model = new FleetModel({ session: async () => session, ttlMs: () => ttlMs, describe: (error) => String(error), clock });
  const tree = new FleetTreeProvider(model);
  const started = performance.now();
  model.setVisible(true);
  await model.refresh(false);
  const filledMs = performance.now() - started;
  // Every row VS Code would ask for with every group expanded, kept as its tree view keeps them.
  const items: unknown[] = [];
  for (const group of tree.getChildren()) {
    items.push(tree.getTreeItem(group));
    for (const child of tree.getChildren(group as FleetNode)) items.push(tree.getTreeItem(child));
  }
  const heapAfter = heapMiB();
  const progress = model.progress();
  const groups = Object.fromEntries(tree.getChildren().map((node) => [node.kind === 'group' ? node.group : '', node.kind === 'group' ? node.rows.length : 0]));
  console.log(JSON.stringify({ phase: 'opened', filledMs, heapAddedMiB: heapAfter - heapBefore, rows: items.length, workloads: model.all().length, enabled: progress.total, statesFetched: progress.done, groups }));
  await nextLine();
  const idleStart = clock.now();
  await clock.runUntil(idleStart + idleMinutes * 60_000, () => pending > 0);
  console.log(JSON.stringify({ phase: 'idle', idleMinutes, heapAfterIdleMiB: heapMiB() - heapBefore }));
  await nextLine();
  tree.dispose();
  model.dispose();
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
