import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-languageserver-protocol/node';
import type { Diagnostic, InitializeParams, InitializeResult, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';

/** The repository root (tests and benchmarks run from anywhere). */
export const repoRoot = join(__dirname, '..', '..');

/** A language server process spoken to over stdio, with helpers that wait for events instead of sleeping. */
export interface LspSession {
  connection: MessageConnection;
  process: ChildProcess;
  initializeResult: InitializeResult;
  /** Milliseconds from spawn to the `initialize` answer. */
  startupMs: number;
  /** Resolves with the next diagnostics published for a URI (optionally for a given version), or rejects after a timeout. */
  nextDiagnostics(uri: string, options?: { version?: number; timeoutMs?: number }): Promise<PublishDiagnosticsParams>;
  /** Lines the server logged through `window/logMessage`. */
  logs: string[];
  /** What the server showed the user through `window/showMessage`. */
  shown: string[];
  /** The methods of the requests the server sent the client, in order. */
  serverRequests: string[];
  /** Every publishDiagnostics received, in order. */
  published: PublishDiagnosticsParams[];
  close(): Promise<void>;
}

interface Waiter {
  uri: string;
  version?: number;
  resolve(params: PublishDiagnosticsParams): void;
}

/** Spawns a stdio language server (`node <script> --stdio` by default) and initializes it. */
export async function startLspSession(options: {
  command?: string;
  args?: string[];
  initialize?: Partial<InitializeParams>;
  /** Answers `workspace/configuration` requests (yaml-language-server asks for its settings). */
  configuration?: (section: string | undefined) => unknown;
  /** The server's environment (default: this process's). */
  env?: NodeJS.ProcessEnv;
}): Promise<LspSession> {
  const started = performance.now();
  const child = spawn(options.command ?? process.execPath, options.args ?? [join(repoRoot, 'dist/server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], env: options.env });
  child.stderr?.resume();
  const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const waiters: Waiter[] = [];
  const logs: string[] = [];
  const shown: string[] = [];
  const serverRequests: string[] = [];
  const published: PublishDiagnosticsParams[] = [];
  connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
    published.push(params);
    for (let i = 0; i < waiters.length; i++) {
      const waiter = waiters[i];
      if (waiter.uri === params.uri && (waiter.version === undefined || params.version === undefined || params.version === waiter.version)) {
        waiters.splice(i, 1);
        waiter.resolve(params);
        return;
      }
    }
  });
  connection.onNotification('window/logMessage', (params: { message: string }) => {
    logs.push(params.message);
  });
  connection.onNotification('window/showMessage', (params: { message: string }) => {
    shown.push(params.message);
  });
  const answer = (method: string, reply: (params: never) => unknown) =>
    connection.onRequest(method, (params: never) => {
      serverRequests.push(method);
      return reply(params);
    });
  answer('workspace/configuration', (params: { items: Array<{ section?: string }> }) => params.items.map((item) => options.configuration?.(item.section) ?? null));
  answer('client/registerCapability', () => null);
  answer('window/workDoneProgress/create', () => null);
  answer('workspace/diagnostic/refresh', () => null);
  answer('window/showMessageRequest', () => null);
  connection.listen();
  const initializeResult = (await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: null,
    workspaceFolders: null,
    capabilities: {
      textDocument: {
        publishDiagnostics: { relatedInformation: true, versionSupport: true },
        completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] } },
        hover: { contentFormat: ['markdown', 'plaintext'] },
        documentSymbol: { hierarchicalDocumentSymbolSupport: true },
        codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source.fixAll'] } } },
      },
      workspace: { configuration: true },
    },
    ...options.initialize,
  })) as InitializeResult;
  const startupMs = performance.now() - started;
  connection.sendNotification('initialized', {});
  return {
    connection,
    process: child,
    initializeResult,
    startupMs,
    logs,
    shown,
    serverRequests,
    published,
    nextDiagnostics(uri, { version, timeoutMs = 2000 } = {}) {
      return new Promise((resolve, reject) => {
        const waiter: Waiter = { uri, version, resolve: (params) => (clearTimeout(timer), resolve(params)) };
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(waiter), 1);
          reject(new Error(`no diagnostics for ${uri}${version === undefined ? '' : ` v${version}`} within ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.push(waiter);
      });
    },
    async close() {
      if (child.exitCode !== null) return;
      const exited = once(child, 'exit');
      try {
        await Promise.race([connection.sendRequest('shutdown'), new Promise((resolve) => setTimeout(resolve, 1000))]);
        connection.sendNotification('exit');
      } catch {
        // The server may already be gone; killing below is enough.
      }
      const timer = setTimeout(() => child.kill('SIGKILL'), 2000);
      await exited;
      clearTimeout(timer);
      connection.dispose();
    },
  };
}

/** Sends `didOpen` for a YAML document. */
export function openDocument(session: LspSession, uri: string, text: string, version = 1): void {
  session.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version, text } });
}

/** Sends a full-text `didChange`. */
export function changeDocument(session: LspSession, uri: string, text: string, version: number): void {
  session.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
}

/** The codes of a diagnostics list, in order. */
export function codesOf(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((diagnostic) => String(diagnostic.code));
}
