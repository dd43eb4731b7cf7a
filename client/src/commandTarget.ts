import * as vscode from 'vscode';
import { isTinyforgeDocument } from './tinyforgeDocuments';

/** The open Tinyforge documents, active one first. */
export function openTinyforgeDocuments(): vscode.TextDocument[] {
  const active = vscode.window.activeTextEditor?.document;
  const all = vscode.workspace.textDocuments.filter(isTinyforgeDocument);
  return active && isTinyforgeDocument(active) ? [active, ...all.filter((d) => d !== active)] : all;
}

function uriOf(argument: unknown): vscode.Uri | undefined {
  if (argument instanceof vscode.Uri) return argument;
  if (typeof argument !== 'string') return undefined;
  try {
    return vscode.Uri.parse(argument, true);
  } catch {
    return undefined;
  }
}

/**
 * The Tinyforge file a command acts on: the URI it was given (code action, code lens, editor title), else the active
 * editor's, else the only one open, else the one the user picks. Says so when there is none, instead of doing nothing.
 */
export async function commandTarget(uriArgument?: unknown): Promise<vscode.TextDocument | undefined> {
  const uri = uriOf(uriArgument);
  if (uri) {
    const open = vscode.workspace.textDocuments.find((document) => document.uri.toString() === uri.toString());
    return open ?? (await vscode.workspace.openTextDocument(uri));
  }
  const candidates = openTinyforgeDocuments();
  const active = vscode.window.activeTextEditor?.document;
  if (candidates.length && (candidates[0] === active || candidates.length === 1)) return candidates[0];
  if (!candidates.length) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open a .tinyforge.yml first.'));
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    candidates.map((document) => ({ label: vscode.workspace.asRelativePath(document.uri), document })),
    { title: vscode.l10n.t('Which Tinyforge file?') },
  );
  return picked?.document;
}
