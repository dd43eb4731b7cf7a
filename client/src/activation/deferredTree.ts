import * as vscode from 'vscode';

/**
 * The Tinyforge view's data provider until the extension's body has loaded: it shows nothing, and once given the
 * real provider it forwards to it. The view exists from activation on; what fills it
 * loads only when the view is shown (or a Tinyforge file opens).
 */
export class DeferredTreeProvider implements vscode.TreeDataProvider<unknown>, vscode.Disposable {
  private target?: vscode.TreeDataProvider<unknown>;
  private readonly changed = new vscode.EventEmitter<unknown>();
  readonly onDidChangeTreeData = this.changed.event;
  private forwarding?: vscode.Disposable;

  /**
   * Hands the view over to the real provider, which says when it has rows to show. Not told of the handover itself:
   * VS Code draws a tree's change only after 200 ms without another, and the rows (a list on its way) would wait.
   */
  forwardTo(target: vscode.TreeDataProvider<unknown>): void {
    this.target = target;
    this.forwarding = target.onDidChangeTreeData?.((element) => this.changed.fire(element));
  }

  getChildren(element?: unknown): vscode.ProviderResult<unknown[]> {
    return this.target ? this.target.getChildren(element) : [];
  }

  getTreeItem(element: unknown): vscode.TreeItem | Thenable<vscode.TreeItem> {
    if (!this.target) throw new Error('the Tinyforge view has no rows before the extension has loaded');
    return this.target.getTreeItem(element);
  }

  dispose(): void {
    this.forwarding?.dispose();
    this.changed.dispose();
  }
}
