// No vscode import: the steps from an edited file to a commit Tinyforge reports (commit the file, push the branch,
// wait until Tinyforge sees it), through the Git extension's API, each refusing with a reason rather than changing
// anything it should not. Tests run them against a fake repository on Node's mock clock.
import { relative, sep } from 'node:path';
import type { Clock } from '../../../api/src/clock';
import type { GitError, GitRepository } from './gitApi';
import { noticeText, textLimits } from '../../../core/src/untrusted';
import { holdsFile } from './standing';

/** Why a step did nothing (or stopped), in terms the command turns into a sentence. */
export type Refusal =
  /** Restricted Mode: nothing is committed or pushed for a workspace the user has not trusted. */
  | { kind: 'untrusted' }
  | { kind: 'busy'; operation: 'merge' | 'rebase' }
  | { kind: 'detached' }
  | { kind: 'other-branch'; local: string; workload: string }
  /** Other files are staged: committing now would take them along. Paths from the repository root. */
  | { kind: 'other-staged'; files: string[] }
  | { kind: 'commit-failed'; detail: string }
  /** The upstream is known to be ahead: the push would be refused. */
  | { kind: 'behind'; behind: number; upstream: string }
  | { kind: 'no-remote' }
  /** The remote refused the push (not a fast-forward): pull first; we never force. */
  | { kind: 'push-rejected'; detail: string }
  | { kind: 'push-failed'; detail: string }
  /** Tinyforge did not report the pushed commit within the bound; `seen` is what it reported last. */
  | { kind: 'not-seen'; pushed: string; seen?: string; waitedMs: number; lastError?: string }
  | { kind: 'cancelled'; pushed: string; seen?: string };

/** The repository a step works on, the file, and the branch the workload reads. */
export interface StepContext {
  repository: GitRepository;
  /** The Tinyforge file's file-system path. */
  filePath: string;
  workloadBranch: string;
}

/** A step that went through: the commit HEAD is on afterwards, and whether the step had anything to do. */
export interface StepDone {
  kind: 'done';
  commit: string;
  changed: boolean;
}

/** What every step checks first: HEAD on the workload's branch, and no merge or rebase under way. */
export function checkCheckout(context: StepContext): Refusal | undefined {
  const { state } = context.repository;
  if (state.rebaseCommit) return { kind: 'busy', operation: 'rebase' };
  if (state.mergeChanges.length) return { kind: 'busy', operation: 'merge' };
  const head = state.HEAD;
  if (!head?.name) return { kind: 'detached' };
  if (head.name !== context.workloadBranch) return { kind: 'other-branch', local: head.name, workload: context.workloadBranch };
  return undefined;
}

/**
 * What git said, in a line or two: its `!`, `error:` and `fatal:` lines when it printed any, never its hints. Shown
 * as outside text: a remote writes the reason of a rejection and its `remote:` lines.
 */
function detailOf(error: unknown): string {
  const gitError = error as GitError;
  const lines = (gitError.stderr?.trim() || gitError.message || String(error)).split('\n').map((line) => line.trim()).filter((line) => line && !line.startsWith('hint:'));
  const telling = lines.filter((line) => /^(!|error:|fatal:)/.test(line));
  return noticeText((telling.length ? telling : lines.slice(-3)).join(' '), textLimits.message);
}

/** Whether the file differs from HEAD on disk (the caller saves its buffer first). */
export function fileHasChanges(context: StepContext): boolean {
  const { state } = context.repository;
  return holdsFile(state.workingTreeChanges, context.filePath) || holdsFile(state.indexChanges, context.filePath);
}

/** Commits the Tinyforge file and nothing else; refuses when other files are staged. A file with no change is not an error. */
export async function commitFile(context: StepContext, message: string): Promise<StepDone | Refusal> {
  const refused = checkCheckout(context);
  if (refused) return refused;
  const { repository, filePath } = context;
  const root = repository.rootUri.fsPath;
  const others = repository.state.indexChanges.filter((change) => change.uri.fsPath !== filePath).map((change) => relative(root, change.uri.fsPath).split(sep).join('/'));
  if (others.length) return { kind: 'other-staged', files: others };
  if (!fileHasChanges(context)) return { kind: 'done', commit: repository.state.HEAD!.commit!, changed: false };
  try {
    await repository.add([filePath]);
    await repository.commit(message);
  } catch (error) {
    return { kind: 'commit-failed', detail: detailOf(error) };
  }
  return { kind: 'done', commit: repository.state.HEAD?.commit ?? '', changed: true };
}

/** Pushes the workload's branch to its upstream (or to `origin`, setting it as upstream); never forces. */
export async function pushBranch(context: StepContext): Promise<StepDone | Refusal> {
  const refused = checkCheckout(context);
  if (refused) return refused;
  const { repository, workloadBranch } = context;
  const head = repository.state.HEAD!;
  if (head.upstream && (head.behind ?? 0) > 0) return { kind: 'behind', behind: head.behind!, upstream: `${head.upstream.remote}/${head.upstream.name}` };
  if (head.upstream && head.ahead === 0) return { kind: 'done', commit: head.commit ?? '', changed: false };
  const remotes = repository.state.remotes;
  const remote = head.upstream?.remote ?? (remotes.some((candidate) => candidate.name === 'origin') ? 'origin' : remotes[0]?.name);
  if (!remote) return { kind: 'no-remote' };
  try {
    await repository.push(remote, workloadBranch, !head.upstream);
  } catch (error) {
    const detail = detailOf(error);
    if ((error as GitError).gitErrorCode === 'PushRejected' || /\[rejected\]|non-fast-forward|fetch first/.test(detail)) return { kind: 'push-rejected', detail };
    return { kind: 'push-failed', detail };
  }
  return { kind: 'done', commit: repository.state.HEAD?.commit ?? head.commit ?? '', changed: true };
}

/** How long to wait between looks: soon after the push, then less often (the server asks its git provider each time). */
export const seenDelaysMs: readonly number[] = [0, 1000, 2000, 4000, 8000, 15_000];

function sleep(clock: Clock, ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const onAbort = (): void => {
      clock.clearTimeout(handle);
      resolve();
    };
    const handle = clock.setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Asks Tinyforge for the branch head until it reports `pushed`, waiting longer between looks (1 s doubling to 15 s)
 * and giving up after `boundMs`; a failed look counts as not seen yet. `look` resolves with the commit Tinyforge
 * reports (undefined when it reports none).
 */
export async function waitUntilSeen(
  pushed: string,
  look: () => Promise<string | undefined>,
  options: { boundMs: number; clock: Clock; signal: AbortSignal; onLook?: (seen: string | undefined) => void },
): Promise<{ kind: 'seen' } | Refusal> {
  const { clock, signal, boundMs } = options;
  const started = clock.now();
  let seen: string | undefined;
  let lastError: string | undefined;
  for (let attempt = 0; ; attempt++) {
    if (signal.aborted) return { kind: 'cancelled', pushed, seen };
    try {
      seen = await look();
      lastError = undefined;
      options.onLook?.(seen);
    } catch (error) {
      lastError = error instanceof Error ? error.message : String(error);
    }
    if (signal.aborted) return { kind: 'cancelled', pushed, seen };
    if (seen === pushed) return { kind: 'seen' };
    const elapsed = clock.now() - started;
    if (elapsed >= boundMs) return { kind: 'not-seen', pushed, seen, waitedMs: elapsed, lastError };
    // The last look falls on the bound itself, so a slow provider gets the whole time it was given.
    await sleep(clock, Math.min(seenDelaysMs[Math.min(attempt + 1, seenDelaysMs.length - 1)], boundMs - elapsed), signal);
  }
}
