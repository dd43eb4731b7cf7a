import * as vscode from 'vscode';
import type { GitStandings } from './git/gitStandings';
import { labelStanding } from './git/standingLabels';
import type { LiveData } from './liveData';
import { bufferDriftOf, onDidChangeBufferDrift, summarize } from './summary';
import { isTinyforgeDocument } from './tinyforgeDocuments';

/** A CodeLens on the first line of a Tinyforge file: the live state, where the file stands in git, and the next step. */
export class StateCodeLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly liveData: LiveData,
    private readonly standings: GitStandings,
  ) {
    this.subscriptions = [
      liveData.onDidChange(() => this.changed.fire()),
      standings.onDidChange(() => this.changed.fire()),
      // The text's drift is an input of the state: the lens follows it as the status item does, in the same tick.
      onDidChangeBufferDrift(() => this.changed.fire()),
    ];
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    if (!isTinyforgeDocument(document)) return [];
    const state = this.liveData.stateOf(document.uri);
    const summary = summarize(state, bufferDriftOf(document.uri));
    const range = new vscode.Range(0, 0, 0, 0);
    const uri = document.uri.toString();
    const title = `$(${summary.icon}) ${summary.label}`;
    const lenses = [new vscode.CodeLens(range, { title, tooltip: summary.detail, command: 'tinyforge.showStatusActions', arguments: [uri] })];
    const view = this.standings.viewOf(document);
    const git = view?.kind === 'standing' && state?.kind === 'live' ? labelStanding(view.standing, state.snapshot) : undefined;
    if (git) lenses.push(new vscode.CodeLens(range, { title: `$(${git.icon}) ${git.text}`, tooltip: git.detail, command: git.next?.command ?? 'tinyforge.showStatusActions', arguments: [uri] }));
    // The git lens runs its own next step when it has one; the state's next step is shown unless it is the same.
    if (summary.next && summary.next.command !== git?.next?.command) lenses.push(new vscode.CodeLens(range, { title: summary.next.title, tooltip: summary.detail, command: summary.next.command, arguments: [uri] }));
    return lenses;
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    this.changed.dispose();
  }
}
