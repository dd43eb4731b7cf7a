import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { withoutRedHatDuplicates } from './diagnosticFilter';
import { redHatYamlValidates } from './redHatYaml';
import { isTinyforgeDocument } from './tinyforgeDocuments';

let client: LanguageClient | undefined;

function documentSelector(): LanguageClientOptions['documentSelector'] {
  const selector: NonNullable<LanguageClientOptions['documentSelector']> = [{ scheme: 'file', pattern: '**/.tinyforge.{yml,yaml}' }];
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

async function startClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): Promise<LanguageClient> {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6010'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: documentSelector(),
    outputChannel: output,
    initializationOptions: { files: fileGlobs() },
    middleware: {
      handleDiagnostics(uri, diagnostics, next) {
        next(uri, redHatYamlValidates() ? withoutRedHatDuplicates(diagnostics) : diagnostics);
      },
      async provideDiagnostics(document, previousResultId, token, next) {
        const report = await next(document, previousResultId, token);
        if (report && report.kind === 'full' && redHatYamlValidates()) {
          return { ...report, items: withoutRedHatDuplicates(report.items) };
        }
        return report;
      },
    },
  };
  const languageClient = new LanguageClient('tinyforge', vscode.l10n.t('Tinyforge Language Server'), serverOptions, clientOptions);
  await languageClient.start();
  return languageClient;
}

/** Activates the extension; the language server starts with the first Tinyforge file opened, not before. */
export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel(vscode.l10n.t('Tinyforge'), { log: true });
  context.subscriptions.push(output);
  let wanted = false;
  const restart = async (): Promise<void> => {
    wanted = true;
    const previous = client;
    client = undefined;
    await previous?.stop().catch((error: unknown) => output.error(String(error)));
    try {
      client = await startClient(context, output);
    } catch (error) {
      output.error(vscode.l10n.t('The Tinyforge language server did not start: {0}', String(error)));
      void vscode.window.showErrorMessage(vscode.l10n.t('The Tinyforge language server did not start. See the Tinyforge output for details.'));
    }
  };
  const startWhenNeeded = (document: vscode.TextDocument): void => {
    if (!wanted && isTinyforgeDocument(document)) void restart();
  };
  context.subscriptions.push(
    vscode.commands.registerCommand('tinyforge.restartServer', restart),
    vscode.commands.registerCommand('tinyforge.showOutput', () => output.show()),
    vscode.workspace.onDidOpenTextDocument(startWhenNeeded),
    vscode.workspace.onDidChangeConfiguration((event) => {
      // The document selector is fixed per client, so a new glob list needs a new client.
      if (!event.affectsConfiguration('tinyforge.files')) return;
      if (wanted) void restart();
      else vscode.workspace.textDocuments.forEach(startWhenNeeded);
    }),
    vscode.workspace.onDidChangeWorkspaceFolders(() => {
      if (wanted) void restart();
    }),
    { dispose: () => void client?.stop() },
  );
  vscode.workspace.textDocuments.forEach(startWhenNeeded);
}

/** Stops the language server. */
export async function deactivate(): Promise<void> {
  await client?.stop();
}
