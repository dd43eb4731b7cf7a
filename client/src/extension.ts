import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { withoutRedHatDuplicates } from './diagnosticFilter';
import { redHatYamlValidates } from './redHatYaml';
import { isTinyforgeDocument } from './tinyforgeDocuments';
import { refreshOpenDocuments, registerLiveCommands } from './commands';
import { StateCodeLensProvider } from './codeLens';
import { LiveConfigProvider, liveScheme } from './compare';
import { DriftDecorations } from './decorations';
import { RefreshScheduler } from './refreshScheduler';
import { StatusItem } from './statusItem';
import { LiveData } from './liveData';
import { serverEnvironment } from './serverLaunch';

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
  const env = serverEnvironment(process.env);
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc, options: { env } },
    debug: { module, transport: TransportKind.ipc, options: { env, execArgv: ['--nolazy', '--inspect=6010'] } },
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
  let starting: Promise<LanguageClient | undefined> | undefined;
  const liveData = new LiveData(context, output, async (uri, snapshot) => {
    const running = await starting;
    await running?.sendNotification('tinyforge/snapshot', { uri, snapshot });
  });
  context.subscriptions.push(liveData);
  const restart = (): Promise<LanguageClient | undefined> => {
    const previous = client;
    client = undefined;
    starting = (async () => {
      await previous?.stop().catch((error: unknown) => output.error(String(error)));
      try {
        client = await startClient(context, output);
        return client;
      } catch (error) {
        output.error(vscode.l10n.t('The Tinyforge language server did not start: {0}', String(error)));
        void vscode.window.showErrorMessage(vscode.l10n.t('The Tinyforge language server did not start. See the Tinyforge output for details.'));
        return undefined;
      }
    })();
    // A new server holds no snapshots: hand it the ones we have.
    void starting.then(() => liveData.resendAll());
    return starting;
  };
  let scheduler: RefreshScheduler | undefined;
  const onOpen = (document: vscode.TextDocument): void => {
    if (!isTinyforgeDocument(document)) return;
    if (!starting) void restart();
    void liveData.refresh(document).then(() => scheduler?.ensureRunning());
  };
  context.subscriptions.push(
    vscode.commands.registerCommand('tinyforge.restartServer', restart),
    vscode.commands.registerCommand('tinyforge.showOutput', () => output.show()),
    vscode.workspace.onDidOpenTextDocument(onOpen),
    vscode.workspace.onDidSaveTextDocument((document) => {
      if (isTinyforgeDocument(document)) void liveData.refresh(document);
    }),
    vscode.workspace.onDidCloseTextDocument((document) => liveData.forget(document.uri)),
    vscode.workspace.onDidChangeConfiguration((event) => {
      // The document selector is fixed per client, so a new glob list needs a new client.
      if (!event.affectsConfiguration('tinyforge.files')) return;
      if (starting) void restart();
      else vscode.workspace.textDocuments.forEach(onOpen);
    }),
    vscode.workspace.onDidChangeWorkspaceFolders(() => {
      if (starting) void restart();
    }),
    { dispose: () => void client?.stop() },
  );
  scheduler = new RefreshScheduler(() => refreshOpenDocuments(liveData));
  const codeLenses = new StateCodeLensProvider(liveData);
  const liveConfigs = new LiveConfigProvider(liveData);
  context.subscriptions.push(
    scheduler,
    new StatusItem(liveData),
    new DriftDecorations(),
    codeLenses,
    liveConfigs,
    vscode.languages.registerCodeLensProvider({ scheme: 'file' }, codeLenses),
    vscode.workspace.registerTextDocumentContentProvider(liveScheme, liveConfigs),
    // Coming back to the window is a good moment to look again, unless we are backing off from failures.
    vscode.window.onDidChangeWindowState((windowState) => {
      if (windowState.focused && !scheduler?.backingOff) void refreshOpenDocuments(liveData).then((outcome) => scheduler?.schedule(outcome));
    }),
  );
  registerLiveCommands(context, liveData, output, (outcome) => scheduler?.schedule(outcome));
  vscode.workspace.textDocuments.forEach(onOpen);
}

/** Stops the language server. */
export async function deactivate(): Promise<void> {
  await client?.stop();
}
