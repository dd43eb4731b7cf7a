import * as vscode from 'vscode';
import { markdownText } from '../../../core/src/untrusted';
import { describeGitAccess } from '../git/standingLabels';
import type { FileStates } from '../state/fileStates';
import { isTinyforgeDocument } from '../tinyforgeDocuments';

/**
 * A hover line saying where the file stands (not committed, not pushed, Tinyforge still sees another commit…), on the
 * first line and on every drifted value, beside the language server's three-sided hover. From the one model.
 */
export class StandingHoverProvider implements vscode.HoverProvider {
  constructor(private readonly states: FileStates) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    if (!isTinyforgeDocument(document)) return undefined;
    const onDrift = vscode.languages.getDiagnostics(document.uri).some((diagnostic) => diagnostic.source === 'tinyforge' && diagnostic.code === 'drift' && diagnostic.range.contains(position));
    if (!onDrift && position.line !== 0) return undefined;
    const { live: state, summary, standing: view, git } = this.states.of(document);
    if (state?.kind === 'not-linked' && state.binding.kind === 'unmatched' && state.binding.reason === 'other-branch' && position.line === 0) {
      return new vscode.Hover(new vscode.MarkdownString(`${vscode.l10n.t('Git')}: $(${summary.icon}) **${markdownText(summary.label)}** · ${markdownText(summary.detail)}`, true));
    }
    if (state?.kind !== 'live' || !view) return undefined;
    // Labels carry names and branches from the server: escaped, so only our own icon is Markdown.
    const text = git
      ? `$(${git.icon}) **${markdownText(git.text)}** · ${markdownText(git.detail)}`
      : markdownText(view.kind === 'no-git' ? describeGitAccess(view.access) : vscode.l10n.t('This file is in no repository the Git extension has open.'));
    return new vscode.Hover(new vscode.MarkdownString(`${vscode.l10n.t('Git')}: ${text}`, true));
  }
}
