import * as vscode from 'vscode';
import { notify } from './notices';
import { asApiError, describeError } from './apiErrors';
import { normalizeUrl, readConnectionSettings } from './settings';
import type { LiveData, LiveState } from './liveData';
import { commandTarget } from './commandTarget';
import type { LiveSnapshot } from '../../core/src/index';
import { firstFields, plural } from './l10n/plural';
import type { FileStates } from './state/fileStates';
import { summarize, wordsOf } from './state/summary';

type LiveFileState = Extract<LiveState, { kind: 'live' }>;

/** The file an admin command acts on, with its live state fetched now; undefined after saying why not. */
async function adminTarget(
  liveData: LiveData,
  uriArgument: unknown,
  messages: { needsLive: string; needsAdmin: (state: LiveFileState) => string },
): Promise<{ document: vscode.TextDocument; state: LiveFileState } | undefined> {
  const document = await commandTarget(uriArgument);
  if (!document) return undefined;
  // What the command shows and sends must be current: GitOps or the role may have changed since the last round.
  const state = await liveData.refresh(document, { current: true });
  if (state.kind !== 'live') {
    void notify('warning', messages.needsLive);
    return undefined;
  }
  if (state.snapshot.role !== 'admin') {
    void notify('info', messages.needsAdmin(state));
    return undefined;
  }
  return { document, state };
}

/**
 * What a Sync acts on: a workload's snapshot fetched just now, and the file it came from (from an editor) or none
 * (from the Tinyforge view). `refetch` fetches the snapshot again after the Sync, bypassing every cache.
 */
export interface SyncTarget {
  url: string;
  snapshot: LiveSnapshot;
  document?: vscode.TextDocument;
  refetch(): Promise<LiveSnapshot | undefined>;
  /** The commit that must be the one applied (the one just pushed); anything else is refused. */
  expectedCommit?: string;
  /** What the CodeLens, the status item and the view say of it now (the one model), for the modal's first line. */
  shownAs?: string;
}

/** What a Sync came to: applied (or nothing to apply), declined at the modal, or not done. */
export type SyncOutcome = 'synced' | 'declined' | 'failed';

/** Sync for the file a command was given (or the active one): checks it has live data and an admin, then syncs. */
export async function syncWorkload(liveData: LiveData, states: FileStates, uriArgument?: unknown): Promise<void> {
  const target = await adminTarget(liveData, uriArgument, {
    needsLive: vscode.l10n.t('Sync needs live data for this file; the Tinyforge status item says what is missing.'),
    needsAdmin: (state) => vscode.l10n.t('Sync needs an admin: you are signed in to {0} as a viewer. Ask an admin to sync {1}.', state.url, state.snapshot.workloadName),
  });
  if (!target) return;
  const { document, state } = target;
  await confirmAndSync(liveData, {
    url: state.url,
    snapshot: state.snapshot,
    document,
    shownAs: wordsOf(states.of(document)),
    refetch: async () => {
      const after = await liveData.refresh(document, { current: true, afterWrite: true });
      return after.kind === 'live' ? after.snapshot : undefined;
    },
  });
}

/**
 * Sync: confirm every field that will change and the commit that will be applied (saying plainly when the editor's
 * text is not what is on the branch), send `expected_commit_sha`, then fetch again and report what still drifts.
 * The caller has checked that the user is an admin.
 */
export async function confirmAndSync(liveData: LiveData, target: SyncTarget): Promise<SyncOutcome> {
  const { snapshot, url, document } = target;
  if (snapshot.status !== 'ok' || !snapshot.branchHead) {
    void notify('warning', vscode.l10n.t('{0} cannot be synced now: GitOps status is {1}.', snapshot.workloadName, snapshot.status));
    return 'failed';
  }
  const commit = snapshot.branchHead.commitSha;
  if (target.expectedCommit && commit !== target.expectedCommit) {
    void notify('warning', vscode.l10n.t('Nothing was synced: Tinyforge now reports {0} as the head of {1}, not the pushed {2}.', commit.slice(0, 7), snapshot.branch, target.expectedCommit.slice(0, 7)));
    return 'failed';
  }
  const changes = snapshot.branchDrift ?? [];
  if (!changes.length) {
    void notify('info', vscode.l10n.t('Nothing to sync: {0} already matches {1}@{2}.', snapshot.workloadName, snapshot.branch, commit.slice(0, 7)));
    return 'synced';
  }
  // The modal says first what every surface says now, so it cannot tell another story than the lens beside it.
  const shownAs = target.shownAs ?? summarize({ kind: 'live', url, snapshot }).label;
  const listed = firstFields(changes, 12);
  const lines = [vscode.l10n.t('Now: {0}', shownAs), '', ...listed.shown.map((change) => `${change.field}: ${change.live_value === '' ? vscode.l10n.t('(not set)') : change.live_value} → ${change.repo_value}`), ...(listed.more ? [listed.more] : [])];
  // Line endings aside: a CRLF checkout of the branch's LF file is the same file.
  if (document && (document.isDirty || document.getText().replace(/\r\n/g, '\n') !== snapshot.branchHead.raw.replace(/\r\n/g, '\n'))) {
    lines.push('', vscode.l10n.t('The editor\'s text is not what is on {0}@{1} (unsaved, uncommitted or unpushed edits). Sync applies what is on the branch, not the editor.', snapshot.branch, commit.slice(0, 7)));
  }
  const confirm = vscode.l10n.t('Sync');
  const answer = await vscode.window.showWarningMessage(
    vscode.l10n.t('Sync {0} from {1}@{2}?', snapshot.workloadName, snapshot.branch, commit.slice(0, 7)),
    { modal: true, detail: lines.join('\n') },
    confirm,
  );
  if (answer !== confirm) return 'declined';
  // The modal showed this server's changes; another server (the setting changed meanwhile) must not get them.
  const currentUrl = readConnectionSettings().url;
  if (currentUrl && normalizeUrl(currentUrl) !== normalizeUrl(url)) {
    void notify('warning', vscode.l10n.t('Sync of {0} was not sent: tinyforge.url changed to {1} since the changes were fetched from {2}. Refresh, check the changes, then sync again.', snapshot.workloadName, currentUrl, url));
    return 'failed';
  }
  // Tinyforge fetches from the git provider while it syncs, which can take longer than a read.
  const connection = await liveData.api({ timeoutMs: 60_000 });
  if (!connection) {
    void notify('warning', vscode.l10n.t('Sync of {0} was not sent: there is no token for {1} any more. Sign in, then sync again.', snapshot.workloadName, url));
    return 'failed';
  }
  try {
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Syncing {0} from {1}@{2}…', snapshot.workloadName, snapshot.branch, commit.slice(0, 7)) },
      () => connection.api.sync(snapshot.workloadId, { expected_commit_sha: commit }),
    );
    const syncedAt = Date.now();
    liveData.workloadWritten(snapshot.workloadId);
    const after = await target.refetch();
    // Data fetched before the sync answered (a refresh that overtook ours) would list the fields just applied.
    const still = after && Date.parse(after.fetchedAt) >= syncedAt ? (after.branchDrift ?? []) : result.drift;
    if (still.length) {
      const listed = firstFields(still, 5);
      const fields = [...listed.shown.map((entry) => `${entry.field} (${entry.repo_value} ≠ ${entry.live_value || '∅'})`), ...(listed.more ? [listed.more] : [])].join(', ');
      void notify('warning', vscode.l10n.t('Synced {0}, but these fields still drift: {1}', snapshot.workloadName, fields));
    } else {
      void notify('info', plural(result.applied.length, { one: '{1} is now in sync with {2}@{3} ({0} field applied).', other: '{1} is now in sync with {2}@{3} ({0} fields applied).' }, snapshot.workloadName, snapshot.branch, commit.slice(0, 7)));
    }
    return 'synced';
  } catch (error) {
    const apiError = asApiError(error);
    if (apiError?.kind === 'timeout') {
      // The server may have finished after we stopped waiting: show what is true now rather than a bare failure.
      liveData.workloadWritten(snapshot.workloadId);
      await target.refetch();
      void notify('warning', vscode.l10n.t('{0} did not answer the sync of {1} in time. It may still have applied it; the file\'s live data has been fetched again.', url, snapshot.workloadName));
      return 'failed';
    }
    const message = describeError(error, url);
    const refresh = vscode.l10n.t('Refresh');
    const choice = await notify('error', vscode.l10n.t('Sync of {0} failed: {1}', snapshot.workloadName, message), refresh);
    if (choice === refresh) await target.refetch();
    return 'failed';
  }
}

/** Turns GitOps on for the file's workload (admins), then fetches again; every way it cannot says why. */
export async function enableGitOps(liveData: LiveData, uriArgument?: unknown): Promise<void> {
  const target = await adminTarget(liveData, uriArgument, {
    needsLive: vscode.l10n.t('Enabling GitOps needs live data for this file; the Tinyforge status item says what is missing.'),
    needsAdmin: () => vscode.l10n.t('Enabling GitOps needs an admin.'),
  });
  if (!target) return;
  const { document, state } = target;
  const { snapshot, url } = state;
  if (snapshot.status !== 'disabled') {
    void notify('info', vscode.l10n.t('GitOps is already on for {0}.', snapshot.workloadName));
    return;
  }
  if (!(await turnOnGitOps(liveData, snapshot.workloadId, snapshot.workloadName, url))) return;
  const after = await liveData.refresh(document, { current: true, afterWrite: true });
  const branch = after.kind === 'live' ? after.snapshot.branch : snapshot.branch;
  void notify(
    'info',
    after.kind === 'live' && after.snapshot.status === 'no_file'
      ? vscode.l10n.t('GitOps is on for {0}, but {1} has no such file yet: commit and push this file, then Sync has something to apply.', snapshot.workloadName, branch)
      : vscode.l10n.t('GitOps is on for {0}: Tinyforge now reads this file.', snapshot.workloadName),
  );
}

/** `PUT …/gitops {"enabled": true}` for an admin; false after saying why it was not done. */
export async function turnOnGitOps(liveData: LiveData, workloadId: string, workloadName: string, url: string): Promise<boolean> {
  const connection = await liveData.api();
  if (!connection) {
    void notify('warning', vscode.l10n.t('GitOps was not enabled for {0}: there is no token for {1} any more. Sign in, then try again.', workloadName, url));
    return false;
  }
  try {
    await connection.api.updateGitOps(workloadId, { enabled: true });
    return true;
  } catch (error) {
    const message = describeError(error, connection.url);
    void notify('error', vscode.l10n.t('Could not enable GitOps for {0}: {1}', workloadName, message));
    return false;
  } finally {
    liveData.workloadWritten(workloadId);
  }
}
