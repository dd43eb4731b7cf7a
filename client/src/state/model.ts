// No vscode import: the one model of what a linked file's workload state is, from every input at once (the live
// state, and the drift of the text in the editor). Every surface puts it into words through summary.ts; none keeps a
// state of its own. Tests run it under Node's test runner.
import type { FleetGroup } from '../../../core/src/fleet';
import type { LiveState } from '../liveData';

/** What a file's state is, before words: the same inputs give the same headline on every surface. */
export type Headline =
  | { kind: 'checking' }
  | { kind: 'restricted' }
  | { kind: 'signed-out' }
  | { kind: 'other-branch'; workloadName: string; workloadBranch: string; localBranch: string }
  | { kind: 'not-linked'; ambiguous: boolean; url: string }
  | { kind: 'offline'; reason: string; since: Date; last?: LiveHeadline; lastFetchedAt?: string }
  | LiveHeadline;

/** A headline from live data. `edited`: the branch head is what is live, and the editor's text differs from live. */
export type LiveHeadline =
  | { kind: 'disabled' }
  | { kind: 'no-file' }
  | { kind: 'fetch-failed'; message: string }
  | { kind: 'invalid'; message: string }
  | { kind: 'drifted'; fields: number }
  | { kind: 'edited'; fields: number; commit: string }
  | { kind: 'in-sync'; commit: string };

/**
 * The headline of a live snapshot. `bufferDrift` is how many fields of the text in the editor differ from live (the
 * drift diagnostics, where the live: decorations are drawn): "in sync" is said only when both the branch head and
 * the text match live, so no surface says "In sync" beside a drift decoration.
 */
export function liveHeadline(snapshot: NonNullable<Extract<LiveState, { kind: 'live' }>['snapshot']>, bufferDrift: number): LiveHeadline {
  switch (snapshot.status) {
    case 'disabled':
      return { kind: 'disabled' };
    case 'no_file':
      return { kind: 'no-file' };
    case 'fetch_failed':
      return { kind: 'fetch-failed', message: snapshot.statusMessage ?? '' };
    case 'invalid':
      return { kind: 'invalid', message: snapshot.statusMessage ?? '' };
    case 'ok': {
      const branchDrift = snapshot.branchDrift?.length ?? 0;
      const commit = snapshot.branchHead?.commitSha ?? '';
      if (branchDrift > 0) return { kind: 'drifted', fields: branchDrift };
      return bufferDrift > 0 ? { kind: 'edited', fields: bufferDrift, commit } : { kind: 'in-sync', commit };
    }
  }
}

/** The headline of a file from its live state and its text's drift. */
export function headlineOf(state: LiveState | undefined, bufferDrift: number): Headline {
  switch (state?.kind) {
    case undefined:
      return { kind: 'checking' };
    case 'restricted':
      return { kind: 'restricted' };
    case 'no-url':
    case 'signed-out':
      return { kind: 'signed-out' };
    case 'not-linked':
      if (state.binding.kind === 'unmatched' && state.binding.reason === 'other-branch') {
        const { workload, localBranch } = state.binding;
        return { kind: 'other-branch', workloadName: workload.name, workloadBranch: String(workload.source_config.branch ?? ''), localBranch };
      }
      return { kind: 'not-linked', ambiguous: state.binding.kind === 'ambiguous', url: state.url };
    case 'offline':
      // Offline, the text's drift is worked out from the last snapshot: the same rule holds.
      return { kind: 'offline', reason: state.reason, since: state.since, last: state.last && liveHeadline(state.last, bufferDrift), lastFetchedAt: state.last?.fetchedAt };
    case 'live':
      return liveHeadline(state.snapshot, bufferDrift);
  }
}

/** A group of the Tinyforge view: Tinyforge's own groups, and `edited` for an open file whose text differs from live. */
export type ViewGroup = FleetGroup | 'edited';

/** The view's order of groups: what needs doing first (an edit waiting to be committed right after drift). */
export const viewGroupOrder: readonly ViewGroup[] = ['drifted', 'edited', 'invalid', 'fetch_failed', 'no_file', 'in_sync', 'disabled', 'unknown'];

/**
 * The view's group for a workload whose file is open, from the same headline its CodeLens and status item show (so
 * the row never sits under "In sync" beside a drift decoration); undefined where the headline says nothing of the
 * workload (checking, signed out, not linked), and the view's own answer stands.
 */
export function groupOfHeadline(headline: Headline): ViewGroup | undefined {
  switch (headline.kind) {
    case 'drifted':
      return 'drifted';
    case 'edited':
      return 'edited';
    case 'in-sync':
      return 'in_sync';
    case 'disabled':
      return 'disabled';
    case 'no-file':
      return 'no_file';
    case 'fetch-failed':
      return 'fetch_failed';
    case 'invalid':
      return 'invalid';
    case 'offline':
      return headline.last && groupOfHeadline(headline.last);
    default:
      return undefined;
  }
}
