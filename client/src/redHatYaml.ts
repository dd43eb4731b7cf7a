import * as vscode from 'vscode';

/** Codes the Red Hat YAML extension reports too (it parses every YAML file with the same `yaml` library). */
const reportedByRedHat = new Set(['duplicate-key']);

/** Whether the Red Hat YAML extension is installed and validating YAML. */
export function redHatYamlValidates(): boolean {
  return !!vscode.extensions.getExtension('redhat.vscode-yaml') && vscode.workspace.getConfiguration('yaml').get<boolean>('validate', true);
}

/** Drops our findings that Red Hat YAML already shows, so a user sees each problem once; schema findings stay ours. */
export function withoutRedHatDuplicates<T extends vscode.Diagnostic | { code?: unknown; data?: unknown }>(diagnostics: readonly T[]): T[] {
  return diagnostics.filter((diagnostic) => {
    const code = String(typeof diagnostic.code === 'object' && diagnostic.code ? (diagnostic.code as { value: unknown }).value : diagnostic.code);
    if (reportedByRedHat.has(code)) return false;
    const fromParser = (diagnostic as { data?: { fromParser?: boolean } }).data?.fromParser;
    return !(code === 'yaml-syntax' && fromParser);
  });
}
