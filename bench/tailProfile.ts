// The slowest 1 % of requests, taken apart: for ours and the do-nothing floor, run as `npm run bench` runs them, each
// tail request's time split into the pipe in, the server (and the GC pauses in it), the pipe out, with the server
// process's CPU time meanwhile. Written into docs/keystroke-profile.md by `npm run bench:profile`.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../test/support/lspClient';
import { benchDocuments, type BenchDocument } from './documents';
import { floorServer, ourServer, prepareSubject, timeChange, timeRequest, type LspSubject, type ServerSpec } from './lspSubject';
import { ourSlice, rounds, settleMs, warmUpRounds } from './plan';
import { summarize } from './stats';

/** What `bench/requestTrace.cjs` records in a server: [wall ms, process CPU ms] per stdin chunk and stdout write, [start, duration] per GC. */
interface RequestTrace {
  gcs: Array<[number, number]>;
  reads: Array<[number, number]>;
  writes: Array<[number, number]>;
}

/** One timed request, wall clock (ms since the epoch, sub-millisecond). */
interface Timed {
  start: number;
  end: number;
  kind: 'change' | 'completion' | 'hover';
  document: string;
  /** Whether it was the first request of ours' slice, right after the quiet between slices. */
  firstOfSlice: boolean;
}

/** A tail request's time, ms, by where it went. */
interface TailParts {
  pipeIn: number;
  server: number;
  gcPause: number;
  pipeOut: number;
  serverCpu: number;
}

const wallNow = (): number => performance.timeOrigin + performance.now();

async function startTraced(spec: ServerSpec, traceFile: string, documents: readonly BenchDocument[]): Promise<LspSubject> {
  const args = [...spec.args];
  // The preload goes before the script: Node's options, then the server's own.
  args.splice(args.length - 2, 0, '--require', join(repoRoot, 'bench/requestTrace.cjs'));
  process.env.TINYFORGE_REQUEST_TRACE = traceFile;
  try {
    return await prepareSubject({ ...spec, args }, documents);
  } finally {
    delete process.env.TINYFORGE_REQUEST_TRACE;
  }
}

/** Ours' slice of a bench round, every request's wall-clock window kept. */
async function slice(subject: LspSubject, document: BenchDocument, kept: Timed[] | undefined): Promise<void> {
  let first = true;
  const keep = (kind: Timed['kind'], start: number): void => {
    kept?.push({ start, end: wallNow(), kind, document: document.name, firstOfSlice: first });
    first = false;
  };
  for (let i = 0; i < ourSlice.changes; i++) {
    const start = wallNow();
    await timeChange(subject, document);
    keep('change', start);
  }
  for (let i = 0; i < ourSlice.completions; i++) {
    for (const position of [document.completeKeyAt, document.completeValueAt]) {
      const start = wallNow();
      await timeRequest(subject, 'textDocument/completion', document, position);
      keep('completion', start);
    }
  }
  for (let i = 0; i < ourSlice.hovers; i++) {
    const start = wallNow();
    await timeRequest(subject, 'textDocument/hover', document, document.hoverAt);
    keep('hover', start);
  }
}

function partsOf(request: Timed, trace: RequestTrace): TailParts {
  // Requests are strictly one after another: the first chunk after the send is this request's, the last write before the answer its answer.
  const read = trace.reads.find(([wall]) => wall >= request.start) ?? [request.start, 0];
  const writes = trace.writes.filter(([wall]) => wall >= read[0] && wall <= request.end);
  const written = writes.length ? writes[writes.length - 1] : [request.end, read[1]];
  const gcPause = trace.gcs.reduce((sum, [start, duration]) => sum + Math.max(0, Math.min(start + duration, written[0]) - Math.max(start, read[0])), 0);
  return { pipeIn: read[0] - request.start, server: written[0] - read[0], gcPause, pipeOut: request.end - written[0], serverCpu: written[1] - read[1] };
}

const mean = (values: number[]): number => values.reduce((sum, value) => sum + value, 0) / values.length;

/** Runs ours and the floor interleaved as the bench does, and returns the markdown section on their slowest 1 %. */
export async function profileTails(): Promise<string[]> {
  const documents = benchDocuments();
  const dir = mkdtempSync(join(tmpdir(), 'tinyforge-tails-'));
  try {
    const servers = [
      { name: 'ours', subject: await startTraced(ourServer, join(dir, 'ours.json'), documents), kept: [] as Timed[] },
      { name: 'floor', subject: await startTraced(floorServer, join(dir, 'floor.json'), documents), kept: [] as Timed[] },
    ];
    for (let round = -warmUpRounds; round < rounds; round++) {
      for (const document of documents) {
        const order = round % 2 === 0 ? servers : [...servers].reverse();
        for (const server of order) {
          await slice(server.subject, document, round >= 0 ? server.kept : undefined);
          await new Promise((resolve) => setTimeout(resolve, settleMs));
        }
      }
    }
    for (const server of servers) await server.subject.session.close();
    const lines = [
      '## The slowest 1 %: where a tail request\'s time goes',
      '',
      `Ours and the floor, interleaved as \`npm run bench\` runs them (${rounds} rounds of every document, ours' slice each: ${ourSlice.changes} changes, ${ourSlice.completions * 2} completions, ${ourSlice.hovers} hovers, then ${settleMs} ms of quiet), each with \`bench/requestTrace.cjs\` preloaded, which notes the wall-clock and CPU time of every stdin chunk and stdout write and every GC pause. A request at or above its p99 is a tail request; its time is split into the pipe in (the client's send → the chunk reaches the server's JavaScript), the server (→ its answer's write; the GC pauses inside it beside it), and the pipe out (→ the client has the answer). Server CPU is the whole process's (every thread's) CPU time over the server part: more than the server part's wall time means helper threads (V8's GC and compiler) were busy too; much less means the process waited for a core. The last column counts the tail requests that opened ours' slice, sent right after the quiet.`,
      '',
      '| Requests | server | n | p50 | p99 | tail n | tail mean | pipe in | server | of which GC pauses | pipe out | server process CPU | tail requests with a GC pause | tail requests first after the quiet |',
      '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ];
    const traces = new Map(servers.map((server) => [server.name, JSON.parse(readFileSync(join(dir, `${server.name}.json`), 'utf8')) as RequestTrace]));
    const cases: Array<[Timed['kind'], string]> = [['change', 'typical'], ['completion', 'typical'], ['hover', 'typical'], ['change', 'large']];
    for (const [kind, documentName] of cases) {
      const label = `${kind === 'change' ? 'keystroke → diagnostics' : kind}, ${documents.find((document) => document.name === documentName)!.label}`;
      for (const server of servers) {
        const requests = server.kept.filter((request) => request.kind === kind && request.document === documentName);
        const summary = summarize(requests.map((request) => request.end - request.start));
        const tailRequests = requests.filter((request) => request.end - request.start >= summary.p99);
        const tail = tailRequests.map((request) => partsOf(request, traces.get(server.name)!));
        const average = (pick: (parts: TailParts) => number): string => mean(tail.map(pick)).toFixed(2);
        lines.push(
          `| ${label} | ${server.name} | ${summary.count} | ${summary.p50.toFixed(3)} | ${summary.p99.toFixed(2)} | ${tail.length} | ${average((parts) => parts.pipeIn + parts.server + parts.pipeOut)} | ${average((parts) => parts.pipeIn)} | ${average((parts) => parts.server)} | ${average((parts) => parts.gcPause)} | ${average((parts) => parts.pipeOut)} | ${average((parts) => parts.serverCpu)} | ${tail.filter((parts) => parts.gcPause > 0.05).length} of ${tail.length} | ${tailRequests.filter((request) => request.firstOfSlice).length} of ${tail.length} |`,
        );
      }
    }
    lines.push('', 'Times in ms; the tail columns are means over the tail requests.', '');
    for (const server of servers) {
      const trace = traces.get(server.name)!;
      lines.push(`- ${server.name}: ${trace.gcs.length} GC pauses in the whole run, ${trace.gcs.reduce((sum, [, duration]) => sum + duration, 0).toFixed(0)} ms in all.`);
    }
    lines.push('');
    return lines;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
