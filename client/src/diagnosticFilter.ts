/** The parts of a diagnostic the filter reads; both LSP and `vscode` diagnostics have them. */
export interface DiagnosticLike {
  code?: unknown;
  data?: unknown;
}

/** Codes the Red Hat YAML extension reports too, on the same key (it parses every YAML file with the same `yaml` library). */
const codesRedHatReports = new Set(['duplicate-key']);

/**
 * Kinds of `yaml-syntax` Red Hat YAML reports too, at the same place (seen in `test/e2e/redHatYaml.e2e.ts`): the
 * parser's errors (tabs, unclosed flow collections, nesting too deep for the parser) and an alias with no anchor.
 * It does not report forbidden control characters or an alias inside its own anchor: those stay ours.
 */
const yamlProblemsRedHatReports = new Set(['parser', 'too-deep', 'unresolved-alias']);

function codeOf(diagnostic: DiagnosticLike): string {
  const code = diagnostic.code;
  return String(typeof code === 'object' && code !== null ? (code as { value: unknown }).value : code);
}

/** Drops the findings Red Hat YAML shows as well, so that each problem appears once in the Problems panel. */
export function withoutRedHatDuplicates<T extends DiagnosticLike>(diagnostics: readonly T[]): T[] {
  return diagnostics.filter((diagnostic) => {
    const code = codeOf(diagnostic);
    if (codesRedHatReports.has(code)) return false;
    const kind = (diagnostic.data as { yamlProblem?: string } | undefined)?.yamlProblem;
    return !(code === 'yaml-syntax' && kind !== undefined && yamlProblemsRedHatReports.has(kind));
  });
}
