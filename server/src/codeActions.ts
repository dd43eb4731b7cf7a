import { CodeActionKind, type CodeAction, type Diagnostic, type TextEdit } from 'vscode-languageserver/node';
import type { Finding, TextEdit as CoreEdit } from '../../core/src/index';
import { core } from './core';
import { toDiagnostic } from './diagnostics';
import { toLspRange, toOffset } from './ranges';
import { runSafe } from './runSafe';
import { analysisOf, type Analysis, type ServerState } from './state';

/** The kind of our fix-all source action (`editor.codeActionsOnSave` can name it). */
export const fixAllKind = `${CodeActionKind.SourceFixAll}.tinyforge`;

function toLspEdits(analysis: Analysis, edits: readonly CoreEdit[]): TextEdit[] {
  return edits.map((edit) => ({ range: toLspRange(analysis.lineIndex, edit.span), newText: edit.newText }));
}

/** The current finding a client diagnostic stands for, matched on code and range start, never on message. */
function findingFor(analysis: Analysis, diagnostic: Diagnostic): Finding | undefined {
  const start = toOffset(analysis.lineIndex, diagnostic.range.start);
  return analysis.findings.find((finding) => finding.code === diagnostic.code && finding.span.start === start);
}

function wants(only: string[] | undefined, kind: string): boolean {
  return !only || only.some((requested) => kind === requested || kind.startsWith(`${requested}.`));
}

/** Wires `textDocument/codeAction`: quick fixes per diagnostic and one fix-all source action. */
export function registerCodeActions(state: ServerState): void {
  state.connection.onCodeAction((params, token) =>
    runSafe<CodeAction[]>(state, 'codeAction', [], token, () => {
      const uri = params.textDocument.uri;
      const analysis = analysisOf(state, uri);
      if (!analysis) return [];
      const actions: CodeAction[] = [];
      if (wants(params.context.only, CodeActionKind.QuickFix)) {
        for (const diagnostic of params.context.diagnostics) {
          if (diagnostic.source !== 'tinyforge') continue;
          const finding = findingFor(analysis, diagnostic);
          if (!finding) continue;
          for (const fix of core().fixesFor(analysis.parsed, finding, state.locale)) {
            actions.push({
              title: fix.title,
              kind: CodeActionKind.QuickFix,
              diagnostics: [toDiagnostic(analysis.lineIndex, finding)],
              isPreferred: fix.preferred,
              edit: { changes: { [uri]: toLspEdits(analysis, fix.edits) } },
            });
          }
        }
      }
      if (wants(params.context.only, fixAllKind)) {
        const edits = core().fixAllEdits(analysis.parsed, analysis.findings, state.locale);
        if (edits.length) {
          actions.push({ title: core().formatMessage(state.locale, 'fixAll'), kind: fixAllKind, edit: { changes: { [uri]: toLspEdits(analysis, edits) } } });
        }
      }
      return actions;
    }),
  );
}
