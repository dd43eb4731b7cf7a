import type { Machine } from './machine';
import type { Summary } from './stats';

/** What one language server measured; every map is keyed by document name. */
export interface ServerFigures {
  name: string;
  startupMs: Summary;
  /** RSS with the documents open, before the timed rounds. */
  rssBeforeMiB: number;
  changeMs: Map<string, Summary>;
  completionMs: Map<string, Summary>;
  hoverMs: Map<string, Summary>;
  rssMiB: number;
  /** RSS after 10 s with no request, when V8's memory reducer has run: what an idle editor's server holds. */
  idleRssMiB: number;
  /** Private memory (USS) after the run: what the server costs beyond pages shared with other processes. */
  privateMiB: number;
  /** Diagnostics in the last publish per document. */
  diagnostics: Map<string, number>;
}

/** Everything one run measured. */
export interface BenchResults {
  machine: Machine;
  documents: Array<{ name: string; label: string }>;
  /** Core `lintText` in process, microseconds, by document name. */
  coreUs: Map<string, Summary>;
  /** `yaml` parse + compiled ajv alone, in the same run: the floor the core budget was set against. */
  floorUs: Map<string, Summary>;
  /** The same floor with the `yaml` build the core ships (its ES module build, bundled into dist/core.js). */
  shippedFloorUs: Map<string, Summary>;
  ours: ServerFigures;
  yaml: ServerFigures;
  /** A bare `node -e 0`, spawn → exit: the floor under any start-up on this machine. */
  bareNodeMs: Summary;
  /** Our server started with no code-cache directory: every start compiles its bundles from source. */
  uncachedStartupMs: Summary;
  /** Our first start with the cache directory empty, as right after an install or update, ms. */
  firstStartupMs: number;
  /** A 1-byte stdio round trip to an echoing Node child: the transport floor under every LSP figure. */
  pipeEchoMs: Summary;
  /** Hover and completion on a vscode-languageserver server that does no work (`bench/libraryFloorServer.cjs`): the library floor, ms. */
  libraryHoverMs: Summary;
  libraryCompletionMs: Summary;
  /** Memory after the run of the echo child (a bare Node) and of the library floor server, MiB: floors under our server's. */
  floorMemory: Record<'bareNode' | 'library', { rssMiB: number; privateMiB: number }>;
  /** `tinyforge/snapshot` → updated diagnostics on our server, ms. */
  snapshotMs: Summary;
  /** The extension's own activation: loading dist/client.js plus activate(), ms, in fresh processes. */
  activationMs: Summary;
  /** activate() alone, ms. */
  activateOnlyMs: Summary;
  /** API requests sent while a user typed in a linked file in code-server. */
  typing: { characters: number; requests: number };
  yamlVersion: string;
  /** The bundles the server loads (entry, body, core), bytes each. */
  serverBundles: Array<{ name: string; bytes: number }>;
  durationS: number;
}

/** One budget from the issue and whether this run met it. */
export interface Budget {
  what: string;
  limit: string;
  measured: string;
  pass: boolean;
}

/** Three significant digits, whole numbers from 100 up. */
function num(value: number): string {
  return value >= 100 ? value.toFixed(0) : value.toPrecision(3);
}

function get(map: Map<string, Summary>, name: string): Summary {
  const summary = map.get(name);
  if (!summary) throw new Error(`no figures for document "${name}"`);
  return summary;
}

/** The issue's budgets, checked against a run. */
export function budgetsOf(results: BenchResults): Budget[] {
  const { ours, yaml } = results;
  const change = get(ours.changeMs, 'typical');
  const yamlChange = get(yaml.changeMs, 'typical');
  const ratio50 = yamlChange.p50 / change.p50;
  const ratio99 = yamlChange.p99 / change.p99;
  const worst = (map: Map<string, Summary>): [string, Summary] => [...map].reduce((a, b) => (b[1].p99 > a[1].p99 ? b : a));
  const [worstCompletionDoc, worstCompletion] = worst(ours.completionMs);
  const [worstHoverDoc, worstHover] = worst(ours.hoverMs);
  const coreTypical = get(results.coreUs, 'typical');
  const coreLarge = get(results.coreUs, 'large');
  const serverKB = results.serverBundles.reduce((sum, bundle) => sum + bundle.bytes, 0) / 1000;
  return [
    { what: 'change→diagnostics over LSP, typical file, p99', limit: '≤ 2 ms', measured: `${num(change.p99)} ms`, pass: change.p99 <= 2 },
    {
      what: 'change→diagnostics, typical file, vs yaml-language-server',
      limit: '≥ 50× faster (p50 and p99)',
      measured: `${num(ratio50)}× at p50, ${num(ratio99)}× at p99`,
      pass: ratio50 >= 50 && ratio99 >= 50,
    },
    { what: 'completion over LSP, typical file, p99', limit: '≤ 1 ms', measured: `${num(get(ours.completionMs, 'typical').p99)} ms`, pass: get(ours.completionMs, 'typical').p99 <= 1 },
    { what: 'completion over LSP, every document, p99', limit: '≤ 1 ms', measured: `${num(worstCompletion.p99)} ms (${worstCompletionDoc})`, pass: worstCompletion.p99 <= 1 },
    { what: 'hover over LSP, typical file, p99', limit: '≤ 1 ms', measured: `${num(get(ours.hoverMs, 'typical').p99)} ms`, pass: get(ours.hoverMs, 'typical').p99 <= 1 },
    { what: 'hover over LSP, every document, p99', limit: '≤ 1 ms', measured: `${num(worstHover.p99)} ms (${worstHoverDoc})`, pass: worstHover.p99 <= 1 },
    { what: 'core in process, typical file, p50', limit: '≤ 60 µs', measured: `${num(coreTypical.p50)} µs (floors ${num(get(results.floorUs, 'typical').p50)} µs, ${num(get(results.shippedFloorUs, 'typical').p50)} µs with the shipped yaml build)`, pass: coreTypical.p50 <= 60 },
    { what: 'core in process, 60 KiB file, p50', limit: '≤ 3 ms', measured: `${num(coreLarge.p50 / 1000)} ms (p99 ${num(coreLarge.p99 / 1000)} ms; floor ${num(get(results.floorUs, 'large').p50 / 1000)} ms)`, pass: coreLarge.p50 <= 3000 },
    { what: 'spawn → initialize answered, p50', limit: '≤ 100 ms', measured: `${num(ours.startupMs.p50)} ms (max ${num(ours.startupMs.max)} ms; first start, empty code cache: ${num(results.firstStartupMs)} ms; no code cache: p50 ${num(results.uncachedStartupMs.p50)} ms)`, pass: ours.startupMs.p50 <= 100 },
    { what: 'our server RSS after the run', limit: '≤ 50 MiB', measured: `${num(ours.rssMiB)} MiB (after 10 s idle: ${num(ours.idleRssMiB)} MiB)`, pass: ours.rssMiB <= 50 },
    { what: 'extension activation (load dist/client.js + activate()), p50', limit: '≤ 50 ms', measured: `${num(results.activationMs.p50)} ms (p99 ${num(results.activationMs.p99)} ms; activate() alone ${num(results.activateOnlyMs.p50)} ms)`, pass: results.activationMs.p50 <= 50 },
    { what: 'new snapshot → updated diagnostics, p99', limit: '≤ 20 ms', measured: `${num(results.snapshotMs.p99)} ms (p50 ${num(results.snapshotMs.p50)} ms)`, pass: results.snapshotMs.p99 <= 20 },
    { what: `requests sent while typing ${results.typing.characters} characters in code-server`, limit: '0', measured: String(results.typing.requests), pass: results.typing.requests === 0 },
    { what: 'server bundles (`dist/server.js`, `serverMain.js`, `core.js`) size', limit: '≤ 600 KB', measured: `${num(serverKB)} KB`, pass: serverKB <= 600 },
  ];
}

function latencyTable(title: string, results: BenchResults, pick: (server: ServerFigures) => Map<string, Summary>, ratio: boolean): string[] {
  const header = `| Document | ours: n | ours p50 | ours p99 | yaml-ls: n | yaml-ls p50 | yaml-ls p99 |${ratio ? ' yaml-ls / ours (p50) |' : ''}`;
  const rows = results.documents.map(({ name, label }) => {
    const ours = get(pick(results.ours), name);
    const yaml = get(pick(results.yaml), name);
    const cells = [label, ours.count, num(ours.p50), num(ours.p99), yaml.count, num(yaml.p50), num(yaml.p99)];
    if (ratio) cells.push(`${num(yaml.p50 / ours.p50)}×`);
    return `| ${cells.join(' | ')} |`;
  });
  return [`### ${title}`, '', header, `|---|---:|---:|---:|---:|---:|---:|${ratio ? '---:|' : ''}`, ...rows, ''];
}

/** The benchmark report as markdown: machine, figures per subject and document, budgets, method. */
export function renderReport(results: BenchResults): string {
  const { machine, ours, yaml } = results;
  const budgets = budgetsOf(results);
  const missed = budgets.filter((budget) => !budget.pass).length;
  return [
    '# Benchmarks',
    '',
    'Written by `npm run bench` (code in `bench/`); rerun it to refresh every figure below.',
    '',
    `- Date: ${machine.date}`,
    `- Machine: ${machine.nproc} CPUs (\`nproc\`), ${machine.cpuModel}, ${num(machine.memoryGiB)} GiB RAM, ${machine.platform}`,
    `- Node: ${machine.node} (\`node --version\`)`,
    `- yaml-language-server: ${results.yamlVersion}, with \`schemas/tinyforge.v1.schema.json\` mapped onto \`.tinyforge.yml\``,
    `- Other load: ${(machine.otherCpuShare * 100).toFixed(1)}% of all CPU time during the timed rounds went to other processes or the hypervisor (steal)`,
    `- Whole run: ${num(results.durationS)} s`,
    '',
    '## Budgets',
    '',
    missed ? `**${missed} budget(s) MISSED.**` : 'Every budget met.',
    '',
    '| Budget | Limit | Measured | Result |',
    '|---|---|---|---|',
    ...budgets.map((budget) => `| ${budget.what} | ${budget.limit} | ${budget.measured} | ${budget.pass ? 'pass' : '**MISSED**'} |`),
    '',
    `For scale, on this machine in the same run: a bare 1-byte stdio round trip to a Node child that echoes it takes ${num(results.pipeEchoMs.p50)} ms p50 and ` +
      `${num(results.pipeEchoMs.p99)} ms p99 (n = ${results.pipeEchoMs.count}); a vscode-languageserver server that does no work (\`bench/libraryFloorServer.cjs\`) answers hover in ` +
      `${num(results.libraryHoverMs.p50)} ms p50 and ${num(results.libraryHoverMs.p99)} ms p99 (n = ${results.libraryHoverMs.count}) and completion in ` +
      `${num(results.libraryCompletionMs.p50)} ms p50 and ${num(results.libraryCompletionMs.p99)} ms p99 (n = ${results.libraryCompletionMs.count}); ` +
      `and a bare \`node -e 0\` takes ${num(results.bareNodeMs.p50)} ms p50 from spawn to exit. These are floors under the LSP and start-up figures.`,
    '',
    '## Figures',
    '',
    '### Core in process (`lintText`: parse + validate), µs, against the floor (`yaml` parse + compiled ajv, same run)',
    '',
    'Two floors: `yaml` as `import \'yaml\'` loads it in Node (its Node build, which reads `process.env` on every token), and the ES module build the core bundles.',
    '',
    '| Document | n | core p50 | core p99 | floor p50 | floor p99 | shipped-build floor p50 | shipped-build floor p99 | core / shipped-build floor (p50) |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...results.documents.map(({ name, label }) => {
      const core = get(results.coreUs, name);
      const floor = get(results.floorUs, name);
      const shipped = get(results.shippedFloorUs, name);
      return `| ${label} | ${core.count} | ${num(core.p50)} | ${num(core.p99)} | ${num(floor.p50)} | ${num(floor.p99)} | ${num(shipped.p50)} | ${num(shipped.p99)} | ${(core.p50 / shipped.p50).toFixed(2)}× |`;
    }),
    '',
    ...latencyTable('didChange → publishDiagnostics over stdio, ms', results, (server) => server.changeMs, true),
    ...latencyTable('Completion over stdio (empty line in `deploy:` and value of `deploy_strategy:`), ms', results, (server) => server.completionMs, false),
    ...latencyTable('Hover over stdio (on `port`; on `healthcheck` in the invalid file), ms', results, (server) => server.hoverMs, false),
    '### Processes',
    '',
    '| Server | spawn → initialize p50 | max (n) | RSS, documents open | RSS after the run | private (USS) after the run | RSS after 10 s idle | diagnostics on the invalid file |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
    ...[ours, yaml].map(
      (server) =>
        `| ${server.name} | ${num(server.startupMs.p50)} ms | ${num(server.startupMs.max)} ms (${server.startupMs.count}) | ${num(server.rssBeforeMiB)} MiB | ${num(server.rssMiB)} MiB | ${num(server.privateMiB)} MiB | ${num(server.idleRssMiB)} MiB | ${server.diagnostics.get('invalid') ?? '?'} |`,
    ),
    '',
    `Floors under the memory figures, read at the same moment: a bare Node process (the echo child) holds ${num(results.floorMemory.bareNode.rssMiB)} MiB RSS ` +
      `(${num(results.floorMemory.bareNode.privateMiB)} MiB private), and the vscode-languageserver server that does no work, with one document open, ` +
      `${num(results.floorMemory.library.rssMiB)} MiB (${num(results.floorMemory.library.privateMiB)} MiB private).`,
    '',
    `Server bundles, minified, source maps separate: ${results.serverBundles.map((bundle) => `\`dist/${bundle.name}\` ${bundle.bytes.toLocaleString('en')} bytes`).join(', ')}.`,
    '',
    '## Method',
    '',
    'Four generated documents (`bench/documents.ts`): the typical 8-line file, a 200-line file that is mostly comments, a file just under 60 KiB ' +
      '(the same fields between comment lines, below the 65,536-byte limit) and a file with five problems. ' +
      'The three subjects run interleaved in one process: in each round every document gets a slice of core `lintText` calls, a slice of ' +
      'our server and a slice of yaml-language-server, in an order that rotates each round, so machine noise hits all three alike, with 50 ms of quiet after each slice so that work one subject leaves running (yaml-language-server\'s debounced validation, a concurrent GC) is not timed as the next one\'s; warm-up rounds come first and are not counted. ' +
      'Both servers are spawned over stdio by `test/support/lspClient.ts` with the same client capabilities (push diagnostics), in the environment the extension gives its server (`client/src/serverLaunch.ts`: without `NODE_EXTRA_CA_CERTS`, which this machine sets and which costs Node ~70 ms at start). ' +
      'A change is a full-text `didChange` with the next version, alternating the document with a twin whose port differs, timed until the first ' +
      '`publishDiagnostics` for it (ours carries the version; yaml-language-server\'s does not and includes its 200 ms validation debounce, which is part of what an editor waits for). ' +
      'Completion and hover are timed request → answer on an open copy of each document with an empty indented line under `deploy:`; empty answers abort the run. ' +
      'Before timing, yaml-language-server must report the unknown key `prot` in the invalid file, which proves it validates against our schema. ' +
      'The transport floor is a 1-byte echo through a Node child\'s stdin and stdout; the library floor is a server on the same vscode-languageserver that answers hover and completion with fixed results of about our size; both are interleaved like the rest. ' +
      'Percentiles are nearest-rank, so with yaml-language-server\'s 50 changes per document its p99 is its slowest change. Start-up is spawn → `initialize` answered, over fresh processes of each server in turn; ours gets a code-cache directory as the extension gives it one (in its global storage), emptied before the first spawn, and is also started without one. ' +
      'RSS is `VmRSS` from `/proc/<pid>/status`, read with the documents open, again right after all the timing, and once more after 10 s without requests; private memory (USS) is `Private_Clean` + `Private_Dirty` from `/proc/<pid>/smaps_rollup`, RSS without the pages shared with other processes (Node\'s binary among them). ' +
      'Snapshot → diagnostics sends `tinyforge/snapshot` to our server for an open file, alternating a snapshot with drift and one without, timed to the changed `publishDiagnostics`. ' +
      'Activation loads the shipped `dist/client.js` in a fresh Node process with a stand-in `vscode` module (`bench/vscodeStandIn.cjs`) and times `require` plus `activate()`: the extension\'s own cost, not VS Code\'s. ' +
      'Typing counts the dev server\'s request log while Playwright types into a linked, drifting `.tinyforge.yml` in code-server (a comment, then a value that removes one drift), up to the diagnostics of the last keystroke.',
    '',
  ].join('\n');
}
