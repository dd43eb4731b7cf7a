import * as vscode from 'vscode';
import { notify } from '../notices';
import type { LiveSnapshot } from '../../../core/src/live';
import { noticeText, textLimits } from '../../../core/src/untrusted';
import { BranchFileProvider } from '../branchFiles';
import { LiveConfigProvider } from '../compare';
import { createFileFromLive } from '../createFromLive';
import type { LiveData } from '../liveData';
import { loadApi } from '../lazy';
import type { FileStates } from '../state/fileStates';
import { wordsOf } from '../state/summary';
import { readConnectionSettings } from '../settings';
import { confirmAndSync, turnOnGitOps } from '../sync';
import { workloadFile } from '../workloadFiles';
import type { FleetEntry, FleetModel } from './fleetModel';

/** What the actions need of the view: its model, its progress, and the snapshot it builds from an answer. */
export interface FleetActionHost {
  readonly model: FleetModel;
  withProgress(work: Promise<void>): Promise<void>;
  /** Fetches one workload anew, and its open file takes the same answer. */
  refreshWorkload(workloadId: string): Promise<void>;
}

/** The actions on a workload of the Tinyforge view: open its file, Sync, compare, enable GitOps, create its first file. */
export class FleetActions {
  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly view: FleetActionHost,
    private readonly liveData: LiveData,
    private readonly states: FileStates,
    private readonly liveConfigs: LiveConfigProvider,
  ) {}

  private get model(): FleetModel {
    return this.view.model;
  }

  private withProgress(work: Promise<void>): Promise<void> {
    return this.view.withProgress(work);
  }

  /**
   * What the row of a workload says now, when its file is open and holds the answer `snapshot` came from (the same
   * branch head and drift); otherwise undefined, and the modal words `snapshot` itself.
   */
  wordsFor(workloadId: string, snapshot: LiveSnapshot): string | undefined {
    const file = this.states.byWorkload().get(workloadId);
    const held = file?.live?.kind === 'live' ? file.live.snapshot : undefined;
    const same = held && held.branchHead?.commitSha === snapshot.branchHead?.commitSha && JSON.stringify(held.branchDrift ?? []) === JSON.stringify(snapshot.branchDrift ?? []);
    return same ? wordsOf(file!) : undefined;
  }

  /** The snapshot the editor features use, built from what the view fetched for a workload. */
  snapshotOf(workloadId: string): LiveSnapshot | undefined {
    const entry = this.model.entry(workloadId);
    const status = this.model.status;
    const me = status.kind === 'ready' ? status.me : status.kind === 'failed' ? status.me : undefined;
    if (!entry?.state || !me) return undefined;
    return loadApi().snapshotFrom(entry.workload, entry.state, me, new Date(entry.fetchedAt ?? Date.now()));
  }

  private isAdmin(): boolean {
    return this.model.status.kind === 'ready' && this.model.status.me.role === 'admin';
  }

  /** Opens the workload's file in the workspace; without one, the file at the head of its branch, read-only. */
  async openFile(entry: FleetEntry): Promise<void> {
    const local = await workloadFile(this.context.workspaceState, entry.workload);
    if (local?.exists) {
      await vscode.window.showTextDocument(local.uri, { preview: true });
      return;
    }
    const state = entry.state;
    if (state?.raw && state.commit_sha) {
      await vscode.window.showTextDocument(BranchFileProvider.uriFor(entry.workload.id, entry.workload.name, entry.workload.gitops_path, state.commit_sha), { preview: true });
      return;
    }
    const create = vscode.l10n.t('Create .tinyforge.yml from Live Config');
    const choice = await notify(
      'info',
      vscode.l10n.t('{0} has no {1} in this workspace or on its branch.', entry.workload.name, entry.workload.gitops_path),
      ...(entry.group === 'no_file' ? [create] : []),
    );
    if (choice === create) await this.createFromLive(entry);
  }

  async sync(entry: FleetEntry): Promise<void> {
    if (!this.isAdmin()) {
      void notify('info', vscode.l10n.t('Sync needs an admin: you are signed in to {0} as a viewer. Ask an admin to sync {1}.', readConnectionSettings().url ?? '', entry.workload.name));
      return;
    }
    // The modal must show what is true now, not what the view fetched minutes ago.
    // Its open file takes the answer too (shared, no request), so the lens beside the modal says what the modal says.
    await this.withProgress(this.view.refreshWorkload(entry.workload.id));
    const snapshot = this.snapshotOf(entry.workload.id);
    if (!snapshot || this.model.entry(entry.workload.id)?.error) {
      void notify('warning', vscode.l10n.t('{0} cannot be synced now: {1}', entry.workload.name, this.model.entry(entry.workload.id)?.error ?? vscode.l10n.t('its state is not known.')));
      return;
    }
    const local = await workloadFile(this.context.workspaceState, entry.workload);
    const document = local?.exists ? vscode.workspace.textDocuments.find((candidate) => candidate.uri.toString() === local.uri.toString()) : undefined;
    await confirmAndSync(this.liveData, {
      url: this.model.status.kind === 'ready' ? this.model.status.url : '',
      snapshot,
      document,
      shownAs: this.wordsFor(entry.workload.id, snapshot),
      refetch: async () => {
        await this.model.refreshWorkload(entry.workload.id);
        return this.snapshotOf(entry.workload.id);
      },
    });
  }

  /** Compare with Live: against the workspace file when there is one, else against the file at the head of the branch. */
  async compare(entry: FleetEntry): Promise<void> {
    const local = await workloadFile(this.context.workspaceState, entry.workload);
    if (local?.exists) {
      const document = await vscode.workspace.openTextDocument(local.uri);
      await vscode.commands.executeCommand('tinyforge.compareWithLive', document.uri);
      return;
    }
    const state = entry.state;
    if (!state?.raw || !this.snapshotOf(entry.workload.id)) {
      void notify('info', vscode.l10n.t('{0} has no file to compare with its live config, in this workspace or on its branch.', entry.workload.name));
      return;
    }
    this.liveConfigs.workloadChanged(entry.workload.id);
    await vscode.commands.executeCommand(
      'vscode.diff',
      LiveConfigProvider.uriForWorkload(entry.workload.id),
      BranchFileProvider.uriFor(entry.workload.id, entry.workload.name, entry.workload.gitops_path, state.commit_sha),
      vscode.l10n.t('{0}: live ↔ {1}@{2}', entry.workload.name, String(entry.workload.source_config.branch ?? ''), state.commit_sha.slice(0, 7)),
    );
  }

  async enable(entry: FleetEntry): Promise<void> {
    if (!this.isAdmin()) {
      void notify('info', vscode.l10n.t('Enabling GitOps needs an admin.'));
      return;
    }
    if (entry.workload.gitops_enabled) {
      void notify('info', vscode.l10n.t('GitOps is already on for {0}.', entry.workload.name));
      return;
    }
    const url = this.model.status.kind === 'ready' ? this.model.status.url : '';
    if (!(await turnOnGitOps(this.liveData, entry.workload.id, entry.workload.name, url))) return;
    const after = await this.model.refreshWorkload(entry.workload.id);
    // Gone from the server meanwhile: the view no longer lists it, and there is nothing to say about it.
    if (!after) return;
    if (after.state?.status !== 'no_file') {
      void notify('info', vscode.l10n.t('GitOps is on for {0}.', entry.workload.name));
      return;
    }
    const local = await workloadFile(this.context.workspaceState, entry.workload);
    const create = vscode.l10n.t('Create .tinyforge.yml from Live Config');
    const choice = await notify(
      'info',
      local?.exists
        ? vscode.l10n.t('GitOps is on for {0}, but its branch has no {1} yet: commit and push the file in this workspace.', entry.workload.name, entry.workload.gitops_path)
        : vscode.l10n.t('GitOps is on for {0}, but its branch has no {1} yet.', entry.workload.name, entry.workload.gitops_path),
      ...(local?.exists ? [] : [create]),
    );
    if (choice === create && after) await this.createFromLive(after);
  }

  async createFromLive(entry: FleetEntry): Promise<void> {
    if (!entry.state) await this.model.refreshWorkload(entry.workload.id);
    const current = this.model.entry(entry.workload.id) ?? entry;
    const snapshot = this.snapshotOf(current.workload.id);
    if (!snapshot) {
      void notify('warning', vscode.l10n.t('{0}: its live config is not known; refresh the Tinyforge view.', current.workload.name));
      return;
    }
    await createFileFromLive(this.context.workspaceState, current.workload, snapshot);
  }

  /** The palette's Create .tinyforge.yml from Live Config: pick one of the workloads whose branch has no file. */
  async pickAndCreate(): Promise<void> {
    if (this.model.status.kind !== 'ready') await this.withProgress(this.model.refresh(false));
    const candidates = this.model.all().filter((entry) => entry.group === 'no_file');
    if (!candidates.length) {
      void notify('info', this.model.status.kind === 'ready' ? vscode.l10n.t('No workload with GitOps on lacks its file on the branch.') : vscode.l10n.t('Sign in to a Tinyforge server first.'));
      return;
    }
    const picked = await vscode.window.showQuickPick(
      candidates.map((entry) => ({ label: entry.workload.name, description: `${noticeText(entry.workload.id, textLimits.name)} · ${entry.workload.source_kind}`, detail: `${String(entry.workload.source_config.repo_owner ?? '?')}/${String(entry.workload.source_config.repo_name ?? '?')}@${String(entry.workload.source_config.branch ?? '?')} · ${entry.workload.gitops_path}`, entry })),
      { title: vscode.l10n.t('Create .tinyforge.yml from the live config of…'), matchOnDescription: true, matchOnDetail: true },
    );
    if (picked) await this.createFromLive(picked.entry);
  }

}
