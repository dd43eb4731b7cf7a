import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver/node';
import type { OutlineSymbol } from '../../core/src/index';
import { core } from './core';
import { toLspRange } from './ranges';
import { runSafe } from './runSafe';
import { analysisOf, type Analysis, type ServerState } from './state';

const kinds: Record<OutlineSymbol['kind'], SymbolKind> = {
  object: SymbolKind.Module,
  number: SymbolKind.Number,
  string: SymbolKind.String,
  enum: SymbolKind.EnumMember,
  key: SymbolKind.Key,
};

function toSymbol(analysis: Analysis, symbol: OutlineSymbol): DocumentSymbol {
  return {
    name: symbol.name || '""',
    detail: symbol.detail,
    kind: kinds[symbol.kind],
    range: toLspRange(analysis.lineIndex, symbol.span),
    selectionRange: toLspRange(analysis.lineIndex, symbol.selectionSpan),
    children: symbol.children.map((child) => toSymbol(analysis, child)),
  };
}

/** Wires `textDocument/documentSymbol` (the outline). */
export function registerSymbols(state: ServerState): void {
  state.connection.onDocumentSymbol((params, token) =>
    runSafe<DocumentSymbol[]>(state, 'documentSymbol', [], token, () => {
      const analysis = analysisOf(state, params.textDocument.uri);
      return analysis ? core().outlineOf(analysis.parsed).map((symbol) => toSymbol(analysis, symbol)) : [];
    }),
  );
}
