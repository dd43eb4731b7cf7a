/** The parts of a diagnostic the filter reads; both LSP and `vscode` diagnostics have them. */
export interface DiagnosticLike {
  code?: unknown;
  data?: unknown;
}

/** Codes the Red Hat YAML extension reports too (it parses every YAML file with the same `yaml` library). */
const reportedByRedHat = new Set(['duplicate-key']);

function codeOf(diagnostic: DiagnosticLike): string {
  const code = diagnostic.code;
  return String(typeof code === 'object' && code !== null ? (code as { value: unknown }).value : code);
}

/**
 * Drops the findings Red Hat YAML shows as well (parser syntax errors, duplicate keys), so each problem appears
 * once; schema findings, forbidden characters and unresolved aliases stay ours because Red Hat YAML does not report them.
 */
export function withoutRedHatDuplicates<T extends DiagnosticLike>(diagnostics: readonly T[]): T[] {
  return diagnostics.filter((diagnostic) => {
    const code = codeOf(diagnostic);
    if (reportedByRedHat.has(code)) return false;
    return !(code === 'yaml-syntax' && (diagnostic.data as { fromParser?: boolean } | undefined)?.fromParser === true);
  });
}
