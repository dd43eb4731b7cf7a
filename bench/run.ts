// `npm run bench`: times the core, our server and yaml-language-server interleaved, prints the figures and writes docs/benchmarks.md.
// Exits 0 even when a budget is missed (the report says MISSED); non-zero only when the bench could not run.
import { spawnSync } from 'node:child_process';
import { serverEnvironment } from '../client/src/serverLaunch';
import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../test/support/lspClient';
import { checkCoreVerdicts, timeFloor, timeLint } from './coreSubject';
import { measureActivation } from './activation';
import { timeSnapshots } from './snapshotSubject';
import { countRequestsWhileTyping } from './typingRequests';
import { benchDocuments, type BenchDocument } from './documents';
import { describeMachine, startCpuMeter } from './machine';
import { startPipeEcho } from './pipeFloor';
import { measureFleet } from './fleet';
import { measureWorkspaceScale } from './workspaceScale';
import {
  floorServer,
  ourServer,
  prepareSubject,
  privateMiB,
  rssMiB,
  spawnServer,
  timeChange,
  timeRequest,
  yamlLanguageServer,
  yamlLanguageServerVersion,
  type LspSubject,
  type ServerSpec,
} from './lspSubject';
import { budgetsOf, renderReport, type BenchResults, type ServerFigures } from './report';
import { ourSlice, rounds, settleMs, warmUpRounds, yamlSlice, type Slice } from './plan';
import { summarize } from './stats';
import { measureRealTyping } from './typingBench';
import { measureNotTinyforge } from './notTinyforge';
import { measureWorkingDay } from './day';
import { measureLiveLatency } from './liveLatency';
import { measureLongEditing } from './longEditing';
import { measureLintTree } from './lintTree';

const lintsPerRound = 60;
const echoesPerSlice = 5;
const startupSpawns = 15;

/** Samples in ms for one server, keyed by document name. */
interface ServerSamples {
  change: Map<string, number[]>;
  completion: Map<string, number[]>;
  hover: Map<string, number[]>;
}

function push(map: Map<string, number[]>, name: string, ...values: number[]): void {
  const list = map.get(name) ?? [];
  list.push(...values);
  map.set(name, list);
}

function itemCount(result: unknown): number {
  if (Array.isArray(result)) return result.length;
  return (result as { items?: unknown[] } | null)?.items?.length ?? 0;
}

/** One server's slice of a round on one document; `samples` is undefined during warm-up, which instead checks that answers are not empty. */
async function serverSlice(subject: LspSubject, slice: Slice, document: BenchDocument, samples: ServerSamples | undefined): Promise<void> {
  const where = `${subject.spec.name} on ${document.name}`;
  for (let i = 0; i < slice.changes; i++) {
    const ms = await timeChange(subject, document);
    if (samples) push(samples.change, document.name, ms);
  }
  for (let i = 0; i < slice.completions; i++) {
    for (const position of [document.completeKeyAt, document.completeValueAt]) {
      const { ms, result } = await timeRequest(subject, 'textDocument/completion', document, position);
      if (samples) push(samples.completion, document.name, ms);
      else if (!itemCount(result)) throw new Error(`${where}: no completion at ${position.line}:${position.character}`);
    }
  }
  for (let i = 0; i < slice.hovers; i++) {
    const { ms, result } = await timeRequest(subject, 'textDocument/hover', document, document.hoverAt);
    if (samples) push(samples.hover, document.name, ms);
    else if (!result) throw new Error(`${where}: no hover on "${document.hoverKey}"`);
  }
}

/** A process's memory at one moment, MiB. */
interface MemoryReading {
  rssMiB: number;
  privateMiB: number;
}

function memoryOf(pid: number | undefined): MemoryReading {
  return { rssMiB: rssMiB(pid), privateMiB: privateMiB(pid) };
}

/** The bundles our server loads: its entry, its body and the core. */
const serverBundles = ['server.js', 'serverMain.js', 'core.js'];

/** Start-up samples in ms: each server's spawn → `initialize` answered, and a bare `node -e 0` spawn → exit for scale. */
interface StartupSamples {
  /** Ours as the extension starts it, with a code-cache directory; the first spawn finds it empty. */
  ours: number[];
  /** Ours with no code-cache directory: every start compiles from source. */
  oursUncached: number[];
  floor: number[];
  yaml: number[];
  bareNode: number[];
}

/** Spawns them in turn, so all see the same machine state; our cache directory starts empty, as after an install. */
async function measureStartup(): Promise<StartupSamples> {
  if (ourServer.codeCacheDir) rmSync(ourServer.codeCacheDir, { recursive: true, force: true });
  const uncached: ServerSpec = { ...ourServer, codeCacheDir: undefined };
  const samples: StartupSamples = { ours: [], oursUncached: [], floor: [], yaml: [], bareNode: [] };
  for (let i = 0; i < startupSpawns; i++) {
    const started = performance.now();
    spawnSync(process.execPath, ['-e', '0'], { env: serverEnvironment(process.env) });
    samples.bareNode.push(performance.now() - started);
    for (const [spec, list] of [[ourServer, samples.ours], [uncached, samples.oursUncached], [floorServer, samples.floor], [yamlLanguageServer, samples.yaml]] as const) {
      const session = await spawnServer(spec);
      list.push(session.startupMs);
      // Our server keeps its code caches 200 ms after `initialized` (server/src/server.ts), as it would in an editor.
      await new Promise((resolve) => setTimeout(resolve, 400));
      await session.close();
    }
  }
  return samples;
}

function summarizeServer(
  subject: LspSubject,
  samples: ServerSamples,
  startupMs: number[],
  memory: { rssBeforeMiB: number; atEndMiB: number; after: MemoryReading; idleRssMiB: number },
  documents: readonly BenchDocument[],
): ServerFigures {
  const byDocument = (map: Map<string, number[]>) => new Map(documents.map((document) => [document.name, summarize(map.get(document.name) ?? [])]));
  return {
    name: subject.spec.name,
    startupMs: summarize(startupMs),
    rssBeforeMiB: memory.rssBeforeMiB,
    rssAtEndMiB: memory.atEndMiB,
    changeMs: byDocument(samples.change),
    completionMs: byDocument(samples.completion),
    hoverMs: byDocument(samples.hover),
    rssMiB: memory.after.rssMiB,
    privateMiB: memory.after.privateMiB,
    idleRssMiB: memory.idleRssMiB,
    diagnostics: subject.diagnosticCounts,
  };
}

async function main(): Promise<void> {
  const began = performance.now();
  const documents = benchDocuments();
  checkCoreVerdicts(documents);

  console.error(`start-up: ${startupSpawns} spawns of each server`);
  const startup = await measureStartup();

  console.error('starting the three servers and checking that yaml-language-server validates against our schema');
  const ours = await prepareSubject(ourServer, documents);
  const floor = await prepareSubject(floorServer, documents);
  const yaml = await prepareSubject(yamlLanguageServer, documents);
  const echo = startPipeEcho();
  const rssBefore = { ours: rssMiB(ours.session.process.pid), floor: rssMiB(floor.session.process.pid), yaml: rssMiB(yaml.session.process.pid) };
  const stopCpuMeter = startCpuMeter([ours.session.process.pid, floor.session.process.pid, yaml.session.process.pid].filter((pid): pid is number => pid !== undefined));
  const coreSamples = new Map<string, number[]>();
  const floorSamples = new Map<string, number[]>();
  const shippedFloorSamples = new Map<string, number[]>();
  const ourSamples: ServerSamples = { change: new Map(), completion: new Map(), hover: new Map() };
  const floorServerSamples: ServerSamples = { change: new Map(), completion: new Map(), hover: new Map() };
  const yamlSamples: ServerSamples = { change: new Map(), completion: new Map(), hover: new Map() };
  const echoSamples: number[] = [];

  for (let round = -warmUpRounds; round < rounds; round++) {
    const counted = round >= 0;
    const subjects: Array<(document: BenchDocument) => Promise<void>> = [
      async (document) => {
        // The three in-process subjects rotate too, so none always runs right after the servers' slices.
        const inProcess: Array<[Map<string, number[]>, () => number[]]> = [
          [coreSamples, () => timeLint(document, lintsPerRound)],
          [floorSamples, () => timeFloor(document, lintsPerRound, 'node')],
          [shippedFloorSamples, () => timeFloor(document, lintsPerRound, 'shipped')],
        ];
        const first = ((round % inProcess.length) + inProcess.length) % inProcess.length;
        for (const [samples, time] of [...inProcess.slice(first), ...inProcess.slice(0, first)]) {
          const taken = time();
          if (counted) push(samples, document.name, ...taken);
        }
      },
      (document) => serverSlice(ours, ourSlice, document, counted ? ourSamples : undefined),
      // The floor gets exactly our slice: the same changes, completions and hovers on the same documents.
      (document) => serverSlice(floor, ourSlice, document, counted ? floorServerSamples : undefined),
      (document) => serverSlice(yaml, yamlSlice, document, counted ? yamlSamples : undefined),
      async () => {
        for (let i = 0; i < echoesPerSlice; i++) {
          const ms = await echo.ping();
          if (counted) echoSamples.push(ms);
        }
      },
    ];
    // Rotating who goes first spreads drift on the machine over all subjects.
    const shift = ((round % subjects.length) + subjects.length) % subjects.length;
    const order = [...subjects.slice(shift), ...subjects.slice(0, shift)];
    for (const document of documents) {
      for (const run of order) {
        await run(document);
        await new Promise((resolve) => setTimeout(resolve, settleMs));
      }
    }
    if (counted && (round + 1) % 10 === 0) console.error(`round ${round + 1}/${rounds}`);
  }

  const otherCpuShare = stopCpuMeter();
  // Memory is read while the servers still run, all at one moment: at the end of the timing, after 3 s without a
  // request (what a server holds between bursts of typing; ours collects after 2 s of quiet), and after 10 s.
  const pids = { ours: ours.session.process.pid, floor: floor.session.process.pid, yaml: yaml.session.process.pid };
  const atEnd = { ours: rssMiB(pids.ours), floor: rssMiB(pids.floor), yaml: rssMiB(pids.yaml) };
  await new Promise((resolve) => setTimeout(resolve, 3_000));
  const after = { ours: memoryOf(pids.ours), floor: memoryOf(pids.floor), yaml: memoryOf(pids.yaml) };
  const bareNode = memoryOf(echo.pid);
  console.error('7 s more without requests, for the idle memory figures');
  await new Promise((resolve) => setTimeout(resolve, 7_000));
  const memory = (name: keyof typeof pids, before: number) => ({ rssBeforeMiB: before, atEndMiB: atEnd[name], after: after[name], idleRssMiB: rssMiB(pids[name]) });
  const ourFigures = summarizeServer(ours, ourSamples, startup.ours, memory('ours', rssBefore.ours), documents);
  const floorFigures = summarizeServer(floor, floorServerSamples, startup.floor, memory('floor', rssBefore.floor), documents);
  const yamlFigures = summarizeServer(yaml, yamlSamples, startup.yaml, memory('yaml', rssBefore.yaml), documents);
  console.error('real typing: every typing script on our server and the floor, back to back and at a person\'s pace');
  const realTyping = await measureRealTyping(ours, floor);
  await Promise.all([ours.session.close(), floor.session.close(), yaml.session.close(), echo.close()]);
  console.error('snapshot → diagnostics on our server (pushed: the client of this measure does not pull)');
  const pushed = await spawnServer({ ...ourServer, pull: false });
  const snapshotSamples = await timeSnapshots(pushed, 300);
  await pushed.close();
  console.error('extension activation: 20 fresh processes');
  const activation = measureActivation(20);
  console.error('a workspace of 1,000 Tinyforge files over LSP');
  const workspaceScale = await measureWorkspaceScale(1_000);
  console.error('the Tinyforge view on 2,000 workloads: in its own process (heap, 30 idle minutes), then in code-server');
  const fleet = await measureFleet(30);
  console.error('open → drift drawn and Sync → "now in sync" in code-server, the API 200 ms late: 10 runs');
  const liveLatency = await measureLiveLatency();
  console.error('a working day of the extension on a virtual clock, against a dev server that fails now and then');
  const day = await measureWorkingDay();
  console.error('50,000 edits to one file on our server');
  const longEditing = await measureLongEditing();
  console.error('tinyforge-lint on a tree of 2,000 files');
  const lintTree = measureLintTree();
  console.error('a workspace of Kubernetes YAML and no Tinyforge file, in code-server: 5 fresh starts');
  const notTinyforge = await measureNotTinyforge();
  console.error('typing 200 characters in code-server, counting API requests');
  const typing = await countRequestsWhileTyping(200);
  const results: BenchResults = {
    machine: describeMachine(otherCpuShare),
    documents: documents.map(({ name, label }) => ({ name, label })),
    coreUs: new Map(documents.map((document) => [document.name, summarize(coreSamples.get(document.name) ?? [])])),
    floorUs: new Map(documents.map((document) => [document.name, summarize(floorSamples.get(document.name) ?? [])])),
    shippedFloorUs: new Map(documents.map((document) => [document.name, summarize(shippedFloorSamples.get(document.name) ?? [])])),
    ours: ourFigures,
    floor: floorFigures,
    yaml: yamlFigures,
    bareNodeMs: summarize(startup.bareNode),
    uncachedStartupMs: summarize(startup.oursUncached),
    firstStartupMs: startup.ours[0],
    pipeEchoMs: summarize(echoSamples),
    bareNodeMemory: bareNode,
    snapshotMs: summarize(snapshotSamples),
    workspaceScale,
    fleet,
    realTyping,
    notTinyforge,
    liveLatency,
    day,
    longEditing,
    lintTree,
    activationMs: summarize(activation.map((sample) => sample.requireMs + sample.activateMs)),
    activateOnlyMs: summarize(activation.map((sample) => sample.activateMs)),
    bodyActivationMs: summarize(activation.map((sample) => sample.bodyMs)),
    typing,
    yamlVersion: yamlLanguageServerVersion(),
    serverBundles: serverBundles.map((name) => ({ name, bytes: statSync(join(repoRoot, 'dist', name)).size })),
    durationS: (performance.now() - began) / 1000,
  };

  const report = renderReport(results);
  mkdirSync(join(repoRoot, 'docs'), { recursive: true });
  writeFileSync(join(repoRoot, 'docs/benchmarks.md'), report);
  console.log(report);
  for (const budget of budgetsOf(results).filter((b) => !b.pass)) console.log(`MISSED: ${budget.what}: ${budget.measured}, limit ${budget.limit}`);
  console.log('wrote docs/benchmarks.md');
}

main().catch((error: unknown) => {
  console.error(`bench could not run: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
