import { CompletionItemKind, InsertTextFormat, InsertTextMode, MarkupKind, type CompletionItem, type CompletionList } from 'vscode-languageserver/node';
import type { CompletionProposal } from '../../core/src/index';
import { core } from './core';
import { toLspRange, toOffset } from './ranges';
import { runSafe } from './runSafe';
import { analysisOf, type ServerState } from './state';

const kinds: Record<CompletionProposal['kind'], CompletionItemKind> = {
  property: CompletionItemKind.Property,
  value: CompletionItemKind.Value,
  snippet: CompletionItemKind.Snippet,
};

/** Wires `textDocument/completion` to the core's proposals. */
export function registerCompletion(state: ServerState): void {
  const empty: CompletionList = { isIncomplete: false, items: [] };
  state.connection.onCompletion((params, token) =>
    runSafe(state, 'completion', empty, token, () => {
      const analysis = analysisOf(state, params.textDocument.uri);
      if (!analysis) return empty;
      const offset = toOffset(analysis.lineIndex, params.position);
      // A linked file's live data says which keys Sync manages for its source; without it nothing is guessed.
      const snapshot = state.snapshots.get(params.textDocument.uri);
      const live = snapshot && snapshot.status !== 'disabled' ? { managedFields: core().managedFieldsOf(snapshot), sourceKind: snapshot.sourceKind } : undefined;
      const items = core().completeAt(analysis.parsed.text, offset, state.locale, live).map(
        (proposal): CompletionItem => ({
          label: proposal.label,
          kind: kinds[proposal.kind],
          detail: proposal.detail,
          documentation: proposal.documentation ? { kind: MarkupKind.Markdown, value: proposal.documentation } : undefined,
          textEdit: { range: toLspRange(analysis.lineIndex, proposal.replace), newText: proposal.snippet && !state.snippets ? core().oneLinePlainText(proposal.insertText) : proposal.insertText },
          insertTextFormat: proposal.snippet && state.snippets ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
          // The core indents every line to where it lands; VS Code would otherwise add the line's indentation again.
          insertTextMode: InsertTextMode.asIs,
          sortText: proposal.sortText,
          // A snippet is found by the key it starts with (`deploy`, `version`), whatever language its label is in.
          filterText: proposal.kind === 'snippet' ? proposal.insertText.split(/[:\s]/)[0] : proposal.label,
        }),
      );
      if (state.snippets) return { isIncomplete: false, items };
      // Without snippets a block collapses to its first line, which its key's own proposal already inserts: keep that one.
      const keys = new Set(items.filter((item) => item.kind !== CompletionItemKind.Snippet).map((item) => item.textEdit!.newText));
      return { isIncomplete: false, items: items.filter((item) => item.kind !== CompletionItemKind.Snippet || !keys.has(item.textEdit!.newText)) };
    }),
  );
}
