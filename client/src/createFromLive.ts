import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import * as vscode from 'vscode';
import { notify } from './notices';
import { loadCore } from './lazy';
import type { Workload } from '../../api/src/index';
import { gitopsPathProblem } from '../../core/src/gitopsPath';
import type { LiveSnapshot } from '../../core/src/live';
import { workloadFile } from './workloadFiles';

/**
 * "Create .tinyforge.yml from live config", for a workload whose branch has no file: the managed fields of its live
 * config, written at its `gitops_path` inside the workspace folder that is its checkout (never outside it, never over
 * an existing file), opened, with what must happen before Sync has anything to apply.
 */
export async function createFileFromLive(state: vscode.Memento, workload: Workload, snapshot: LiveSnapshot): Promise<vscode.Uri | undefined> {
  const config = workload.source_config;
  const pathProblem = gitopsPathProblem(workload.gitops_path);
  if (pathProblem) {
    void notify('error', vscode.l10n.t('No file was created for {0}: its gitops_path "{1}" is not a safe path ({2}).', workload.name, workload.gitops_path, pathProblem));
    return undefined;
  }
  const file = await workloadFile(state, workload);
  if (!file) {
    // The checkout may be anywhere on disk: the user points at it; adding a folder can restart the extension, so they run it again.
    const add = vscode.l10n.t('Add Folder to Workspace…');
    const choice = await notify(
      'warning',
      vscode.l10n.t('No file was created for {0}: no workspace folder is a checkout of {1}/{2} on {3}. Add that repository\'s folder to the workspace, then run this again.', workload.name, String(config.repo_owner ?? '?'), String(config.repo_name ?? '?'), String(config.branch ?? '?')),
      add,
    );
    if (choice === add) await vscode.commands.executeCommand('workbench.action.addRootFolder');
    return undefined;
  }
  const relativePath = vscode.workspace.asRelativePath(file.uri);
  const open = vscode.l10n.t('Open');
  const refuse = async (): Promise<undefined> => {
    const choice = await notify('warning', vscode.l10n.t('{0} already exists; nothing was written. Open it to compare it with the live config.', relativePath), open);
    if (choice === open) await vscode.window.showTextDocument(file.uri);
    return undefined;
  };
  if (file.exists) return refuse();
  const core = loadCore();
  const text = core.renderLiveConfig(snapshot, core.toLocale(vscode.env.language), new Date().toISOString().slice(0, 10));
  try {
    await mkdir(dirname(file.uri.fsPath), { recursive: true });
    // 'wx' refuses to write over a file that appeared since the check above.
    await writeFile(file.uri.fsPath, text, { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return refuse();
    void notify('error', vscode.l10n.t('Could not create {0}: {1}', relativePath, (error as Error).message));
    return undefined;
  }
  await vscode.window.showTextDocument(file.uri);
  void notify(
    'info',
    vscode.l10n.t('Created {0} from the live config of {1}. Commit it and push it to {2}: until the branch has it, Sync has nothing to apply.', relativePath, workload.name, String(config.branch ?? '')),
  );
  return file.uri;
}
