// No vscode import: edit → commit → push → Tinyforge sees the commit → Sync, as one flow whose every step can also
// run alone. The command supplies the ports (the prompt, the progress, the API, the Sync modal); a test supplies fakes.
import type { Clock } from '../../../api/src/clock';
import { commitFile, checkCheckout, fileHasChanges, pushBranch, waitUntilSeen, type Refusal, type StepContext } from './steps';

/** Which steps to run. */
export interface LoopSteps {
  commit: boolean;
  push: boolean;
  /** Wait until Tinyforge reports the pushed commit, then Sync (admins) or say that Sync needs one (viewers). */
  sync: boolean;
}

/** What the flow needs from its surroundings. */
export interface LoopPorts {
  context: StepContext;
  /** Saves the file's unsaved edits; false when the save did not happen. */
  save(): Promise<boolean>;
  /** The file at HEAD and as saved now, for the prefilled commit message. */
  texts(): Promise<{ head?: string; now: string }>;
  /** Asks for the commit message, prefilled; undefined when the user cancels. */
  askMessage(prefill: string): Promise<string | undefined>;
  /** The commit Tinyforge reports as the branch head now (one GET of the workload's GitOps state). */
  look(): Promise<string | undefined>;
  /** The Sync modal and request with `expected_commit_sha` set to `commit`; resolves once it is answered or declined. */
  sync(commit: string): Promise<'synced' | 'declined' | 'failed'>;
  isAdmin: boolean;
  /** Whether the workspace is trusted; the flow does nothing in Restricted Mode. */
  trusted: boolean;
  boundMs: number;
  clock: Clock;
  /** Cancels the flow between steps (and the wait at once). */
  signal: AbortSignal;
  /** Says which step is running, for the progress notification. */
  onStep(step: 'commit' | 'push' | 'wait' | 'sync', detail?: string): void;
  /** The changed fields between two versions of the file (the core's `describeFieldChanges`). */
  describeChanges(head: string | undefined, now: string): string;
}

/** How far the flow got: what it left behind, for the closing sentence. */
export type LoopProgress = { committed?: string; pushed?: string; alreadyPushed?: boolean; seen?: boolean };

/** What the flow came to. */
export type LoopOutcome =
  | { kind: 'done'; progress: LoopProgress; synced?: 'synced' | 'declined' | 'failed'; needsAdmin?: boolean }
  | { kind: 'refused'; refusal: Refusal; progress: LoopProgress }
  | { kind: 'cancelled'; at: 'message' | 'commit' | 'push' | 'wait' | 'sync'; progress: LoopProgress }
  | { kind: 'not-saved' };

/** The prefilled commit message: `tinyforge: port 8080 → 3000, max_instances 2 → 4`, or what happened to the file. */
export function commitMessageFor(changes: string, newFile: boolean): string {
  if (newFile) return changes ? `tinyforge: add the GitOps file (${changes})` : 'tinyforge: add the GitOps file';
  return changes ? `tinyforge: ${changes}` : 'tinyforge: update the GitOps file';
}

/** Runs the chosen steps in order; stops at the first refusal or cancel, leaving the repository as that step left it. */
export async function runLoop(ports: LoopPorts, steps: LoopSteps): Promise<LoopOutcome> {
  const { context, signal } = ports;
  const progress: LoopProgress = {};
  if (!ports.trusted) return { kind: 'refused', refusal: { kind: 'untrusted' }, progress };
  const refused = checkCheckout(context);
  if (refused) return { kind: 'refused', refusal: refused, progress };
  if (steps.commit) {
    if (!(await ports.save())) return { kind: 'not-saved' };
    // The Git extension reads the working tree after a delay; a file saved just now must count as changed.
    await context.repository.status();
    // A file with nothing to commit skips the step: what is staged besides it is not ours to commit or to judge.
    if (fileHasChanges(context)) {
      const texts = await ports.texts();
      const message = await ports.askMessage(commitMessageFor(ports.describeChanges(texts.head, texts.now), texts.head === undefined));
      if (message === undefined) return { kind: 'cancelled', at: 'message', progress };
      ports.onStep('commit');
      const committed = await commitFile(context, message);
      if (committed.kind !== 'done') return { kind: 'refused', refusal: committed, progress };
      if (committed.changed) progress.committed = committed.commit;
      if (signal.aborted) return { kind: 'cancelled', at: 'commit', progress };
    }
  }
  if (steps.push) {
    ports.onStep('push', context.workloadBranch);
    const pushed = await pushBranch(context);
    if (pushed.kind !== 'done') return { kind: 'refused', refusal: pushed, progress };
    progress.pushed = pushed.commit;
    if (!pushed.changed) progress.alreadyPushed = true;
    if (signal.aborted) return { kind: 'cancelled', at: 'push', progress };
  }
  if (!steps.sync) return { kind: 'done', progress };
  const commit = progress.pushed ?? context.repository.state.HEAD?.commit ?? '';
  ports.onStep('wait', commit);
  const seen = await waitUntilSeen(commit, ports.look, { boundMs: ports.boundMs, clock: ports.clock, signal });
  if (seen.kind !== 'seen') return seen.kind === 'cancelled' ? { kind: 'cancelled', at: 'wait', progress } : { kind: 'refused', refusal: seen, progress };
  progress.seen = true;
  if (!ports.isAdmin) return { kind: 'done', progress, needsAdmin: true };
  ports.onStep('sync', commit);
  const synced = await ports.sync(commit);
  return synced === 'declined' ? { kind: 'cancelled', at: 'sync', progress } : { kind: 'done', progress, synced };
}
