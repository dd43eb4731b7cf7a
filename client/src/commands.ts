import * as vscode from 'vscode';
import { notify } from './notices';
import type { Workload } from '../../api/src/index';
import { describeError } from './apiErrors';
import { signIn, signOut } from './auth';
import { rememberLink } from './binding';
import type { LiveData, RefreshOptions } from './liveData';
import { normalizeUrl, readConnectionSettings } from './settings';
import { commandTarget, openTinyforgeDocuments } from './commandTarget';
import { compareWithLive } from './compare';
import type { FileStates } from './state/fileStates';
import { showStatusActions } from './surfaces/statusItem';
import { enableGitOps, syncWorkload } from './sync';
import { noticeText, textLimits } from '../../core/src/untrusted';

async function askForUrl(): Promise<string | undefined> {
  const value = await vscode.window.showInputBox({
    title: vscode.l10n.t('Tinyforge server URL'),
    prompt: vscode.l10n.t('The address of your Tinyforge server, e.g. https://forge.example.com'),
    ignoreFocusOut: true,
    validateInput: (text) => (/^https?:\/\/[^/\s]+/.test(text.trim()) ? undefined : vscode.l10n.t('Enter an http:// or https:// URL.')),
  });
  if (!value) return undefined;
  await vscode.workspace.getConfiguration('tinyforge').update('url', normalizeUrl(value), vscode.ConfigurationTarget.Global);
  return normalizeUrl(value);
}

/** What a round of refreshes came to, for the scheduler. */
export interface RefreshOutcome {
  failed: boolean;
  retryAfterSeconds?: number;
  anyLinked: boolean;
}

/** Refreshes every open Tinyforge file once. */
export async function refreshOpenDocuments(liveData: LiveData, options: RefreshOptions = {}): Promise<RefreshOutcome> {
  const states = await Promise.all(openTinyforgeDocuments().map((document) => liveData.refresh(document, options)));
  const offline = states.filter((state) => state.kind === 'offline');
  return {
    failed: offline.length > 0,
    retryAfterSeconds: Math.max(0, ...offline.map((state) => (state.kind === 'offline' ? (state.retryAfterSeconds ?? 0) : 0))),
    anyLinked: states.some((state) => state.kind === 'live' || state.kind === 'offline'),
  };
}

/** Registers Sign In, Sign Out, Link File to Workload, Refresh, Sync, Enable GitOps, Compare with Live and the status actions. */
export function registerLiveCommands(
  context: vscode.ExtensionContext,
  liveData: LiveData,
  states: FileStates,
  output: vscode.LogOutputChannel,
  onRefreshed: (outcome: RefreshOutcome) => void,
  refreshView: () => Promise<void>,
): void {
  // Asked for by the user (or after signing in, out, or a settings change): fresh answers for the open files and the view.
  const refreshAll = async (): Promise<void> => {
    const [outcome] = await Promise.all([refreshOpenDocuments(liveData, { current: true }), refreshView()]);
    onRefreshed(outcome);
  };
  context.subscriptions.push(
    vscode.commands.registerCommand('tinyforge.signIn', async () => {
      if (!vscode.workspace.isTrusted) {
        void notify('warning', vscode.l10n.t('Tinyforge does not connect to a server in Restricted Mode. Trust this workspace first.'));
        return;
      }
      const settings = readConnectionSettings();
      const url = settings.url ?? (await askForUrl());
      if (!url) return;
      if (!(await signIn(context.secrets, url, settings.caFile, output))) return;
      liveData.forgetTokens();
      await refreshAll();
    }),
    vscode.commands.registerCommand('tinyforge.signOut', async () => {
      const { url } = readConnectionSettings();
      if (!url) {
        void notify('info', vscode.l10n.t('No Tinyforge server is set (tinyforge.url), so there is nothing to sign out of.'));
        return;
      }
      await signOut(context.secrets, url);
      liveData.forgetTokens();
      output.info(`signed out of ${url}`);
      await refreshAll();
      // The environment's token is not ours to delete; say that it still signs the requests.
      void notify(
        'info',
        process.env.TINYFORGE_TOKEN
          ? vscode.l10n.t('Signed out of {0}, but TINYFORGE_TOKEN is set in VS Code\'s environment, so requests still use that token. Start VS Code without it to sign out fully.', url)
          : vscode.l10n.t('Signed out of {0}.', url),
      );
    }),
    vscode.commands.registerCommand('tinyforge.linkFile', async () => {
      const document = await commandTarget();
      if (!document) return;
      let workloads: Workload[] | undefined;
      try {
        workloads = await liveData.listWorkloads();
      } catch (error) {
        void notify('error', vscode.l10n.t('Could not list the workloads: {0}', describeError(error, readConnectionSettings().url ?? '')));
        return;
      }
      if (!workloads) {
        void notify('warning', vscode.l10n.t('Sign in to a Tinyforge server first.'));
        return;
      }
      const picked = await vscode.window.showQuickPick(
        workloads.map((workload) => ({
          label: workload.name,
          // The id is kept as sent (it goes back into request paths): shown through the one boundary.
          description: `${noticeText(workload.id, textLimits.name)} · ${workload.source_kind}`,
          detail: `${workload.source_config.repo_owner ?? '?'}/${workload.source_config.repo_name ?? '?'}@${workload.source_config.branch ?? '?'} · ${workload.gitops_path}`,
          id: workload.id,
        })),
        { title: vscode.l10n.t('Link {0} to a Tinyforge workload', vscode.workspace.asRelativePath(document.uri)), matchOnDescription: true, matchOnDetail: true },
      );
      if (!picked) return;
      await rememberLink(context.workspaceState, document, picked.id);
      await liveData.refresh(document, { current: true });
    }),
    vscode.commands.registerCommand('tinyforge.refresh', refreshAll),
    vscode.commands.registerCommand('tinyforge.sync', (uri?: unknown) => syncWorkload(liveData, states, uri)),
    vscode.commands.registerCommand('tinyforge.enableGitOps', (uri?: unknown) => enableGitOps(liveData, uri)),
    vscode.commands.registerCommand('tinyforge.compareWithLive', (uri?: unknown) => compareWithLive(liveData, uri)),
    vscode.commands.registerCommand('tinyforge.showStatusActions', () => showStatusActions(states)),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('tinyforge.url') || event.affectsConfiguration('tinyforge.caFile')) void refreshAll();
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => void refreshAll()),
  );
}
