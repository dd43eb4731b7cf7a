import * as vscode from 'vscode';
import type { LiveData } from './liveData';
import { summarize, timeAgo } from './summary';
import { isTinyforgeDocument } from './tinyforgeDocuments';

/** A CodeLens on the first line of a Tinyforge file: the live state, and the next step. */
export class StateCodeLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly liveData: LiveData) {
    this.subscription = liveData.onDidChange(() => this.changed.fire());
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    if (!isTinyforgeDocument(document)) return [];
    const state = this.liveData.stateOf(document.uri);
    const summary = summarize(state);
    const range = new vscode.Range(0, 0, 0, 0);
    const uri = document.uri.toString();
    let title = `$(${summary.icon}) ${summary.label}`;
    if (state?.kind === 'live' && state.snapshot.status === 'ok' && !(state.snapshot.branchDrift?.length ?? 0)) {
      title = `$(${summary.icon}) ${vscode.l10n.t('In sync · synced {0}', timeAgo(state.snapshot.lastSyncAt))}`;
    }
    const lenses = [new vscode.CodeLens(range, { title, tooltip: summary.detail, command: 'tinyforge.showStatusActions', arguments: [uri] })];
    if (summary.next) lenses.push(new vscode.CodeLens(range, { title: summary.next.title, tooltip: summary.detail, command: summary.next.command, arguments: [uri] }));
    return lenses;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
