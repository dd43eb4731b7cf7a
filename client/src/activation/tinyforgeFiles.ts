import * as vscode from 'vscode';

/** Whether a workspace folder holds a Tinyforge file (`.tinyforge.y(a)ml` or a `tinyforge.files` match), outside dependencies; false when the search fails (a virtual workspace). */
export async function hasTinyforgeFile(): Promise<boolean> {
  try {
    return await searchTinyforgeFile();
  } catch {
    return false;
  }
}

async function searchTinyforgeFile(): Promise<boolean> {
  const exclude = '{**/node_modules/**,**/.git/**}';
  if ((await vscode.workspace.findFiles('**/.tinyforge.{yml,yaml}', exclude, 1)).length) return true;
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    for (const glob of vscode.workspace.getConfiguration('tinyforge', folder.uri).get<string[]>('files', [])) {
      if ((await vscode.workspace.findFiles(new vscode.RelativePattern(folder, glob), exclude, 1)).length) return true;
    }
  }
  return false;
}
