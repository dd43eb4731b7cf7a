import * as vscode from 'vscode';
import type { FileStates } from '../state/fileStates';
import { isTinyforgeDocument } from '../tinyforgeDocuments';

/** A CodeLens on the first line of a Tinyforge file: the live state, where the file stands in git, and the next step. */
export class StateCodeLensProvider implements vscode.CodeLensProvider {
  readonly onDidChangeCodeLenses: vscode.Event<void>;

  constructor(private readonly states: FileStates) {
    // The one model's event: the lens moves with the status item, the view and the hovers, never on its own.
    this.onDidChangeCodeLenses = states.onDidChange;
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    if (!isTinyforgeDocument(document)) return [];
    const { summary, git } = this.states.of(document);
    const range = new vscode.Range(0, 0, 0, 0);
    const uri = document.uri.toString();
    const title = `$(${summary.icon}) ${summary.label}`;
    const lenses = [new vscode.CodeLens(range, { title, tooltip: summary.detail, command: 'tinyforge.showStatusActions', arguments: [uri] })];
    if (git) lenses.push(new vscode.CodeLens(range, { title: `$(${git.icon}) ${git.text}`, tooltip: git.detail, command: git.next?.command ?? 'tinyforge.showStatusActions', arguments: [uri] }));
    // The git lens runs its own next step when it has one; the state's next step is shown unless it is the same.
    if (summary.next && summary.next.command !== git?.next?.command) lenses.push(new vscode.CodeLens(range, { title: summary.next.title, tooltip: summary.detail, command: summary.next.command, arguments: [uri] }));
    return lenses;
  }
}
