import type * as vscode from 'vscode';

/** The id of the Tinyforge view (package.json `views`). */
export const fleetViewId = 'tinyforge.workloads';

/** The Tinyforge view as the activation step made it: the view, and the provider that forwards to the real one once given. */
export interface TreeViewHandoff {
  view: vscode.TreeView<unknown>;
  tree: { forwardTo(target: vscode.TreeDataProvider<unknown>): void };
  /** The CodeLens registration made at activation, showing a placeholder until given the real provider. */
  codeLens: { forwardTo(target: vscode.CodeLensProvider): void };
}
