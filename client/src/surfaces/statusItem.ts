import * as vscode from 'vscode';
import { markdownText } from '../../../core/src/untrusted';
import { describeGitAccess } from '../git/standingLabels';
import type { FileStates } from '../state/fileStates';
import { summarize, wordsOf } from '../state/summary';
import { isTinyforgeDocument } from '../tinyforgeDocuments';

/** The status bar item for the active Tinyforge file: its live state at a glance; a click offers the next steps. */
export class StatusItem implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('tinyforge.status', vscode.StatusBarAlignment.Left, 50);
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly states: FileStates) {
    this.item.name = vscode.l10n.t('Tinyforge GitOps');
    this.item.command = 'tinyforge.showStatusActions';
    this.subscriptions = [vscode.window.onDidChangeActiveTextEditor(() => this.update()), states.onDidChange(() => this.update())];
    this.update();
  }

  /** Redraws the item for the active editor, or hides it when that is not a Tinyforge file. */
  update(): void {
    const document = vscode.window.activeTextEditor?.document;
    if (!document || !isTinyforgeDocument(document)) {
      this.item.hide();
      return;
    }
    const { summary, git, standing: view } = this.states.of(document);
    // Details carry names, branches and messages from the server: Markdown-escaped, shown as text.
    const gitLine = git ? `${vscode.l10n.t('Git')}: **${markdownText(git.text)}** · ${markdownText(git.detail)}` : view?.kind === 'no-git' ? markdownText(describeGitAccess(view.access)) : undefined;
    this.item.text = `$(${summary.icon}) Tinyforge: ${wordsOf({ summary, git })}`;
    this.item.tooltip = new vscode.MarkdownString(`**Tinyforge** · ${markdownText(summary.label)}\n\n${markdownText(summary.detail)}${gitLine ? `\n\n${gitLine}` : ''}`);
    this.item.backgroundColor = summary.stale ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}

/** The quick pick behind a click on the status item: the next steps first, then the other useful commands. */
export async function showStatusActions(states: FileStates): Promise<void> {
  const document = vscode.window.activeTextEditor?.document;
  const { live: state, summary, git } = document ? states.of(document) : { live: undefined, summary: summarize(undefined), git: undefined };
  const snapshot = state?.kind === 'live' ? state.snapshot : undefined;
  const candidates: Array<{ title: string; command: string }> = [];
  if (git?.next) candidates.push(git.next);
  if (summary.next) candidates.push(summary.next);
  if (snapshot) {
    if (snapshot.role === 'admin' && snapshot.status === 'ok' && (snapshot.branchDrift?.length ?? 0) > 0) candidates.push({ title: vscode.l10n.t('Sync'), command: 'tinyforge.sync' });
    candidates.push({ title: vscode.l10n.t('Compare with Live'), command: 'tinyforge.compareWithLive' });
  }
  candidates.push({ title: vscode.l10n.t('Refresh'), command: 'tinyforge.refresh' });
  if (state && state.kind !== 'signed-out' && state.kind !== 'no-url' && state.kind !== 'restricted') candidates.push({ title: vscode.l10n.t('Link File to Workload'), command: 'tinyforge.linkFile' });
  candidates.push({ title: vscode.l10n.t('Show Output'), command: 'tinyforge.showOutput' });
  const unique = candidates.filter((candidate, index) => candidates.findIndex((other) => other.command === candidate.command) === index);
  const picked = await vscode.window.showQuickPick(
    unique.map((candidate) => ({ label: candidate.title, command: candidate.command })),
    { title: `Tinyforge: ${summary.label}`, placeHolder: summary.detail },
  );
  if (picked) await vscode.commands.executeCommand(picked.command, document?.uri.toString());
}
