import * as vscode from 'vscode';
import type * as Body from '../extension';
import { isTinyforgeDocument } from '../tinyforgeDocuments';
import { registerCommandStubs } from './commandStubs';
import { DeferredCodeLensProvider } from './deferredCodeLens';
import { DeferredTreeProvider } from './deferredTree';
import { fleetViewId } from './handoff';
import { hasTinyforgeFile } from './tinyforgeFiles';

let body: typeof Body | undefined;

/**
 * Activates the extension in two steps. VS Code activates it for every YAML file, so this part (dist/client.js)
 * only watches for a reason to load the rest: a Tinyforge file open, in the workspace or created there, the Tinyforge
 * view shown, or one of its commands run. A workspace of other YAML costs these few registrations, no server and no
 * request.
 */
export function activate(context: vscode.ExtensionContext): void {
  let fileCreated: () => void = () => undefined;
  const created = new Promise<boolean>((resolve) => (fileCreated = () => resolve(true)));
  // One search of the workspace, whatever loads the body; the body takes its answer (or a file created since) to start the language server.
  const tinyforgeFileFound = hasTinyforgeFile().then((found) => found || created);
  const tree = new DeferredTreeProvider();
  // The state's line is there from the first paint: a placeholder until the body's provider takes its place.
  const codeLens = new DeferredCodeLensProvider();
  const view = vscode.window.createTreeView(fleetViewId, { treeDataProvider: tree, showCollapseAll: true });
  let loading: Promise<boolean> | undefined;
  const watchers: vscode.Disposable[] = [];
  const load = (): Promise<boolean> =>
    (loading ??= (async () => {
      let module: typeof Body;
      try {
        module = require('./extension.js') as typeof Body;
      } catch (error) {
        loading = undefined;
        void vscode.window.showErrorMessage(vscode.l10n.t('Tinyforge GitOps could not load: {0}', error instanceof Error ? error.message : String(error)));
        return false;
      }
      // The real commands take the stand-ins' places: activateFully registers them before it returns, nothing runs in between.
      stubs.dispose();
      for (const watcher of watchers.splice(0)) watcher.dispose();
      body = module;
      try {
        body.activateFully(context, { view, tree, codeLens }, tinyforgeFileFound);
      } catch (error) {
        void vscode.window.showErrorMessage(vscode.l10n.t('Tinyforge GitOps could not load: {0}', error instanceof Error ? error.message : String(error)));
      }
      return true;
    })());
  const stubs = registerCommandStubs(context, load);
  context.subscriptions.push(tree, view, stubs, codeLens, vscode.languages.registerCodeLensProvider({ scheme: 'file' }, codeLens), { dispose: () => watchers.forEach((watcher) => watcher.dispose()) });
  if (view.visible || vscode.workspace.textDocuments.some(isTinyforgeDocument)) {
    void load();
    return;
  }
  const creations = vscode.workspace.createFileSystemWatcher('**/.tinyforge.{yml,yaml}', false, true, true);
  watchers.push(
    view.onDidChangeVisibility((event) => event.visible && void load()),
    vscode.workspace.onDidOpenTextDocument((document) => isTinyforgeDocument(document) && void load()),
    // New globs may make an open file a Tinyforge file.
    vscode.workspace.onDidChangeConfiguration((event) => event.affectsConfiguration('tinyforge.files') && vscode.workspace.textDocuments.some(isTinyforgeDocument) && void load()),
    creations,
    creations.onDidCreate(() => {
      fileCreated();
      void load();
    }),
  );
  void tinyforgeFileFound.then((found) => {
    if (found) void load();
  });
}

/** Stops the language server, if the body ever started one. */
export async function deactivate(): Promise<void> {
  await body?.deactivate();
}
