import { DiagnosticSeverity, DiagnosticTag, type Diagnostic } from 'vscode-languageserver/node';
import type { Finding, LineIndex, Severity } from '../../core/src/index';
import { toLspRange } from './ranges';

const severities: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
};

/** One finding as an LSP diagnostic: `code` is the contract's code, `source` is `tinyforge`. */
export function toDiagnostic(lineIndex: LineIndex, finding: Finding): Diagnostic {
  const diagnostic: Diagnostic = {
    range: toLspRange(lineIndex, finding.span),
    severity: severities[finding.severity],
    code: finding.code,
    source: 'tinyforge',
    message: finding.message,
    data: { path: finding.path, ...finding.data },
  };
  if (finding.unnecessary) diagnostic.tags = [DiagnosticTag.Unnecessary];
  return diagnostic;
}
