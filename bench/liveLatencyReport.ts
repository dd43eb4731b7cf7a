// What a user waits for in code-server with a slow API: its goals and its table.
import type { Budget } from './budget';
import { apiLatencyMs, type LatencyRun } from './liveLatency';
import { median } from './stats';

const ms = (value: number): string => `${Math.round(value)} ms`;

/**
 * Open → drift drawn within the floor's time + 150 ms (an extension that sends the same requests and only draws, in the
 * same editor on the same machine), Sync → "now in sync" within the API's time + 300 ms, medians of the runs.
 */
export function liveLatencyBudgets(runs: readonly LatencyRun[]): Budget[] {
  const open = median(runs.map((run) => run.openToDriftMs));
  const floor = median(runs.map((run) => run.floorOpenToDriftMs));
  const openAllowed = floor + 150;
  const sync = median(runs.map((run) => run.syncToInSyncMs));
  const syncAllowed = median(runs.map((run) => run.syncApiMs + 300));
  return [
    {
      what: `a linked file opened → its \`live:\` decoration on screen (code-server, API ${apiLatencyMs} ms late, median of ${runs.length})`,
      limit: "≤ the floor's (the same requests, then only the drawing) + 150 ms",
      measured: `${ms(open)} against ${ms(openAllowed)} (the floor ${ms(floor)}; the API's own time ${ms(median(runs.map((run) => run.openApiMs)))})`,
      pass: open <= openAllowed,
    },
    {
      what: `Sync clicked → "now in sync" on screen (code-server, API ${apiLatencyMs} ms late, median of ${runs.length})`,
      limit: "≤ the API's time for the sync and one fetch + 300 ms",
      measured: `${ms(sync)} against ${ms(syncAllowed)} (${runs.filter((run) => run.syncToInSyncMs <= run.syncApiMs + 300).length} of ${runs.length} runs within their own)`,
      pass: sync <= syncAllowed,
    },
  ];
}

/** One row per run. */
export function liveLatencySection(runs: readonly LatencyRun[]): string[] {
  return [
    `### What a user waits for, with every API answer ${apiLatencyMs} ms late (code-server)`,
    '',
    `Each run is a fresh dev server (\`--fault-latency-ms ${apiLatencyMs}\`) and a fresh code-server on the demo's shop-api checkout, the token in the environment. ` +
      'The file is opened with Quick Open; its text on screen and its first `live:` decoration on screen are read at the animation frame that draws them. ' +
      `Then **Tinyforge: Sync Workload**, and the click on Sync in the modal to the "now in sync" notification. The API's time is what the dev server logged for each request (its ${apiLatencyMs} ms and its own work): ` +
      `opening needs \`${runs[0]?.openRequests.join('`, `')}\` (the first two together, then the third); the sync needs \`${runs[0]?.syncRequests.join('`, `')}\` (the sync, then the last two together).`,
    '',
    'The floor is `bench/jobFloorExtension`: activated on the same events, it sends `GET /api/me` and `GET /api/workloads` together, then the state of `wl_shop`, and draws `live:` after each drifted key; no parsing, no language server, no other surface. It runs in a fresh editor and dev server of its own after each of ours, so both see the same machine.',
    '',
    '| Run | Enter → text on screen | text → `live:` on screen | the floor: text → `live:` | API time | Sync click → "now in sync" | API time + 300 ms |',
    '|---:|---:|---:|---:|---:|---:|---:|',
    ...runs.map((run, index) => `| ${index + 1} | ${ms(run.enterToShownMs)} | ${ms(run.openToDriftMs)} | ${ms(run.floorOpenToDriftMs)} | ${ms(run.openApiMs)} | ${ms(run.syncToInSyncMs)} | ${ms(run.syncApiMs + 300)} |`),
    '',
    ...overAllowance(runs),
  ];
}

/** The openings over their own allowance, beside how long the window took to show the file's text in them and in the others. */
function overAllowance(runs: readonly LatencyRun[]): string[] {
  const over = runs.map((run, index) => ({ run, number: index + 1 })).filter(({ run }) => run.openToDriftMs > run.floorOpenToDriftMs + 150);
  if (!over.length) return [];
  const within = runs.filter((run) => run.openToDriftMs <= run.floorOpenToDriftMs + 150);
  const typicalShown = within.length ? median(within.map((run) => run.enterToShownMs)) : undefined;
  const listed = over.map(({ run, number }) => `run ${number} (text → \`live:\` ${ms(run.openToDriftMs)}, Enter → text ${ms(run.enterToShownMs)})`).join(', ');
  const windowBusy = typicalShown !== undefined && over.every(({ run }) => run.enterToShownMs >= 1.5 * typicalShown);
  const reason = windowBusy
    ? `In each of them the window itself was slow: it took at least 1.5× as long to show the file's text as in the runs within their allowance (median ${ms(typicalShown)}), before the extension had any part in it, so the editor was busy with something else (the repository scan, the language server's first lint of the workspace, the file watcher).`
    : typicalShown === undefined
      ? 'No run was within its allowance.'
      : `The window showed the text in them about as fast as in the runs within their allowance (median ${ms(typicalShown)}): the time went after the text was on screen, and these figures do not say where.`;
  return [`**Over the allowance:** ${listed}. ${reason}`, ''];
}
