// No vscode import: where a file stands between the editor and what Tinyforge applies, from the Git extension's
// state and the workload's branch head. Tests run it under Node's test runner.
import type { LiveSnapshot } from '../../../core/src/index';
import type { GitRepositoryState } from './gitApi';

/** Where the file stands on the way from the editor to what Tinyforge applies. */
export type Standing =
  /** A merge or rebase is under way: nothing should be committed on top of it. */
  | { kind: 'busy'; operation: 'merge' | 'rebase' }
  | { kind: 'detached' }
  /** The checkout is on another branch than the one the workload reads. */
  | { kind: 'other-branch'; local: string; workload: string }
  /** The buffer or the file on disk differs from HEAD. */
  | { kind: 'not-committed' }
  /** The upstream has commits this branch has not (as of the last fetch): a push would be refused. */
  | { kind: 'behind'; behind: number; upstream: string }
  /** Committed, not pushed: `ahead` commits, or a branch with no upstream yet (`ahead` undefined). */
  | { kind: 'not-pushed'; ahead?: number }
  /** Pushed, and Tinyforge still reports another branch head (or no file there). */
  | { kind: 'waiting'; pushed: string; seen?: string }
  /** Tinyforge reports the pushed commit and the live config differs from it. */
  | { kind: 'ready'; commit: string }
  /** Tinyforge reports the pushed commit and nothing differs. */
  | { kind: 'applied'; commit: string }
  /** Pushed; Tinyforge does not read the file (GitOps is off for the workload). */
  | { kind: 'pushed'; commit: string };

/** Whether a change list holds a file, compared by file-system path. */
export function holdsFile(changes: ReadonlyArray<{ uri: { fsPath: string } }>, path: string): boolean {
  return changes.some((change) => change.uri.fsPath === path);
}

/**
 * Where a file stands, from its repository's state as the Git extension reports it, whether its buffer has unsaved
 * edits, and the workload's live snapshot; undefined when HEAD is unknown (an empty repository).
 */
export function standingOf(state: GitRepositoryState, filePath: string, dirty: boolean, snapshot: LiveSnapshot): Standing | undefined {
  const head = state.HEAD;
  if (state.rebaseCommit) return { kind: 'busy', operation: 'rebase' };
  if (state.mergeChanges.length) return { kind: 'busy', operation: 'merge' };
  if (!head?.commit) return undefined;
  if (!head.name) return { kind: 'detached' };
  if (head.name !== snapshot.branch) return { kind: 'other-branch', local: head.name, workload: snapshot.branch };
  if (dirty || holdsFile(state.workingTreeChanges, filePath) || holdsFile(state.indexChanges, filePath)) return { kind: 'not-committed' };
  if (!head.upstream) return { kind: 'not-pushed' };
  if ((head.behind ?? 0) > 0) return { kind: 'behind', behind: head.behind!, upstream: `${head.upstream.remote}/${head.upstream.name}` };
  if ((head.ahead ?? 0) > 0) return { kind: 'not-pushed', ahead: head.ahead };
  if (snapshot.status === 'disabled') return { kind: 'pushed', commit: head.commit };
  const seen = snapshot.status === 'no_file' ? undefined : snapshot.branchHead?.commitSha;
  if (seen !== head.commit) return { kind: 'waiting', pushed: head.commit, seen };
  return snapshot.status === 'ok' && (snapshot.branchDrift?.length ?? 0) > 0 ? { kind: 'ready', commit: head.commit } : { kind: 'applied', commit: head.commit };
}
