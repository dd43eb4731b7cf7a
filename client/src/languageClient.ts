import { join } from 'node:path';
import * as vscode from 'vscode';
import { DocumentDiagnosticRequest, LanguageClient, State, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { withoutRedHatDuplicates } from './diagnosticFilter';
import { onRedHatYamlChange, redHatYamlValidates } from './redHatYaml';
import { serverEnvironment, serverExecArgv } from './serverLaunch';
import type { TinyforgeSettings } from '../../server/src/protocol';

/** A running language client (the type the extension holds). */
export type { LanguageClient };

function documentSelector(): LanguageClientOptions['documentSelector'] {
  // A branch-head file the Tinyforge view opens is checked like a workspace file (diagnostics, hover, outline).
  const selector: NonNullable<LanguageClientOptions['documentSelector']> = [{ scheme: 'file', pattern: '**/.tinyforge.{yml,yaml}' }, { scheme: 'tinyforge-branch' }];
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    for (const glob of vscode.workspace.getConfiguration('tinyforge', folder.uri).get<string[]>('files', [])) {
      selector.push({ scheme: 'file', pattern: { baseUri: folder.uri.toString(), pattern: glob } });
    }
  }
  return selector;
}

function fileGlobs(): string[] {
  const folders = vscode.workspace.workspaceFolders ?? [];
  return [...new Set(folders.flatMap((folder) => vscode.workspace.getConfiguration('tinyforge', folder.uri).get<string[]>('files', [])))];
}

/** Starts the language server over IPC for Tinyforge files, with our middleware; `onPulled` hears of each file's diagnostics as they arrive. */
export async function startClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel, onPulled?: (uri: vscode.Uri, diagnostics: readonly vscode.Diagnostic[]) => void): Promise<LanguageClient> {
  const module = context.asAbsolutePath('dist/server.js');
  // Extension storage outlives the window; a remote or virtual one is not a directory the server can write.
  const storage = context.globalStorageUri;
  const env = serverEnvironment(process.env, storage.scheme === 'file' ? join(storage.fsPath, 'code-cache') : undefined);
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc, options: { env, execArgv: [...serverExecArgv] } },
    debug: { module, transport: TransportKind.ipc, options: { env, execArgv: [...serverExecArgv, '--nolazy', '--inspect=6010'] } },
  };
  // Files created, changed or deleted on disk keep the Problems panel's workspace-wide list current.
  const watchers = [
    vscode.workspace.createFileSystemWatcher('**/.tinyforge.{yml,yaml}'),
    // A folder moved in or deleted is one event for the folder, which no file glob matches: every create and delete.
    vscode.workspace.createFileSystemWatcher('**/*', false, true, false),
    ...(vscode.workspace.workspaceFolders ?? []).flatMap((folder) =>
      vscode.workspace.getConfiguration('tinyforge', folder.uri).get<string[]>('files', []).map((glob) => vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, glob))),
    ),
  ];
  context.subscriptions.push(...watchers);
  const clientOptions: LanguageClientOptions = {
    documentSelector: documentSelector(),
    synchronize: { fileEvents: watchers },
    outputChannel: output,
    // The extension fetches live data and sends it as snapshots: the server must never fetch a second time.
    initializationOptions: { files: fileGlobs(), liveData: 'client' } satisfies TinyforgeSettings,
    middleware: {
      handleDiagnostics(uri, diagnostics, next) {
        const document = vscode.workspace.textDocuments.find((candidate) => candidate.uri.toString() === uri.toString());
        next(uri, document && redHatYamlValidates(document) ? withoutRedHatDuplicates(diagnostics) : diagnostics);
      },
      async provideDiagnostics(document, previousResultId, token, next) {
        const report = await next(document, previousResultId, token);
        const textDocument = document instanceof vscode.Uri ? vscode.workspace.textDocuments.find((candidate) => candidate.uri.toString() === document.toString()) : document;
        // A file that has just closed gets its problems from disk, all of them: Red Hat YAML shows nothing for it any more.
        const shown = report && report.kind === 'full' && textDocument && !textDocument.isClosed && redHatYamlValidates(textDocument) ? { ...report, items: withoutRedHatDuplicates(report.items) } : report;
        try {
          if (shown?.kind === 'full' && textDocument) onPulled?.(textDocument.uri, shown.items);
        } catch (error) {
          // The decorations are extra: the problems must still reach VS Code.
          output.warn(`drawing the live decorations failed: ${error instanceof Error ? error.message : String(error)}`);
        }
        return shown;
      },
    },
  };
  const languageClient = new LanguageClient('tinyforge', vscode.l10n.t('Tinyforge Language Server'), serverOptions, clientOptions);
  // What we hide depends on Red Hat YAML: when it comes, goes or changes yaml.validate, pull every file's diagnostics again.
  context.subscriptions.push(
    onRedHatYamlChange(() => {
      if (languageClient.state === State.Running) languageClient.getFeature(DocumentDiagnosticRequest.method).refresh();
    }),
  );
  await languageClient.start();
  return languageClient;
}

