import * as vscode from 'vscode';
import { noticesGoTo, notify } from './notices';
import type { LanguageClient } from './languageClient';
import { loadLanguageClient } from './lazy';
import { isTinyforgeDocument } from './tinyforgeDocuments';
import { refreshOpenDocuments, registerLiveCommands } from './commands';
import { StateCodeLensProvider } from './surfaces/codeLens';
import { LiveConfigProvider, liveScheme } from './compare';
import { DriftDecorations } from './surfaces/decorations';
import { RefreshScheduler } from '../../api/src/refreshScheduler';
import { StatusItem } from './surfaces/statusItem';
import { LiveData } from './liveData';
import { ApiSessions } from './apiSession';
import { FleetView } from './fleet/fleetView';
import { registerGitCommands } from './git/gitCommands';
import { GitStandings } from './git/gitStandings';
import { PushWatch } from './git/pushWatch';
import { FileStates } from './state/fileStates';
import { StandingHoverProvider } from './surfaces/standingHover';
import { snapshotMethod, type SnapshotParams } from '../../server/src/protocol';
import type { TreeViewHandoff } from './activation/handoff';

let client: LanguageClient | undefined;

/**
 * The extension's body, loaded by `activation/entry.ts` once there is a reason (a Tinyforge file, the view shown, a
 * command run); the language server starts with the first Tinyforge file opened or found, not before. Synchronous on
 * purpose: every command is registered by the time it returns, as the entry's stand-ins make way for them.
 */
export function activateFully(context: vscode.ExtensionContext, view: TreeViewHandoff, tinyforgeFileFound: Promise<boolean>): void {
  const output = vscode.window.createOutputChannel(vscode.l10n.t('Tinyforge'), { log: true });
  context.subscriptions.push(output);
  noticesGoTo(output);
  let starting: Promise<LanguageClient | undefined> | undefined;
  const sessions = new ApiSessions(context.secrets);
  context.subscriptions.push(sessions);
  const liveData = new LiveData(context, sessions, output, async (uri, snapshot) => {
    const running = await starting;
    await running?.sendNotification(snapshotMethod, { uri, snapshot } satisfies SnapshotParams);
  });
  context.subscriptions.push(liveData);
  const restart = (): Promise<LanguageClient | undefined> => {
    const previous = client;
    client = undefined;
    starting = (async () => {
      await previous?.stop().catch((error: unknown) => output.error(String(error)));
      try {
        client = await loadLanguageClient().startClient(context, output, (uri, diagnostics) => decorations.drawPulled(uri, diagnostics));
        return client;
      } catch (error) {
        output.error(vscode.l10n.t('The Tinyforge language server did not start: {0}', String(error)));
        void notify('error', vscode.l10n.t('The Tinyforge language server did not start. See the Tinyforge output for details.'));
        return undefined;
      }
    })();
    // A new server holds no snapshots: hand it the ones we have.
    void starting.then(() => liveData.resendAll());
    return starting;
  };
  const decorations = new DriftDecorations();
  context.subscriptions.push(decorations);
  let scheduler: RefreshScheduler | undefined;
  const onOpen = (document: vscode.TextDocument): void => {
    // A branch-head file from the view is checked by the server too: it starts it, and has no live data of its own.
    if (document.uri.scheme === 'tinyforge-branch' && !starting) void restart();
    if (!isTinyforgeDocument(document)) return;
    if (!starting) void restart();
    void liveData.refresh(document).then(() => scheduler?.ensureRunning());
  };
  context.subscriptions.push(
    vscode.commands.registerCommand('tinyforge.restartServer', restart),
    vscode.commands.registerCommand('tinyforge.showOutput', () => output.show()),
    vscode.workspace.onDidOpenTextDocument(onOpen),
    // A save is a hint that a push may follow, not news from the server: at most one fetch per file per 30 s
    // (auto-save after a delay would otherwise fetch on every pause in typing).
    vscode.workspace.onDidSaveTextDocument((document) => {
      if (isTinyforgeDocument(document) && !scheduler?.backingOff) void liveData.refreshUnlessFresh(document, 30_000);
    }),
    vscode.workspace.onDidCloseTextDocument((document) => liveData.forget(document.uri)),
    vscode.workspace.onDidChangeConfiguration((event) => {
      // The document selector is fixed per client, so a new glob list needs a new client.
      if (!event.affectsConfiguration('tinyforge.files')) return;
      if (starting) void restart();
      // Files the new globs take in need their live data and status too, not only the restarted server.
      vscode.workspace.textDocuments.forEach(onOpen);
    }),
    vscode.workspace.onDidChangeWorkspaceFolders(() => {
      if (starting) void restart();
    }),
    { dispose: () => void client?.stop() },
  );
  scheduler = new RefreshScheduler(
    () => refreshOpenDocuments(liveData),
    () => vscode.workspace.getConfiguration('tinyforge').get<number>('refreshInterval', 60),
  );
  let lastFocusRound = 0;
  const standings = new GitStandings(liveData);
  // The one model of a file's state: every surface below renders it, none keeps its own.
  const states = new FileStates(liveData, standings);
  const codeLenses = new StateCodeLensProvider(states);
  // Through the registration activation made: its placeholder line becomes the state's, in the same place.
  view.codeLens.forwardTo(codeLenses);
  const liveConfigs = new LiveConfigProvider(liveData);
  const fleetView = new FleetView(context, sessions, liveData, states, liveConfigs, view);
  context.subscriptions.push(
    fleetView,
    scheduler,
    standings,
    states,
    new StatusItem(states),
    vscode.languages.registerHoverProvider({ scheme: 'file', language: 'yaml' }, new StandingHoverProvider(states)),
    liveConfigs,
    vscode.workspace.registerTextDocumentContentProvider(liveScheme, liveConfigs),
    // Coming back to the window is a good moment to look again, unless we are backing off from failures.
    // At most one such round per 30 s: switching windows back and forth is not a reason to ask again.
    vscode.window.onDidChangeWindowState((windowState) => {
      if (!windowState.focused || scheduler?.backingOff || Date.now() - lastFocusRound < 30_000) return;
      lastFocusRound = Date.now();
      void refreshOpenDocuments(liveData).then((outcome) => scheduler?.schedule(outcome));
    }),
  );
  registerLiveCommands(context, liveData, states, output, (outcome) => scheduler?.schedule(outcome), () => fleetView.refreshIfShown());
  const pushWatch = new PushWatch(liveData, standings, (line) => output.info(line));
  context.subscriptions.push(pushWatch);
  registerGitCommands(context, liveData, standings, states, output, pushWatch);
  vscode.workspace.textDocuments.forEach(onOpen);
  // The Problems panel lists every Tinyforge file of the workspace, opened or not: the server starts when there is one.
  const startForWorkspace = (): void => {
    if (!starting) void restart();
  };
  void tinyforgeFileFound.then((found) => {
    if (!found) return;
    startForWorkspace();
    // The first file opened must not wait for the token's read and the API library's load (~125 ms in code-server): no request goes out.
    void sessions.session();
  });
  const created = vscode.workspace.createFileSystemWatcher('**/.tinyforge.{yml,yaml}', false, true, true);
  context.subscriptions.push(created, created.onDidCreate(startForWorkspace));
}

/** Stops the language server. */
export async function deactivate(): Promise<void> {
  await client?.stop();
}
