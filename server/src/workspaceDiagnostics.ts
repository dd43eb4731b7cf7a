import { DocumentDiagnosticReportKind, FileChangeType, type CancellationToken, type Diagnostic, type WorkspaceDiagnosticReport, type WorkspaceDocumentDiagnosticReport } from 'vscode-languageserver/node';
import { stat } from 'node:fs/promises';
import { sep } from 'node:path';
import { runSafe } from './runSafe';
import { isTinyforgeUri, workspaceFolderOf, type ServerState } from './state';
import { findWorkspaceFiles, isSkippedPath, lintWorkspaceFile, pathOfUri } from './workspaceFiles';

/** The resultId of a file that is gone: reported once, with no problems, so the client drops what it showed. */
const deletedResultId = 'deleted';

/** Lints files and holds what they report; a few at a time, so thousands of files never open thousands of descriptors. */
async function lintAndHold(state: ServerState, uris: readonly string[]): Promise<void> {
  for (let index = 0; index < uris.length; index += 32) {
    const linted = await Promise.all(uris.slice(index, index + 32).map((uri) => lintWorkspaceFile(state, uri)));
    for (const file of linted) if (file) state.workspaceFiles.set(pathOfUri(file.uri)!, file);
  }
}

/**
 * Finds and lints every Tinyforge file of the workspace folders, once (file events keep it current after that); a
 * search that fails is tried again on the next request, not remembered as failed.
 */
function scanned(state: ServerState): Promise<void> {
  state.workspaceScan ??= (async () => {
    const uris = (await Promise.all(state.workspaceFolders.filter((folder) => folder.startsWith('file:')).map((folder) => findWorkspaceFiles(state, folder)))).flat();
    await lintAndHold(state, uris);
    state.afterWork();
  })();
  const scan = state.workspaceScan;
  scan.catch(() => {
    if (state.workspaceScan === scan) state.workspaceScan = undefined;
  });
  return scan;
}

/**
 * The reports the client does not have yet: files new or changed since its `previousResultIds` (by path), and files
 * gone. Open files are left out: the client takes their problems from the editor's text, and sends no `resultId`
 * for them, so reporting them would answer every request at once and the client would ask again every 2 s.
 */
function reportsSince(state: ServerState, previous: ReadonlyMap<string, { uri: string; resultId: string }>): WorkspaceDocumentDiagnosticReport[] {
  const open = new Set(state.documents.all().map((document) => pathOfUri(document.uri)));
  const reports: WorkspaceDocumentDiagnosticReport[] = [];
  for (const [path, file] of state.workspaceFiles) {
    if (open.has(path)) continue;
    if (previous.get(path)?.resultId !== file.resultId) reports.push({ kind: DocumentDiagnosticReportKind.Full, uri: file.uri, version: null, resultId: file.resultId, items: file.diagnostics });
  }
  for (const [path, { uri, resultId }] of previous) {
    if (!state.workspaceFiles.has(path) && resultId !== deletedResultId) reports.push({ kind: DocumentDiagnosticReportKind.Full, uri, version: null, resultId: deletedResultId, items: [] });
  }
  return reports;
}

/** Resolves at the next change of the workspace's files, or when the request is cancelled. */
function nextChange(state: ServerState, token: CancellationToken): Promise<void> {
  return new Promise((resolve) => {
    const wake = (): void => {
      state.workspaceWaiters.delete(wake);
      cancellation.dispose();
      resolve();
    };
    const cancellation = token.onCancellationRequested(wake);
    state.workspaceWaiters.add(wake);
  });
}

/** A file's problems as they are on disk (for a file that is not open): what the workspace search found. */
export async function diskDiagnostics(state: ServerState, uri: string): Promise<Diagnostic[]> {
  await scanned(state);
  return state.workspaceFiles.get(pathOfUri(uri) ?? '')?.diagnostics ?? [];
}

/** Lints the Tinyforge files under a path just created, when it is a directory (moved in, or checked out). */
async function addFolderFiles(state: ServerState, uri: string, path: string): Promise<void> {
  const isDirectory = await stat(path).then((entry) => entry.isDirectory(), () => false);
  const folder = isDirectory ? workspaceFolderOf(state, uri) : undefined;
  if (folder) await lintAndHold(state, await findWorkspaceFiles(state, folder, path));
}

/** Tells every held workspace request that something changed. */
export function workspaceChanged(state: ServerState): void {
  for (const wake of [...state.workspaceWaiters]) wake();
}

/**
 * Wires `workspace/diagnostic`: the problems of every Tinyforge file of the workspace, opened or not. The first
 * request gets them all; later ones are held until a file is created, changed or deleted (the client's file
 * watchers tell us), then answered with just those, so an idle workspace costs nothing.
 */
export function registerWorkspaceDiagnostics(state: ServerState): void {
  const empty: WorkspaceDiagnosticReport = { items: [] };
  state.connection.languages.diagnostics.onWorkspace((params, token) =>
    runSafe(state, 'workspaceDiagnostics', empty, token, async () => {
      await scanned(state);
      const previous = new Map(params.previousResultIds.flatMap((entry) => {
        const path = pathOfUri(entry.uri);
        return path ? [[path, { uri: entry.uri, resultId: entry.value }] as const] : [];
      }));
      for (;;) {
        const items = reportsSince(state, previous);
        if (items.length || token.isCancellationRequested) return { items };
        await nextChange(state, token);
      }
    }),
  );
  state.connection.onDidChangeWatchedFiles((params) =>
    runSafe(state, 'didChangeWatchedFiles', undefined, undefined, async () => {
      await scanned(state);
      for (const change of params.changes) {
        const path = pathOfUri(change.uri);
        if (!path || isSkippedPath(change.uri)) continue;
        // A deleted folder comes as one event for the folder: its files go with it.
        if (change.type === FileChangeType.Deleted) for (const held of [...state.workspaceFiles.keys()]) if (held.startsWith(`${path}${sep}`)) state.workspaceFiles.delete(held);
        if (!isTinyforgeUri(state, change.uri)) {
          if (change.type === FileChangeType.Created) await addFolderFiles(state, change.uri, path);
          continue;
        }
        const file = change.type === FileChangeType.Deleted ? undefined : await lintWorkspaceFile(state, change.uri);
        if (file) state.workspaceFiles.set(path, file);
        else state.workspaceFiles.delete(path);
      }
      workspaceChanged(state);
    }),
  );
}
