import * as vscode from 'vscode';
import { markdownText } from '../../../core/src/untrusted';
import type { LiveData } from '../liveData';
import { bufferDriftOf, summarize } from '../summary';
import { isTinyforgeDocument } from '../tinyforgeDocuments';
import type { GitStandings } from './gitStandings';
import { describeGitAccess, labelStanding } from './standingLabels';

/**
 * A hover line saying where the file stands (not committed, not pushed, Tinyforge still sees another commit…), on the
 * first line and on every drifted value, beside the language server's three-sided hover.
 */
export class StandingHoverProvider implements vscode.HoverProvider {
  constructor(
    private readonly liveData: LiveData,
    private readonly standings: GitStandings,
  ) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    if (!isTinyforgeDocument(document)) return undefined;
    const onDrift = vscode.languages.getDiagnostics(document.uri).some((diagnostic) => diagnostic.source === 'tinyforge' && diagnostic.code === 'drift' && diagnostic.range.contains(position));
    if (!onDrift && position.line !== 0) return undefined;
    const state = this.liveData.stateOf(document.uri);
    if (state?.kind === 'not-linked' && state.binding.kind === 'unmatched' && state.binding.reason === 'other-branch' && position.line === 0) {
      const summary = summarize(state, bufferDriftOf(document.uri));
      return new vscode.Hover(new vscode.MarkdownString(`${vscode.l10n.t('Git')}: $(${summary.icon}) **${markdownText(summary.label)}** · ${markdownText(summary.detail)}`, true));
    }
    const view = this.standings.viewOf(document);
    if (state?.kind !== 'live' || !view) return undefined;
    let text: string;
    if (view.kind === 'standing') {
      const label = labelStanding(view.standing, state.snapshot);
      // Labels carry names and branches from the server: escaped, so only our own icon is Markdown.
      text = `$(${label.icon}) **${markdownText(label.text)}** · ${markdownText(label.detail)}`;
    } else text = markdownText(view.kind === 'no-git' ? describeGitAccess(view.access) : vscode.l10n.t('This file is in no repository the Git extension has open.'));
    const markdown = new vscode.MarkdownString(`${vscode.l10n.t('Git')}: ${text}`, true);
    return new vscode.Hover(markdown);
  }
}
