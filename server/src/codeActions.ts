import { CodeActionKind, type CodeAction, type Diagnostic, type TextEdit } from 'vscode-languageserver/node';
import type { Finding, TextEdit as CoreEdit } from '../../core/src/index';
import { core } from './core';
import { findingsFor } from './diagnostics';
import { toDiagnostic } from './lspDiagnostic';
import { toLspRange, toOffset } from './ranges';
import { runSafe } from './runSafe';
import { analysisOf, type Analysis, type ServerState } from './state';

/** The kind of our fix-all source action (`editor.codeActionsOnSave` can name it). */
export const fixAllKind = `${CodeActionKind.SourceFixAll}.tinyforge`;

/** The kind of the file-level Sync action. */
export const syncKind = `${CodeActionKind.Source}.sync.tinyforge`;

/** The kind of the file-level "use the live values" action (live → repo, the other way out of drift). */
export const useLiveValuesKind = `${CodeActionKind.Source}.useLiveValues.tinyforge`;

/** The client command that runs a Sync (it owns the network and the confirmation). */
export const syncCommand = 'tinyforge.sync';

/** A Sync action for admins when the branch head is known; viewers, and clients that have no Sync command, never see one. */
function syncAction(state: ServerState, uri: string, kind: string, diagnostics?: Diagnostic[]): CodeAction | undefined {
  const snapshot = state.snapshots.get(uri);
  if (!state.liveFromClient || !snapshot || snapshot.role !== 'admin' || snapshot.status !== 'ok' || !snapshot.branchHead) return undefined;
  const title = core().formatMessage(state.locale, 'syncAction', snapshot.workloadName, snapshot.branch, snapshot.branchHead.commitSha.slice(0, 7));
  return { title, kind, diagnostics, command: { title, command: syncCommand, arguments: [uri] } };
}

function toLspEdits(analysis: Analysis, edits: readonly CoreEdit[]): TextEdit[] {
  return edits.map((edit) => ({ range: toLspRange(analysis.lineIndex, edit.span), newText: edit.newText }));
}

/**
 * Finds the current finding a client diagnostic stands for, matched on code and range, never on message or
 * `source` (LSP makes it optional, and clients such as Vim's ALE drop it); indexed once per request.
 */
function findingMatcher(findings: readonly Finding[], analysis: Analysis): (diagnostic: Diagnostic) => Finding | undefined {
  const byCodeAndRange = new Map<string, Finding>();
  for (const finding of findings) {
    const key = `${finding.code}@${finding.span.start}-${finding.span.end}`;
    if (!byCodeAndRange.has(key)) byCodeAndRange.set(key, finding);
  }
  return (diagnostic) => byCodeAndRange.get(`${String(diagnostic.code)}@${toOffset(analysis.lineIndex, diagnostic.range.start)}-${toOffset(analysis.lineIndex, diagnostic.range.end)}`);
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
      const findings = findingsFor(state, uri);
      if (wants(params.context.only, CodeActionKind.QuickFix)) {
        const findingFor = findingMatcher(findings, analysis);
        const fixesOf = core().quickFixer(analysis.parsed, state.locale);
        // A client may send no diagnostics at all (ALE does when the range is a word): the findings the range touches.
        const start = toOffset(analysis.lineIndex, params.range.start);
        const end = toOffset(analysis.lineIndex, params.range.end);
        const targets = params.context.diagnostics.length
          ? params.context.diagnostics.map(findingFor)
          : findings.filter((finding) => finding.span.start <= end && finding.span.end >= start);
        for (const finding of targets) {
          if (!finding) continue;
          if (finding.code === 'drift') {
            const sync = syncAction(state, uri, CodeActionKind.QuickFix, [toDiagnostic(analysis.lineIndex, finding)]);
            if (sync) actions.push(sync);
          }
          for (const fix of fixesOf(finding)) {
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
      // Live → repo for the whole file: with the quick fixes when more than one field drifts, and as a source action.
      const drifts = findings.filter((finding) => finding.code === 'drift');
      const wantsAllAsQuickFix = drifts.length > 1 && wants(params.context.only, CodeActionKind.QuickFix) && params.context.diagnostics.some((diagnostic) => diagnostic.code === 'drift');
      if (drifts.length && (wantsAllAsQuickFix || (params.context.only && wants(params.context.only, useLiveValuesKind)))) {
        const edit = core().useLiveValuesEdit(analysis.parsed, findings);
        if (edit) {
          const title = core().formatMessage(state.locale, 'fixUseLiveAll', drifts.length);
          actions.push({ title, kind: wantsAllAsQuickFix ? CodeActionKind.QuickFix : useLiveValuesKind, edit: { changes: { [uri]: toLspEdits(analysis, [edit]) } } });
        }
      }
      if (wants(params.context.only, syncKind)) {
        const sync = syncAction(state, uri, syncKind);
        if (sync && sync.diagnostics === undefined && (state.snapshots.get(uri)?.branchDrift?.length ?? 0) > 0) actions.push(sync);
      }
      if (wants(params.context.only, fixAllKind)) {
        const edits = (analysis.fixAllEdits ??= core().fixAllEdits(analysis.parsed, analysis.findings, state.locale));
        if (edits.length) {
          actions.push({ title: core().formatMessage(state.locale, 'fixAll'), kind: fixAllKind, edit: { changes: { [uri]: toLspEdits(analysis, edits) } } });
        }
      }
      return actions;
    }),
  );
}
