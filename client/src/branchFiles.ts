import * as vscode from 'vscode';

/** The scheme of the read-only branch-head files the Tinyforge view opens for workloads with no file in the workspace. */
export const branchScheme = 'tinyforge-branch';

/** What a branch-head document shows: the file Tinyforge fetched, and the commit it fetched it at. */
export interface BranchFile {
  raw: string;
  commitSha: string;
}

/** Serves `tinyforge-branch:` documents from what the view last fetched (`GitOpsState.raw`): no request of its own. */
export class BranchFileProvider implements vscode.TextDocumentContentProvider {
  constructor(private readonly fileOf: (workloadId: string) => BranchFile | undefined) {}

  /**
   * The read-only document of a workload's file at the head of its branch. Its name, which the tab shows, says whose
   * and which commit (`shop-api@4b2d0c1 .tinyforge.yml`), so it is not taken for the workspace's file; it keeps the
   * file's extension, so it is YAML, and the language server checks it (the client selects the scheme).
   */
  static uriFor(workloadId: string, workloadName: string, gitopsPath: string, commitSha: string): vscode.Uri {
    const name = `${workloadName.replace(/[/\\]/g, '_')}@${commitSha.slice(0, 7)} ${gitopsPath.split('/').pop() ?? gitopsPath}`;
    return vscode.Uri.from({ scheme: branchScheme, path: `/${encodeURIComponent(workloadId)}/${name.replace(/\//g, '_')}`, query: new URLSearchParams({ commit: commitSha.slice(0, 12) }).toString() });
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    const workloadId = decodeURIComponent(uri.path.split('/')[1] ?? '');
    const file = this.fileOf(workloadId);
    return file ? file.raw : `# ${vscode.l10n.t('The file at the head of the branch is no longer known: refresh the Tinyforge view.')}\n`;
  }
}
