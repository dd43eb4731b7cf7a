// `npm run bench:profile`: where a keystroke's time goes in our server and in the do-nothing floor. Both get the same
// 6,000 changes (each followed by a pull), under V8's sampling profiler; the profile is summed by where the time went
// and written to docs/keystroke-profile.md, with the slowest 1 % of requests taken apart (`tailProfile.ts`). Not part
// of `npm run bench`: the profiler itself slows both servers.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serverEnvironment, serverExecArgv } from '../client/src/serverLaunch';
import { changeDocument, openDocument, repoRoot, startLspSession } from '../test/support/lspClient';
import { benchDocuments } from './documents';
import { profileTails } from './tailProfile';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Where the time went, µs per keystroke. */
type Breakdown = Record<string, number>;

const changes = 6_000;
/** The first part of each profile (start-up, the code caches, warm-up) is left out. */
const skippedShare = 0.25;

function categoryOf(node: ProfileNode): string {
  const name = node.callFrame.functionName;
  const file = node.callFrame.url.split('/').pop() ?? '';
  if (name === '(garbage collector)') return 'garbage collection';
  if (name === 'writeBuffer' || name === 'writeAsciiString' || name === 'writeUtf8String') return 'writing the answer to the pipe';
  if (file === 'core.js') return 'the core: parse and validate (yaml + ours)';
  if (file === 'serverMain.js' || /vscode-(jsonrpc|languageserver)/.test(node.callFrame.url)) return 'LSP library and server wiring';
  if (name === '(program)') return 'V8 and Node internals';
  return 'Node streams, timers and the rest';
}

function breakdownOf(profile: CpuProfile): { perKeystroke: Breakdown; busyUs: number } {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const totals: Breakdown = {};
  let busy = 0;
  for (let index = Math.floor(profile.samples.length * skippedShare); index < profile.samples.length; index++) {
    const node = byId.get(profile.samples[index])!;
    if (node.callFrame.functionName === '(idle)') continue;
    const delta = profile.timeDeltas[index] ?? 0;
    busy += delta;
    const category = categoryOf(node);
    totals[category] = (totals[category] ?? 0) + delta;
  }
  const counted = changes * (1 - skippedShare);
  return { perKeystroke: Object.fromEntries(Object.entries(totals).map(([category, us]) => [category, us / counted])), busyUs: busy / counted };
}

async function profile(name: string, args: string[], documentName: string): Promise<{ perKeystroke: Breakdown; busyUs: number }> {
  const dir = mkdtempSync(join(tmpdir(), `tinyforge-profile-${name}-`));
  try {
    const session = await startLspSession({
      args: ['--cpu-prof', `--cpu-prof-dir=${dir}`, '--cpu-prof-interval=50', ...args],
      env: serverEnvironment(process.env, join(dir, 'code-cache')),
      initialize: { capabilities: { textDocument: { diagnostic: { dynamicRegistration: false } }, workspace: {} } },
    });
    const document = benchDocuments().find((candidate) => candidate.name === documentName)!;
    const uri = 'file:///tmp/profile/.tinyforge.yml';
    openDocument(session, uri, document.text);
    for (let version = 2; version < changes + 2; version++) {
      changeDocument(session, uri, version % 2 === 0 ? document.twin : document.text, version);
      await session.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } });
    }
    await session.close();
    const file = readdirSync(dir).find((entry) => entry.endsWith('.cpuprofile'));
    if (!file) throw new Error(`${name} wrote no CPU profile`);
    return breakdownOf(JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const lines = [
    '# Where a keystroke\'s time goes',
    '',
    'Written by `npm run bench:profile` (`bench/profileKeystroke.ts`). Our server and the do-nothing floor each get 6,000 full-text changes of the same document, each followed by a `textDocument/diagnostic` pull, under V8\'s sampling profiler (50 µs); the first quarter of each profile (start-up, warm-up) is left out, and the CPU time of the rest is divided by the keystrokes. The profiler slows both servers, so these are shares and differences, not the bench\'s latencies.',
    '',
    `- Date: ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC · Node ${process.version}`,
    '',
  ];
  for (const documentName of ['typical', 'large']) {
    const ours = await profile('ours', [...serverExecArgv, join(repoRoot, 'dist/server.js'), '--stdio'], documentName);
    const floor = await profile('floor', [join(repoRoot, 'bench/libraryFloorServer.cjs'), '--stdio'], documentName);
    const categories = [...new Set([...Object.keys(ours.perKeystroke), ...Object.keys(floor.perKeystroke)])].sort((a, b) => (ours.perKeystroke[b] ?? 0) - (ours.perKeystroke[a] ?? 0));
    const label = benchDocuments().find((candidate) => candidate.name === documentName)!.label;
    lines.push(`## ${label}`, '', '| Where | ours, µs per keystroke | floor, µs per keystroke | ours − floor |', '|---|---:|---:|---:|');
    for (const category of categories) {
      const mine = ours.perKeystroke[category] ?? 0;
      const base = floor.perKeystroke[category] ?? 0;
      lines.push(`| ${category} | ${mine.toFixed(1)} | ${base.toFixed(1)} | ${(mine - base).toFixed(1)} |`);
    }
    lines.push(`| **all CPU time** | **${ours.busyUs.toFixed(1)}** | **${floor.busyUs.toFixed(1)}** | **${(ours.busyUs - floor.busyUs).toFixed(1)}** |`, '');
  }
  lines.push(...(await profileTails()));
  const report = `${lines.join('\n')}\n`;
  writeFileSync(join(repoRoot, 'docs/keystroke-profile.md'), report);
  console.log(report);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
