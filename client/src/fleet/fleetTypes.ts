// No vscode import: what the fleet model works with and hands out (its own file, so the view, the tree and the bench
// import the shapes without the model).
import type { GitOpsState, Me, Workload } from '../../../api/src/index';
import type { FleetGroup } from '../../../core/src/fleet';
import type { Clock } from '../../../api/src/clock';
import type { GetOptions } from '../../../api/src/requestScheduler';

/** What the view needs of a server session (`ApiSession` is one). */
export interface FleetApi {
  url: string;
  me(options: GetOptions): Promise<Me>;
  workloads(options: GetOptions): Promise<Workload[]>;
  workload(workloadId: string, options: GetOptions): Promise<Workload>;
  gitops(workloadId: string, options: GetOptions): Promise<GitOpsState>;
  lastGitops(workloadId: string): { value: GitOpsState; fetchedAt: number } | undefined;
}

/** What changed: where the view stands, the list of workloads, or one workload's state (these stream in by the hundred). */
export type FleetChange = 'status' | 'list' | 'state';

/** Why there is no session: the view's empty states. */
export type NoSession = 'restricted' | 'no-url' | 'signed-out';

/** One workload as the view knows it. */
export interface FleetEntry {
  workload: Workload;
  /** Its GitOps state, once fetched (never for a workload with GitOps off). */
  state?: GitOpsState;
  /** When `state` was fetched (ms). */
  fetchedAt?: number;
  /** Why the last fetch of its state failed, if it did. */
  error?: string;
  /** When its state was last asked for, answered or not (ms): what the next round is timed from. */
  attemptedAt?: number;
  group: FleetGroup;
}

/** Where the view stands. */
export type FleetStatus =
  | { kind: 'idle' }
  | { kind: NoSession }
  | { kind: 'loading'; url: string }
  | { kind: 'ready'; url: string; me: Me; listedAt: number }
  | { kind: 'failed'; url: string; reason: string; me?: Me };

/** What the model is given: where a session comes from, how long answers are good for, and how to word an error. */
export interface FleetOptions {
  session(): Promise<FleetApi | NoSession>;
  /** `tinyforge.view.refreshInterval`, in ms, read at each round. */
  ttlMs(): number;
  describe(error: unknown, url: string): string;
  /** After a round has fetched what was due: open files of the same workloads can take these answers. */
  onRound?: () => void;
  /** Resolves once a new list is on its way to the screen: the states are asked for after it, so the first groups come first. */
  listShown?: () => Promise<void>;
  clock?: Clock;
}
