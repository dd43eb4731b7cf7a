import type { FoldingRange } from 'vscode-languageserver/node';
import { core } from './core';
import { runSafe } from './runSafe';
import { analysisOf, type ServerState } from './state';

/** Wires `textDocument/foldingRange`: one range per multi-line mapping. */
export function registerFolding(state: ServerState): void {
  state.connection.onFoldingRanges((params, token) =>
    runSafe<FoldingRange[]>(state, 'foldingRange', [], token, () => {
      const analysis = analysisOf(state, params.textDocument.uri);
      if (!analysis) return [];
      return core().foldingRegionsOf(analysis.parsed)
        .map((region) => ({ startLine: analysis.lineIndex.positionAt(region.start).line, endLine: analysis.lineIndex.positionAt(region.end).line }))
        .filter((range) => range.endLine > range.startLine);
    }),
  );
}
