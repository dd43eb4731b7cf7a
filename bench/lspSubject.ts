import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { changeDocument, openDocument, repoRoot, startLspSession, type LspSession } from '../test/support/lspClient';
import { serverEnvironment, serverExecArgv } from '../client/src/serverLaunch';
import type { BenchDocument, BenchPosition } from './documents';

/** How to spawn and configure one language server. */
export interface ServerSpec {
  name: string;
  args: string[];
  /** Answers `workspace/configuration` (yaml-language-server asks; ours does not). */
  configuration?: (section: string | undefined) => unknown;
  /** Settings sent in `workspace/didChangeConfiguration` right after start. */
  settings?: Record<string, unknown>;
  /** Longest wait for one publish; yaml-language-server debounces validation by 200 ms. */
  diagnosticsTimeoutMs: number;
  /** Where the server keeps V8's compiled code between starts, as the extension gives ours (its global storage). */
  codeCacheDir?: string;
  /** Diagnostics are pulled (`textDocument/diagnostic` after each change, as VS Code does with ours), not pushed. */
  pull: boolean;
  /** Whether to check, before timing, that it reports the unknown key of the invalid document (the floor reports nothing). */
  validates: boolean;
}

/** The client capabilities of `test/support/lspClient.ts`, with pull diagnostics for the servers that have them. */
function capabilitiesFor(spec: ServerSpec): Record<string, unknown> {
  return {
    textDocument: {
      publishDiagnostics: { relatedInformation: true, versionSupport: true },
      ...(spec.pull ? { diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false } } : {}),
      completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] } },
      hover: { contentFormat: ['markdown', 'plaintext'] },
      documentSymbol: { hierarchicalDocumentSymbolSupport: true },
      codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source.fixAll'] } } },
    },
    workspace: { configuration: true, diagnostics: { refreshSupport: true } },
  };
}

/** Our bundled server, as the extension starts it: its V8 flags, its code cache, diagnostics pulled. */
export const ourServer: ServerSpec = {
  name: 'our server',
  args: [...serverExecArgv, join(repoRoot, 'dist/server.js'), '--stdio'],
  diagnosticsTimeoutMs: 5_000,
  codeCacheDir: join(tmpdir(), 'tinyforge-bench', 'code-cache'),
  pull: true,
  validates: true,
};

/** The floor: a vscode-languageserver server that does no work (`bench/libraryFloorServer.cjs`), diagnostics pulled too. */
export const floorServer: ServerSpec = {
  name: 'do-nothing server',
  args: [join(repoRoot, 'bench/libraryFloorServer.cjs'), '--stdio'],
  diagnosticsTimeoutMs: 5_000,
  pull: true,
  validates: false,
};

const yamlSettings = {
  schemas: { [pathToFileURL(join(repoRoot, 'schemas/tinyforge.v1.schema.json')).href]: ['.tinyforge.yml', '.tinyforge.yaml'] },
  validate: true,
  hover: true,
  completion: true,
  // Both stores fetch catalogs over the network, which this machine has not; they are not part of the comparison.
  schemaStore: { enable: false },
  kubernetesCRDStore: { enable: false },
};

/** yaml-language-server with our schema mapped onto `.tinyforge.y(a)ml`, as Red Hat's YAML extension would run it. */
export const yamlLanguageServer: ServerSpec = {
  name: 'yaml-language-server',
  args: [join(repoRoot, 'node_modules/yaml-language-server/bin/yaml-language-server'), '--stdio'],
  configuration: (section) => (section === 'yaml' ? yamlSettings : null),
  settings: { yaml: yamlSettings },
  diagnosticsTimeoutMs: 15_000,
  pull: false,
  validates: true,
};

/** The version of yaml-language-server installed, for the report. */
export function yamlLanguageServerVersion(): string {
  return (JSON.parse(readFileSync(join(repoRoot, 'node_modules/yaml-language-server/package.json'), 'utf8')) as { version: string }).version;
}

/** A started, configured server with the bench documents open. */
export interface LspSubject {
  spec: ServerSpec;
  session: LspSession;
  /** The last version sent per URI. */
  versions: Map<string, number>;
  /** How many diagnostics the last publish held, per document name. */
  diagnosticCounts: Map<string, number>;
}

/** The URI a document is edited under (diagnostics) or typed in (completion, hover); our server only serves `.tinyforge.yml` basenames. */
export function uriOf(document: BenchDocument, role: 'edit' | 'typing'): string {
  return `file:///tmp/bench/${document.name}${role === 'typing' ? '-typing' : ''}/.tinyforge.yml`;
}

/** Spawns a server and waits for its `initialize` answer; `startupMs` on the result is spawn → answer. */
export function spawnServer(spec: ServerSpec): Promise<LspSession> {
  // Every server gets the environment the extension gives ours, so none pays for the machine's CA bundle.
  return startLspSession({ args: spec.args, configuration: spec.configuration, env: serverEnvironment(process.env, spec.codeCacheDir), initialize: { capabilities: capabilitiesFor(spec) } });
}

async function until(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A diagnostic's message as text (LSP 3.18 allows markup). */
function messageOf(diagnostic: Diagnostic): string {
  return typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value;
}

/** Pulls a document's diagnostics, as VS Code does after each change. */
async function pull(subject: LspSubject, uri: string): Promise<Diagnostic[]> {
  const report = (await subject.session.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } })) as { items?: Diagnostic[] };
  return report.items ?? [];
}

/** Opens a document and resolves with its first diagnostics (published, or pulled). */
async function openAndWait(subject: LspSubject, uri: string, text: string): Promise<Diagnostic[]> {
  subject.versions.set(uri, 1);
  if (subject.spec.pull) {
    openDocument(subject.session, uri, text);
    return pull(subject, uri);
  }
  const published = subject.session.nextDiagnostics(uri, { version: 1, timeoutMs: subject.spec.diagnosticsTimeoutMs });
  openDocument(subject.session, uri, text);
  return (await published).diagnostics;
}

/**
 * Starts a server for timing: configures it, proves on a probe document that it validates against our schema
 * (the unknown key `prot` must be reported, else this throws), then opens every bench document.
 */
export async function prepareSubject(spec: ServerSpec, documents: readonly BenchDocument[]): Promise<LspSubject> {
  let settingsPulls = 0;
  const session = await startLspSession({
    args: spec.args,
    env: serverEnvironment(process.env, spec.codeCacheDir),
    initialize: { capabilities: capabilitiesFor(spec) },
    configuration:
      spec.configuration &&
      ((section) => {
        if (section === 'yaml') settingsPulls++;
        return spec.configuration?.(section);
      }),
  });
  const subject: LspSubject = { spec, session, versions: new Map(), diagnosticCounts: new Map() };
  if (spec.settings) {
    session.connection.sendNotification('workspace/didChangeConfiguration', { settings: spec.settings });
    // One pull after `initialized`, one after the notification; documents opened before both are answered would be revalidated mid-run.
    await until(() => settingsPulls >= 2, 10_000, `${spec.name} to pull its settings twice`);
  }
  const invalid = documents.find((document) => !document.valid);
  if (!invalid) throw new Error('the bench needs an invalid document to probe validation');
  if (spec.validates) {
    const probeUri = 'file:///tmp/bench/probe/.tinyforge.yml';
    const probe = await openAndWait(subject, probeUri, invalid.text);
    if (!probe.some((diagnostic) => messageOf(diagnostic).includes('prot'))) {
      throw new Error(`${spec.name} does not validate against schemas/tinyforge.v1.schema.json: no diagnostic about the unknown key "prot" in ${JSON.stringify(probe.map(messageOf))}`);
    }
    session.connection.sendNotification('textDocument/didClose', { textDocument: { uri: probeUri } });
  }
  for (const document of documents) {
    subject.diagnosticCounts.set(document.name, (await openAndWait(subject, uriOf(document, 'edit'), document.text)).length);
    await openAndWait(subject, uriOf(document, 'typing'), document.typingText);
  }
  return subject;
}

/**
 * One full-text change, alternating the document and its twin, timed until the diagnostics for it arrive: pulled
 * right after the change (ours and the floor, as VS Code does), or the first publish after it (yaml-language-server,
 * whose publishes carry no version).
 */
export async function timeChange(subject: LspSubject, document: BenchDocument): Promise<number> {
  const uri = uriOf(document, 'edit');
  const version = (subject.versions.get(uri) ?? 1) + 1;
  subject.versions.set(uri, version);
  const text = version % 2 === 0 ? document.twin : document.text;
  if (subject.spec.pull) {
    const started = performance.now();
    changeDocument(subject.session, uri, text, version);
    const diagnostics = await pull(subject, uri);
    const elapsed = performance.now() - started;
    subject.diagnosticCounts.set(document.name, diagnostics.length);
    return elapsed;
  }
  const published = subject.session.nextDiagnostics(uri, { version, timeoutMs: subject.spec.diagnosticsTimeoutMs });
  const started = performance.now();
  changeDocument(subject.session, uri, text, version);
  const { diagnostics } = await published;
  const elapsed = performance.now() - started;
  subject.diagnosticCounts.set(document.name, diagnostics.length);
  return elapsed;
}

/** A request on the typing copy of a document, with its answer and how long it took in milliseconds. */
export async function timeRequest(
  subject: LspSubject,
  method: 'textDocument/completion' | 'textDocument/hover',
  document: BenchDocument,
  position: BenchPosition,
): Promise<{ ms: number; result: unknown }> {
  const started = performance.now();
  const result = await subject.session.connection.sendRequest(method, { textDocument: { uri: uriOf(document, 'typing') }, position });
  return { ms: performance.now() - started, result };
}

/** A process's resident set size in MiB, read from `/proc/<pid>/status`. */
export function rssMiB(pid: number | undefined): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
  if (!kib) throw new Error(`no VmRSS in /proc/${pid}/status`);
  return Number(kib[1]) / 1024;
}

/** A process's private memory in MiB (USS: `Private_Clean` + `Private_Dirty` in `/proc/<pid>/smaps_rollup`): RSS minus the pages it shares, such as Node's own binary. */
export function privateMiB(pid: number | undefined): number {
  const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
  const kib = (field: string) => {
    const match = new RegExp(`^${field}:\\s+(\\d+)\\s+kB`, 'm').exec(rollup);
    if (!match) throw new Error(`no ${field} in /proc/${pid}/smaps_rollup`);
    return Number(match[1]);
  };
  return (kib('Private_Clean') + kib('Private_Dirty')) / 1024;
}
