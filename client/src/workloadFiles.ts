import { realpath } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, sep } from 'node:path';
import * as vscode from 'vscode';
import type { Workload } from '../../api/src/index';
import { gitopsPathProblem } from '../../core/src/gitopsPath';
import { matchWorkloads } from '../../core/src/remotes';
import { chosenWorkloadFiles } from './binding';
import { readCheckout } from '../../api/src/checkout';

/** Where a workload's file is, or would be, in this workspace. */
export interface WorkloadFile {
  folder: vscode.WorkspaceFolder;
  uri: vscode.Uri;
  exists: boolean;
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/** Whether `path` is `folder` or inside it, once symbolic links of what exists are resolved. */
async function isInside(folder: string, path: string): Promise<boolean> {
  const realFolder = await realpath(folder).catch(() => folder);
  // The file may not exist yet: resolve the nearest directory that does.
  let existing = path;
  let rest = '';
  for (;;) {
    try {
      existing = await realpath(existing);
      break;
    } catch {
      const parent = dirname(existing);
      if (parent === existing) return false;
      rest = join(basename(existing), rest);
      existing = parent;
    }
  }
  const resolved = relative(realFolder, join(existing, rest));
  return resolved === '' || (!resolved.startsWith(`..${sep}`) && resolved !== '..' && !isAbsolute(resolved));
}

/**
 * The workspace file of a workload, found by the same matcher the open files use: a file linked to it by hand
 * (Link File to Workload) first, else a workspace folder that is a checkout of its repository on its branch, with
 * the file at its `gitops_path`. Never a path outside the folder (a `gitops_path` with `..`, or a symbolic link
 * that leads out, finds nothing).
 */
export async function workloadFile(state: vscode.Memento, workload: Workload): Promise<WorkloadFile | undefined> {
  for (const chosen of await chosenWorkloadFiles(state, workload.id)) {
    const folder = vscode.workspace.getWorkspaceFolder(chosen);
    if (folder && (await exists(chosen))) return { folder, uri: chosen, exists: true };
  }
  if (gitopsPathProblem(workload.gitops_path)) return undefined;
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    if (folder.uri.scheme !== 'file') continue;
    const checkout = await readCheckout(folder.uri.fsPath);
    if (!checkout) continue;
    if (!matchWorkloads([workload], { remotes: checkout.remotes, branch: checkout.branch, filePath: workload.gitops_path }).length) continue;
    const path = join(checkout.root, ...workload.gitops_path.split('/'));
    if (!(await isInside(folder.uri.fsPath, path))) continue;
    // git names the root by its real path; the file is named as the workspace names it, so it is the open document.
    const realFolder = await realpath(folder.uri.fsPath).catch(() => folder.uri.fsPath);
    const uri = vscode.Uri.file(join(folder.uri.fsPath, relative(realFolder, path)));
    return { folder, uri, exists: await exists(uri) };
  }
  return undefined;
}
