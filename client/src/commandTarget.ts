import * as vscode from 'vscode';
import { notify } from './notices';
import { isTinyforgeDocument } from './tinyforgeDocuments';

/** URIs of the files shown in editor tabs (a diff's modified side too). */
function tabUris(): Set<string> {
  const uris = new Set<string>();
  for (const tab of vscode.window.tabGroups.all.flatMap((group) => group.tabs)) {
    if (tab.input instanceof vscode.TabInputText) uris.add(tab.input.uri.toString());
    else if (tab.input instanceof vscode.TabInputTextDiff) uris.add(tab.input.modified.toString());
  }
  return uris;
}

/**
 * The Tinyforge documents open in a tab, active one first. `workspace.textDocuments` alone also holds documents
 * no tab shows (kept for minutes after closing, or opened by an extension), which a command must not act on unseen.
 */
export function openTinyforgeDocuments(): vscode.TextDocument[] {
  const active = vscode.window.activeTextEditor?.document;
  const shown = tabUris();
  const all = vscode.workspace.textDocuments.filter((document) => isTinyforgeDocument(document) && (shown.has(document.uri.toString()) || document === active));
  return active && isTinyforgeDocument(active) ? [active, ...all.filter((d) => d !== active)] : all;
}

// Commands get a vscode.Uri from menus and code lenses, a URI string from the language server's code actions, and
// possibly a plain path from a keybinding or another extension.
function uriOf(argument: unknown): vscode.Uri | undefined {
  if (argument instanceof vscode.Uri) return argument;
  if (typeof argument !== 'string' || !argument) return undefined;
  if (argument.startsWith('/') || /^[A-Za-z]:[\\/]/.test(argument)) return vscode.Uri.file(argument);
  try {
    return vscode.Uri.parse(argument, true);
  } catch {
    return undefined;
  }
}

async function documentAt(uri: vscode.Uri): Promise<vscode.TextDocument | undefined> {
  const open = vscode.workspace.textDocuments.find((document) => document.uri.toString() === uri.toString());
  try {
    return open ?? (await vscode.workspace.openTextDocument(uri));
  } catch (error) {
    void notify('error', vscode.l10n.t('Cannot open {0}: {1}', uri.toString(true), error instanceof Error ? error.message : String(error)));
    return undefined;
  }
}

/**
 * The Tinyforge file a command acts on: the URI it was given (code action, code lens, editor title), else the active
 * editor's, else the only one open in a tab, else the one the user picks. Says why when there is none, instead of
 * doing nothing or acting on another file.
 */
export async function commandTarget(uriArgument?: unknown): Promise<vscode.TextDocument | undefined> {
  // Anything but a URI or a path (a keybinding's or another extension's own argument) is as good as none.
  const uri = uriOf(uriArgument);
  if (uri) {
    const document = await documentAt(uri);
    if (!document) return undefined;
    if (!isTinyforgeDocument(document)) {
      const message =
        document.uri.scheme === 'file'
          ? vscode.l10n.t('{0} is not a Tinyforge file (.tinyforge.yml, .tinyforge.yaml or a tinyforge.files match).', vscode.workspace.asRelativePath(document.uri))
          : vscode.l10n.t('This is a {0} view of the file, not the file in the workspace: open the file itself.', document.uri.scheme);
      void notify('info', message);
      return undefined;
    }
    return document;
  }
  const candidates = openTinyforgeDocuments();
  const active = vscode.window.activeTextEditor?.document;
  if (candidates.length && (candidates[0] === active || candidates.length === 1)) return candidates[0];
  if (!candidates.length) {
    void notify('info', vscode.l10n.t('Open a .tinyforge.yml first.'));
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    candidates.map((document) => ({ label: vscode.workspace.asRelativePath(document.uri), document })),
    { title: vscode.l10n.t('Which Tinyforge file?') },
  );
  return picked?.document;
}
