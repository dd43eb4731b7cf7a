// What the extension-host tests share: the extension, waits for VS Code's own events with a timeout (never a sleep),
// and the folders the runner prepared.
import * as vscode from 'vscode';

export const extensionId = 'tinyforge.tinyforge-gitops';
/** The folder the runner opened (TINYFORGE_VSCODE_WORKSPACE is set by scripts/vscode-test/run.ts). */
export const workspaceRoot = (): string => vscode.workspace.workspaceFolders![0].uri.fsPath;

/** Resolves when `condition` holds, checked at once and whenever `event` fires; rejects after `timeoutMs` saying what. */
export function waitFor<T>(what: string, event: vscode.Event<unknown>, condition: () => T | undefined | false, timeoutMs = 20_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      const value = condition();
      if (value === undefined || value === false) return false;
      cleanup();
      resolve(value as T);
      return true;
    };
    const subscription = event(() => void check());
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
    }, timeoutMs);
    const cleanup = (): void => {
      clearTimeout(timer);
      subscription.dispose();
    };
    check();
  });
}

/** Our diagnostics for a document (source tinyforge), once `condition` holds for them. */
export function tinyforgeDiagnostics(uri: vscode.Uri, condition: (diagnostics: vscode.Diagnostic[]) => boolean, what: string, timeoutMs?: number): Promise<vscode.Diagnostic[]> {
  const ours = (): vscode.Diagnostic[] => vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.source === 'tinyforge');
  return waitFor(what, vscode.languages.onDidChangeDiagnostics, () => (condition(ours()) ? ours() : undefined), timeoutMs);
}

/** `code@line:char-line:char`, 0-based, as the fixtures write them. */
export function where(diagnostic: vscode.Diagnostic): string {
  const { start, end } = diagnostic.range;
  const code = typeof diagnostic.code === 'object' ? String(diagnostic.code.value) : String(diagnostic.code);
  return `${code}@${start.line}:${start.character}-${end.line}:${end.character}`;
}

/** Opens a file in an editor, as a user would. */
export async function open(path: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(vscode.Uri.file(path));
  return vscode.window.showTextDocument(document, { preview: false });
}
