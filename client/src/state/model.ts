// No vscode import: the one model of what a linked file's workload state is, from every input at once (the live
// state, and the drift of the text in the editor). Every surface puts it into words through summary.ts; none keeps a
// state of its own. Tests run it under Node's test runner.
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
