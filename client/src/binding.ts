import { join } from 'node:path';
import * as vscode from 'vscode';
import { locateFile, readCheckout } from '../../api/src/checkout';
import type { Workload } from '../../api/src/index';
import { matchWorkloads } from '../../core/src/remotes';

/** Which workload a file belongs to, or why none. */
export type Binding =
  | { kind: 'linked'; workload: Workload; how: 'remote' | 'chosen' }
  | { kind: 'ambiguous'; candidates: Workload[] }
  | { kind: 'unmatched'; reason: 'no-git' | 'no-match' }
  /** The repository and path are one workload's, but the checkout is on another branch than the one it reads. */
  | { kind: 'unmatched'; reason: 'other-branch'; workload: Workload; localBranch: string };

const linksKey = 'tinyforge.links';

/** Remembered choices, per workspace folder: file path (from the repo root) → workload id. */
type Links = Record<string, Record<string, string>>;

/** Where a file is: its path from its repository root and the checkout it is in (undefined outside git). */
export type Place = { folderKey: string; filePath: string; branch: string; remotes: string[] } | undefined;

/** The file's path from its repository root and the checkout it is in, or undefined outside git (asks git: start it early). */
export async function locate(document: vscode.TextDocument): Promise<Place> {
  const place = await locateFile(document.uri.fsPath);
  if (!place) return undefined;
  const folder = vscode.workspace.getWorkspaceFolder(document.uri);
  return { folderKey: (folder?.uri ?? vscode.Uri.file(place.root)).toString(), filePath: place.filePath, branch: place.branch, remotes: place.remotes };
}

/** Binds a file: a remembered choice first, else the unique workload whose repo, branch and gitops_path match. */
export async function resolveBinding(state: vscode.Memento, document: vscode.TextDocument, workloads: readonly Workload[], placed: Promise<Place> = locate(document)): Promise<Binding> {
  const place = await placed;
  const links = state.get<Links>(linksKey, {});
  const chosenId = place ? links[place.folderKey]?.[place.filePath] : links[document.uri.toString()]?.[''];
  const chosen = chosenId ? workloads.find((workload) => workload.id === chosenId) : undefined;
  if (chosen) return { kind: 'linked', workload: chosen, how: 'chosen' };
  if (!place) return { kind: 'unmatched', reason: 'no-git' };
  const candidates = matchWorkloads(workloads, { remotes: place.remotes, branch: place.branch, filePath: place.filePath });
  if (candidates.length === 1) return { kind: 'linked', workload: candidates[0], how: 'remote' };
  if (candidates.length) return { kind: 'ambiguous', candidates };
  // Not bound, but worth saying why: the checkout is on a branch other than the one a workload with this file reads.
  const onOtherBranches = workloads.filter((workload) => matchWorkloads([workload], { remotes: place.remotes, branch: workload.source_config.branch ?? '', filePath: place.filePath }).length);
  if (onOtherBranches.length === 1) return { kind: 'unmatched', reason: 'other-branch', workload: onOtherBranches[0], localBranch: place.branch };
  return { kind: 'unmatched', reason: 'no-match' };
}

/** Remembers the user's choice of workload for a file, in this workspace folder. */
export async function rememberLink(state: vscode.Memento, document: vscode.TextDocument, workloadId: string): Promise<void> {
  const place = await locate(document);
  const links = { ...state.get<Links>(linksKey, {}) };
  const folderKey = place?.folderKey ?? document.uri.toString();
  links[folderKey] = { ...links[folderKey], [place?.filePath ?? '']: workloadId };
  await state.update(linksKey, links);
}

/** The files the user linked to a workload by hand (Link File to Workload), in this workspace. */
export async function chosenWorkloadFiles(state: vscode.Memento, workloadId: string): Promise<vscode.Uri[]> {
  const files: vscode.Uri[] = [];
  for (const [folderKey, byPath] of Object.entries(state.get<Links>(linksKey, {}))) {
    for (const [filePath, id] of Object.entries(byPath)) {
      if (id !== workloadId) continue;
      // A file outside git is remembered by its own URI; one in a checkout by its path from the repository root.
      if (filePath === '') files.push(vscode.Uri.parse(folderKey));
      else {
        const folder = vscode.Uri.parse(folderKey);
        const checkout = folder.scheme === 'file' ? await readCheckout(folder.fsPath) : undefined;
        if (checkout) files.push(vscode.Uri.file(join(checkout.root, ...filePath.split('/'))));
      }
    }
  }
  return files;
}
