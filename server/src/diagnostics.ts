import { DocumentDiagnosticReportKind, type Diagnostic, type DocumentDiagnosticReport } from 'vscode-languageserver/node';
import type { Finding } from '../../core/src/index';
import { core } from './core';
import { toDiagnostic } from './lspDiagnostic';
import { runSafe } from './runSafe';
import { analysisOf, isTinyforgeUri, type ServerState } from './state';
import { diskDiagnostics } from './workspaceDiagnostics';

/**
 * Every finding of a document: the schema's, plus the live ones while a snapshot is held. While the text does not
 * parse (a key half typed), the live findings of its last text that did are carried over, moved with the edits.
 */
export function findingsFor(state: ServerState, uri: string): Finding[] {
  const analysis = analysisOf(state, uri);
  if (!analysis) return [];
  const snapshot = state.snapshots.get(uri);
  if (!snapshot) return analysis.findings;
  const text = analysis.parsed.text;
  const last = state.lastLive.get(uri);
  if (analysis.findings.some((finding) => finding.code === 'yaml-syntax')) {
    return last && last.snapshot === snapshot ? [...analysis.findings, ...core().carryFindings(last.findings, last.text, text)] : analysis.findings;
  }
  const live = last && last.snapshot === snapshot && last.text === text ? last.findings : core().liveFindings(analysis, snapshot, state.locale, state.branchFields.get(uri));
  state.lastLive.set(uri, { text, snapshot, findings: live });
  return [...analysis.findings, ...live];
}

function diagnosticsFor(state: ServerState, uri: string): Diagnostic[] {
  const analysis = analysisOf(state, uri);
  return analysis ? findingsFor(state, uri).map((finding) => toDiagnostic(analysis.lineIndex, finding)) : [];
}

/** Wires diagnostics: pulled when the client supports it, otherwise pushed once per burst of changes. */
export function registerDiagnostics(state: ServerState): void {
  const { connection, documents } = state;
  if (state.pullDiagnostics) {
    connection.languages.diagnostics.on((params, token) =>
      runSafe<DocumentDiagnosticReport>(state, 'diagnostics', { kind: DocumentDiagnosticReportKind.Full, items: [] }, token, async () => ({
        kind: DocumentDiagnosticReportKind.Full,
        // The client pulls once more as a file closes: answer with the file on disk, so its problems stay in view.
        items: state.documents.get(params.textDocument.uri) ? diagnosticsFor(state, params.textDocument.uri) : await diskDiagnostics(state, params.textDocument.uri),
      })),
    );
    return;
  }
  const scheduled = new Set<string>();
  const publish = (uri: string): void => {
    scheduled.delete(uri);
    void runSafe(state, 'publishDiagnostics', undefined, undefined, () => {
      if (!documents.get(uri) || !isTinyforgeUri(state, uri)) return;
      void connection.sendDiagnostics({ uri, version: documents.get(uri)?.version, diagnostics: diagnosticsFor(state, uri) });
    });
  };
  documents.onDidChangeContent((event) => {
    const uri = event.document.uri;
    if (scheduled.has(uri)) return;
    scheduled.add(uri);
    // Coalesces the changes that arrive in one tick; validation itself takes microseconds.
    setImmediate(publish, uri);
  });
  documents.onDidClose((event) => {
    if (isTinyforgeUri(state, event.document.uri)) void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
  });
}

/** Asks the client to re-pull, or re-pushes, diagnostics: for one document, or for all after a settings change. */
export function refreshDiagnostics(state: ServerState, onlyUri?: string): void {
  if (!onlyUri) state.analyses.clear();
  if (state.pullDiagnostics) {
    // A client that cannot refresh pulls again on its own next edit; one that answers with an error must not take us down.
    if (state.diagnosticsRefresh) {
      state.connection.languages.diagnostics.refresh().catch((error: unknown) => state.connection.console.warn(`diagnostics refresh refused: ${String(error)}`));
    }
    return;
  }
  for (const document of state.documents.all()) {
    if (onlyUri && document.uri !== onlyUri) continue;
    void state.connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics: diagnosticsFor(state, document.uri) });
  }
}
