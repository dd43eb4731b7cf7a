import * as vscode from 'vscode';
import type { LiveSnapshot } from '../../../core/src/live';
import type { LiveState } from '../liveData';
import { plural } from '../l10n/plural';
import { headlineOf, type LiveHeadline } from './model';

/** What the status item and the CodeLens say about a file, and the next step they offer. */
export interface StateSummary {
  /** Short label, e.g. "Drifted (2)". */
  label: string;
  /** Codicon name for the state. */
  icon: string;
  /** One or two sentences for tooltips. */
  detail: string;
  /** Whether the figures shown are the last known ones, not current. */
  stale: boolean;
  /** The command that is the natural next step. */
  next?: { title: string; command: string };
}

/** "3 min ago", "2 h ago": how long ago an ISO time was. */
export function timeAgo(iso: string | undefined, now = Date.now()): string {
  if (!iso) return vscode.l10n.t('never');
  const minutes = Math.max(0, Math.round((now - Date.parse(iso)) / 60_000));
  if (minutes < 1) return vscode.l10n.t('just now');
  if (minutes < 60) return vscode.l10n.t('{0} min ago', minutes);
  const hours = Math.round(minutes / 60);
  if (hours < 48) return vscode.l10n.t('{0} h ago', hours);
  return vscode.l10n.t('{0} d ago', Math.round(hours / 24));
}

/** HH:MM of a date, in the user's time zone. */
function clock(date: Date): string {
  return `${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}`;
}

/** Words for a live headline: the one place they are made, for every surface. */
function liveWords(headline: LiveHeadline, snapshot: LiveSnapshot): StateSummary {
  const name = snapshot.workloadName;
  const admin = snapshot.role === 'admin';
  const at = `${snapshot.branch}@${snapshot.branchHead?.commitSha.slice(0, 7) ?? ''}`;
  switch (headline.kind) {
    case 'disabled':
      return {
        label: vscode.l10n.t('GitOps disabled'),
        icon: 'debug-pause',
        detail: vscode.l10n.t('GitOps is off for {0}: Tinyforge does not read this file.', name),
        stale: false,
        next: admin ? { title: vscode.l10n.t('Enable GitOps'), command: 'tinyforge.enableGitOps' } : undefined,
      };
    case 'no-file':
      return { label: vscode.l10n.t('No file on branch'), icon: 'circle-slash', detail: vscode.l10n.t('{0}: there is no file at this path on {1}. Commit and push it.', name, snapshot.branch), stale: false, next: { title: vscode.l10n.t('Refresh'), command: 'tinyforge.refresh' } };
    case 'fetch-failed':
      return { label: vscode.l10n.t('Fetch failed'), icon: 'error', detail: vscode.l10n.t('Tinyforge could not fetch {0} from the git provider: {1}', snapshot.branch, headline.message), stale: false, next: { title: vscode.l10n.t('Refresh'), command: 'tinyforge.refresh' } };
    case 'invalid':
      return { label: vscode.l10n.t('Invalid on branch'), icon: 'warning', detail: vscode.l10n.t('The file on {0} does not validate: {1}', snapshot.branch, headline.message), stale: false, next: { title: vscode.l10n.t('Refresh'), command: 'tinyforge.refresh' } };
    case 'in-sync':
      return { label: vscode.l10n.t('In sync'), icon: 'check', detail: vscode.l10n.t('{0} matches {1}@{2} · synced {3}', name, snapshot.branch, headline.commit.slice(0, 7), timeAgo(snapshot.lastSyncAt)), stale: false, next: { title: vscode.l10n.t('Compare with Live'), command: 'tinyforge.compareWithLive' } };
    case 'edited':
      // The branch head is live; what differs is the text here, so the label says which comparison it means.
      return {
        label: plural(headline.fields, { one: '{1} is live · your edit: {0} field', other: '{1} is live · your edit: {0} fields' }, at),
        icon: 'edit',
        detail: plural(headline.fields, { one: '{1} matches {2}; {0} field of this file differs from live. Commit and push it, then Sync.', other: '{1} matches {2}; {0} fields of this file differ from live. Commit and push them, then Sync.' }, name, at),
        stale: false,
        next: { title: vscode.l10n.t('Compare with Live'), command: 'tinyforge.compareWithLive' },
      };
    case 'drifted':
      return {
        label: vscode.l10n.t('Drifted ({0})', headline.fields),
        icon: 'diff',
        detail: plural(headline.fields, { one: '{0} field of {1} differs from {2}@{3}.', other: '{0} fields of {1} differ from {2}@{3}.' }, name, snapshot.branch, snapshot.branchHead?.commitSha.slice(0, 7) ?? ''),
        stale: false,
        next: admin ? { title: vscode.l10n.t('Sync'), command: 'tinyforge.sync' } : { title: vscode.l10n.t('Compare with Live'), command: 'tinyforge.compareWithLive' },
      };
  }
}

/**
 * The one place a file's state becomes words, an icon and a next step, from the one model (state/model.ts): the
 * live state and `bufferDrift`, the drift of the text in the editor (so no surface says "In sync" beside drift).
 */
export function summarize(state: LiveState | undefined, bufferDrift = 0): StateSummary {
  const headline = headlineOf(state, bufferDrift);
  switch (headline.kind) {
    case 'checking':
      return { label: vscode.l10n.t('Checking…'), icon: 'sync~spin', detail: vscode.l10n.t('Fetching the live state.'), stale: false };
    case 'restricted':
      return { label: vscode.l10n.t('Restricted Mode'), icon: 'shield', detail: vscode.l10n.t('Tinyforge does not connect to a server in Restricted Mode. Trust this workspace to see live drift.'), stale: false, next: { title: vscode.l10n.t('Manage Workspace Trust'), command: 'workbench.trust.manage' } };
    case 'signed-out':
      return { label: vscode.l10n.t('Signed out'), icon: 'account', detail: vscode.l10n.t('Sign in to a Tinyforge server to see live drift.'), stale: false, next: { title: vscode.l10n.t('Sign In'), command: 'tinyforge.signIn' } };
    case 'other-branch':
      return {
        label: headline.localBranch ? vscode.l10n.t('On another branch ({0})', headline.localBranch) : vscode.l10n.t('Detached HEAD'),
        icon: 'git-branch',
        detail: vscode.l10n.t('{0} reads {1}; this checkout is on {2}. Switch to {1} to see its live drift, commit and push.', headline.workloadName, headline.workloadBranch, headline.localBranch || 'HEAD'),
        stale: false,
      };
    case 'not-linked':
      return {
        label: vscode.l10n.t('Not linked'),
        icon: 'link',
        detail: headline.ambiguous ? vscode.l10n.t('Several workloads match this file. Pick one.') : vscode.l10n.t('No workload on {0} reads this file from this repository and branch.', headline.url),
        stale: false,
        next: { title: vscode.l10n.t('Link File to Workload'), command: 'tinyforge.linkFile' },
      };
    case 'offline': {
      const last = headline.last && state?.kind === 'offline' && state.last ? liveWords(headline.last, state.last) : undefined;
      return {
        label: last ? vscode.l10n.t('Offline · {0} (stale since {1})', last.label, clock(headline.since)) : vscode.l10n.t('Offline'),
        icon: 'cloud-offline',
        detail: `${headline.reason}${last ? ` ${vscode.l10n.t('Last known: {0}, as of {1}.', last.label, clock(new Date(headline.lastFetchedAt!)))}` : ''}`,
        stale: true,
        next: { title: vscode.l10n.t('Refresh'), command: 'tinyforge.refresh' },
      };
    }
    default:
      return liveWords(headline, (state as Extract<LiveState, { kind: 'live' }>).snapshot);
  }
}

/** How many fields of a document's text differ from live: its drift diagnostics, where the live: decorations go. */
export function bufferDriftOf(uri: vscode.Uri): number {
  return vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.source === 'tinyforge' && diagnostic.code === 'drift').length;
}

/**
 * Fires when the drift count of some document's text changed (not on every diagnostics update: VS Code reports one
 * per pull, and a CodeLens refresh per keystroke would be wasted).
 */
export function onDidChangeBufferDrift(listener: () => void): vscode.Disposable {
  const counts = new Map<string, number>();
  return vscode.languages.onDidChangeDiagnostics((event) => {
    let changed = false;
    for (const uri of event.uris) {
      const key = uri.toString();
      const count = bufferDriftOf(uri);
      if ((counts.get(key) ?? 0) !== count) changed = true;
      if (count) counts.set(key, count);
      else counts.delete(key);
    }
    if (changed) listener();
  });
}

/** The words every surface shows for a state: "Drifted (2) · Ready to Sync 4f9b713" (the status item, the view's row, the Sync modal). */
export function wordsOf(state: { summary: StateSummary; git?: { text: string } }): string {
  return state.git ? `${state.summary.label} · ${state.git.text}` : state.summary.label;
}
