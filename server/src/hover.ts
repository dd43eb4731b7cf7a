import { MarkupKind, type Hover } from 'vscode-languageserver/node';
import { core } from './core';
import { toLspRange, toOffset } from './ranges';
import { runSafe } from './runSafe';
import { analysisOf, type ServerState } from './state';

/** Wires `textDocument/hover` to the schema docs the core finds under the cursor. */
export function registerHover(state: ServerState): void {
  state.connection.onHover((params, token) =>
    runSafe<Hover | null>(state, 'hover', null, token, () => {
      const analysis = analysisOf(state, params.textDocument.uri);
      if (!analysis) return null;
      const snapshot = state.snapshots.get(params.textDocument.uri);
      const offset = toOffset(analysis.lineIndex, params.position);
      const info = core().hoverAt(analysis.parsed, offset, state.locale, snapshot && { snapshot, branchDeclared: state.branchFields.get(params.textDocument.uri) });
      return info ? { contents: { kind: MarkupKind.Markdown, value: info.markdown }, range: toLspRange(analysis.lineIndex, info.span) } : null;
    }),
  );
}
