// The long-run part of the report: a working day of the extension, 50,000 edits on the server, and the CLI on a tree.
import type { Budget } from './budget';
import { intervals, outage, type DayFigures, type HourRequests, type Sent } from './day';
import type { LintTreeFigures } from './lintTree';
import type { LongEditingFigures } from './longEditing';

const mib = (value: number): string => `${value.toFixed(2)} MiB`;

/** The README's budget for one kind of request in one hour: one per interval (and one at the hour's edge), plus two retries per failed answer. */
function allowed(intervalSeconds: number, sent: Sent): number {
  return Math.ceil(3600 / intervalSeconds) + 1 + 2 * sent.failed;
}

/** Every hour's requests that went over the budget, as `hour n: what sent/allowed`. */
function overBudget(day: DayFigures): string[] {
  const over: string[] = [];
  const check = (hour: HourRequests, what: string, interval: number, sent: Sent): void => {
    if (sent.sent > allowed(interval, sent)) over.push(`hour ${hour.hour}: ${what} ${sent.sent}/${allowed(interval, sent)}`);
  };
  for (const hour of day.requests) {
    check(hour, 'me', intervals.files, hour.me);
    check(hour, 'list', intervals.files, hour.list);
    for (const [workload, sent] of hour.states) check(hour, workload, day.openWorkloads.includes(workload) ? intervals.files : intervals.view, sent);
  }
  return over;
}

function mostPerHour(day: DayFigures, open: boolean): number {
  return Math.max(0, ...day.requests.flatMap((hour) => [...hour.states].filter(([workload]) => day.openWorkloads.includes(workload) === open).map(([, sent]) => sent.sent)));
}

/** The day's goals, the server's and the CLI's. */
export function dayBudgets(day: DayFigures, editing: LongEditingFigures, lint: LintTreeFigures): Budget[] {
  const growth = day.heapMiB[day.heapMiB.length - 1] - day.heapMiB[1];
  const over = overBudget(day);
  const shownTwice = day.messages.filter((message, index) => day.messages.indexOf(message) !== index);
  const where = `a working day (${day.hours} h, virtual clock): the view visible and ${day.openWorkloads.length} files open, the server failing now and then`;
  return [
    { what: `${where}: extension-host heap growth after the first hour`, limit: '≤ 5 MiB', measured: `${mib(growth)} (${mib(day.heapMiB[1])} after hour 1, ${mib(day.heapMiB[day.heapMiB.length - 1])} after hour ${day.hours})`, pass: growth <= 5 },
    {
      what: `${where}: requests per workload per hour`,
      limit: "within the README's budget (one per refresh interval, two retries per failed answer)",
      measured: over.length ? over.slice(0, 5).join('; ') : `every hour within it (most for one workload: ${mostPerHour(day, true)} with its file open, ${mostPerHour(day, false)} in the view only)`,
      pass: over.length === 0,
    },
    { what: `${where}: unhandled rejections`, limit: '0', measured: day.unhandled.length ? day.unhandled.slice(0, 3).join('; ') : '0', pass: day.unhandled.length === 0 },
    { what: `${where}: an error shown twice`, limit: 'never', measured: shownTwice.length ? shownTwice.slice(0, 3).join('; ') : `never (${day.messages.length} message(s) shown in all)`, pass: shownTwice.length === 0 },
    {
      what: `${editing.edits.toLocaleString('en')} edits to one open file: server RSS at the end against after the first 1,000`,
      limit: '≤ +5 MiB',
      measured: `${mib(editing.rssAtEndMiB)} against ${mib(editing.rssAfterFirstMiB)} (${editing.rssAtEndMiB >= editing.rssAfterFirstMiB ? '+' : '−'}${mib(Math.abs(editing.rssAtEndMiB - editing.rssAfterFirstMiB))})`,
      pass: editing.rssAtEndMiB - editing.rssAfterFirstMiB <= 5,
    },
    {
      what: `\`tinyforge-lint --format json\` on ${lint.files.toLocaleString('en')} files (${lint.broken} broken)`,
      limit: '≤ 3 s, ≤ 150 MiB, every finding in its JSON',
      measured: `${Math.round(lint.wallMs)} ms, ${lint.peakRssMiB.toFixed(1)} MiB peak, ${lint.reportedFindings} of ${lint.expectedFindings} findings (${lint.mismatchedFiles} file(s) differing from the core)`,
      pass: lint.wallMs <= 3_000 && lint.peakRssMiB <= 150 && lint.mismatchedFiles === 0 && lint.reportedFindings === lint.expectedFindings,
    },
  ];
}

/** The day hour by hour. */
export function daySection(day: DayFigures, editing: LongEditingFigures, lint: LintTreeFigures): string[] {
  const row = (hour: HourRequests): string => {
    const open = [...hour.states].filter(([workload]) => day.openWorkloads.includes(workload)).map(([, sent]) => sent.sent);
    const viewOnly = [...hour.states].filter(([workload]) => !day.openWorkloads.includes(workload)).map(([, sent]) => sent.sent);
    return `| ${hour.hour} | ${hour.total} | ${hour.failed} | ${hour.me.sent} | ${hour.list.sent} | ${Math.min(...open)}–${Math.max(...open)} | ${Math.min(...viewOnly)}–${Math.max(...viewOnly)} | ${mib(day.heapMiB[hour.hour])} |`;
  };
  return [
    `### A working day: the extension on a virtual clock (${day.hours} h)`,
    '',
    `The extension's own bundles (\`dist/client.js\`, then its body) run in a Node process with a stand-in \`vscode\` (\`bench/dayVscode.cjs\`): the Tinyforge view visible, ${day.openWorkloads.length} Tinyforge files open in tabs (${day.openWorkloads.join(', ')}), ` +
      `refresh intervals at their defaults (${intervals.files} s for open files, ${intervals.view} s for the view), against a dev server of ${day.workloads} workloads (${day.enabled} with GitOps on) that fails every ${day.faultEvery}th request (a 429, a 500 and a dropped connection in turn) ` +
      `and has an outage of ${outage.length} requests in a row (503) from every ${outage.every}th on. Time moves only when no request and no git process is under way (\`bench/globalClock.ts\`); the language server is a stand-in that takes the ${day.snapshots} snapshots. ` +
      `The extension showed ${day.messages.length} message(s) and logged ${day.logged} warning(s) or error(s) to its output.`,
    '',
    '| Hour | requests | failed | me | list | a workload with its file open | a workload in the view only | heap after the hour |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...day.requests.map(row),
    '',
    `On the server: ${editing.edits.toLocaleString('en')} edits (the typing scripts, over and over, each a full change and a pull) took ${editing.seconds.toFixed(1)} s; RSS ${mib(editing.rssAfterFirstMiB)} after the first 1,000, ${mib(editing.rssAtEndMiB)} at the end, each read after 3 s idle. ` +
      `The CLI on a tree of ${lint.files.toLocaleString('en')} files: ${Math.round(lint.wallMs)} ms, ${Math.round(lint.cpuMs)} ms of CPU, ${lint.peakRssMiB.toFixed(1)} MiB peak RSS, exit code ${lint.exitCode}.`,
    '',
  ];
}
