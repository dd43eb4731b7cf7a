import * as vscode from 'vscode';
import { isTinyforgeFile } from '../../core/src/files';

/** Whether an open document is one the language server handles (`.tinyforge.y(a)ml` or a `tinyforge.files` match). */
export function isTinyforgeDocument(document: vscode.TextDocument): boolean {
  if (document.uri.scheme !== 'file') return false;
  const folder = vscode.workspace.getWorkspaceFolder(document.uri);
  if (!folder) return isTinyforgeFile(document.uri.path);
  const relative = document.uri.path.slice(folder.uri.path.replace(/\/$/, '').length + 1);
  return isTinyforgeFile(relative, vscode.workspace.getConfiguration('tinyforge', folder.uri).get<string[]>('files', []));
}
