import * as vscode from 'vscode';
import { isTinyforgeDocument } from '../tinyforgeDocuments';

/**
 * The Tinyforge files' CodeLens from activation on: a "Checking…" line in the place the state's line will take, so
 * the text does not move down when the extension's body and the live state arrive; then the real provider's lenses,
 * through this same registration (a second provider would add a second line for a moment).
 */
export class DeferredCodeLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private target?: vscode.CodeLensProvider;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private forwarding?: vscode.Disposable;

  /** Hands the lenses over to the real provider, and has VS Code ask again. */
  forwardTo(target: vscode.CodeLensProvider): void {
    this.target = target;
    this.forwarding = target.onDidChangeCodeLenses?.(() => this.changed.fire());
    this.changed.fire();
  }

  provideCodeLenses(document: vscode.TextDocument, token: vscode.CancellationToken): vscode.ProviderResult<vscode.CodeLens[]> {
    if (this.target) return this.target.provideCodeLenses(document, token);
    if (!isTinyforgeDocument(document)) return [];
    return [new vscode.CodeLens(new vscode.Range(0, 0, 0, 0), { title: `$(sync~spin) ${vscode.l10n.t('Checking…')}`, command: '' })];
  }

  dispose(): void {
    this.forwarding?.dispose();
    this.changed.dispose();
  }
}
