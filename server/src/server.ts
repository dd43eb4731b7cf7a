import { CodeActionKind, TextDocumentSyncKind, type Connection, type InitializeResult } from 'vscode-languageserver/node';
import { productVersion } from '../../core/src/version';
import { core } from './core';
import { fixAllKind, registerCodeActions, syncKind, useLiveValuesKind } from './codeActions';
import { registerCompletion } from './completion';
import { refreshDiagnostics, registerDiagnostics } from './diagnostics';
import { registerFolding } from './folding';
import { registerHover } from './hover';
import { registerLiveFetching } from './live/registerLive';
import type { TinyforgeSettings } from './protocol';
import { createServerState, type ServerState } from './state';
import { registerSnapshots } from './snapshots';
import { registerSymbols } from './symbols';
import { registerWorkspaceDiagnostics, workspaceChanged } from './workspaceDiagnostics';

function applySettings(state: ServerState, settings: TinyforgeSettings | undefined): void {
  state.fileGlobs = Array.isArray(settings?.files) ? settings.files.filter((glob) => typeof glob === 'string') : [];
}

/** How long after `initialized` start-up counts as over: the first documents are open and linted by then. */
const startUpSettleMs = 200;

/**
 * Wires every feature onto a connection. The state object made here is the server's only state.
 * `onStartedUp` runs once start-up is over, for work that must not delay it (keeping the code caches).
 */
export function startServer(connection: Connection, onStartedUp?: () => void): void {
  const state = createServerState(connection);
  let announceLive = (): void => undefined;
  connection.onInitialize((params): InitializeResult => {
    state.locale = params.locale?.toLowerCase().startsWith('ru') ? 'ru' : 'en';
    state.workspaceFolders = (params.workspaceFolders ?? []).map((folder) => (folder.uri.endsWith('/') ? folder.uri : `${folder.uri}/`));
    if (!state.workspaceFolders.length && params.rootUri) state.workspaceFolders = [params.rootUri.endsWith('/') ? params.rootUri : `${params.rootUri}/`];
    const options = params.initializationOptions as TinyforgeSettings | undefined;
    applySettings(state, options);
    state.liveFromClient = options?.liveData === 'client';
    const live = registerLiveFetching(state, options, process.env);
    announceLive = live.announce;
    state.pullDiagnostics = !!params.capabilities.textDocument?.diagnostic;
    state.diagnosticsRefresh = params.capabilities.workspace?.diagnostics?.refreshSupport === true;
    state.snippets = params.capabilities.textDocument?.completion?.completionItem?.snippetSupport === true;
    registerDiagnostics(state);
    if (state.pullDiagnostics) registerWorkspaceDiagnostics(state);
    return {
      capabilities: {
        // Saves matter only when the server fetches live data itself (a save may precede a push).
        textDocumentSync: live.fetches ? { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } } : TextDocumentSyncKind.Incremental,
        completionProvider: { resolveProvider: false },
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, fixAllKind, ...(state.liveFromClient ? [syncKind] : []), useLiveValuesKind] },
        documentSymbolProvider: true,
        foldingRangeProvider: true,
        diagnosticProvider: state.pullDiagnostics ? { interFileDependencies: false, workspaceDiagnostics: true } : undefined,
      },
      serverInfo: { name: 'tinyforge-language-server', version: productVersion },
    };
  });
  // Load the core while the client digests the answer, so the first didOpen does not wait for it.
  connection.onInitialized(() => {
    setImmediate(core);
    announceLive();
    if (onStartedUp) setTimeout(onStartedUp, startUpSettleMs).unref();
  });
  connection.onDidChangeConfiguration((params) => {
    const settings = (params.settings as { tinyforge?: TinyforgeSettings } | undefined)?.tinyforge;
    if (!settings) return;
    applySettings(state, settings);
    // Other globs, other files: the workspace is searched again.
    state.workspaceScan = undefined;
    state.workspaceFiles.clear();
    workspaceChanged(state);
    refreshDiagnostics(state);
  });
  state.documents.onDidClose((event) => {
    state.analyses.delete(event.document.uri);
    state.snapshots.delete(event.document.uri);
    state.lastLive.delete(event.document.uri);
    state.branchFields.delete(event.document.uri);
  });
  registerCompletion(state);
  registerHover(state);
  registerCodeActions(state);
  registerSymbols(state);
  registerFolding(state);
  registerSnapshots(state);
  state.documents.listen(connection);
}
