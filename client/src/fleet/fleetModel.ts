// No vscode import: the Tinyforge view draws this, and the bench runs it on a clock that skips idle time.
import { setMaxListeners } from 'node:events';
import type { GitOpsState, Me, Workload } from '../../../api/src/index';
import { fleetGroupOf } from '../../../core/src/fleet';
import { systemClock, type Clock } from '../../../api/src/clock';
import type { GetOptions } from '../../../api/src/requestScheduler';
import type { FleetApi, FleetChange, FleetEntry, FleetOptions, FleetStatus } from './fleetTypes';

export type { FleetApi, FleetChange, FleetEntry, FleetOptions, FleetStatus, NoSession } from './fleetTypes';

/** How far ahead of its due time a state is refreshed, so one round refreshes a whole sweep, not one wake-up per answer. */
const sweepSlackMs = 30_000;
/** After a failed list, look again this soon (the scheduler's own pause still spaces the requests). */
const retryAfterFailureMs = 60_000;

/**
 * Every workload of the server and its GitOps state, for the Tinyforge view. The list is one `GET /api/workloads`;
 * a state is fetched only for a workload with GitOps on, only while the view is visible, through the shared
 * scheduler (at most 4 at once), and again once it is `ttlMs` old. A manual refresh asks for everything anew.
 */
export class FleetModel {
  private entries = new Map<string, FleetEntry>();
  private current: FleetStatus = { kind: 'idle' };
  private loadingStartedAt = 0;
  private visible = false;
  private timer: unknown;
  private round?: Promise<void>;
  /** Aborted when the view hides or a newer round starts: its queued requests are dropped, its answers ignored. */
  private roundController?: AbortController;
  private lastSession?: FleetApi;
  private readonly listeners = new Set<(change: FleetChange) => void>();
  private readonly clock: Clock;
  private disposed = false;

  constructor(private readonly options: FleetOptions) {
    this.clock = options.clock ?? systemClock;
  }

  /** Calls `listener` after every change, saying what changed (the view draws a new list at once, and coalesces states). */
  onChange(listener: (change: FleetChange) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  get status(): FleetStatus {
    return this.current;
  }

  /** When the list started loading (ms, the model's clock), while the status is `loading`. */
  loadingSince(): number | undefined {
    return this.current.kind === 'loading' ? this.loadingStartedAt : undefined;
  }

  /** Every workload, in the server's order. */
  all(): FleetEntry[] {
    return [...this.entries.values()];
  }

  entry(workloadId: string): FleetEntry | undefined {
    return this.entries.get(workloadId);
  }

  /** States fetched so far, of those to fetch (GitOps on): the view's progress. */
  progress(): { done: number; total: number } {
    const enabled = this.all().filter((entry) => entry.workload.gitops_enabled);
    return { done: enabled.filter((entry) => entry.state || entry.error).length, total: enabled.length };
  }

  /** The view became visible or hidden: nothing is fetched while it is hidden, not even what a round had queued. */
  setVisible(visible: boolean): void {
    if (visible === this.visible) return;
    this.visible = visible;
    if (visible) void this.refresh(false);
    else {
      this.cancelTimer();
      this.roundController?.abort();
    }
  }

  /** Fetches what is due (or, `manual`, everything); resolves once every state asked for has come or failed. */
  refresh(manual: boolean): Promise<void> {
    if (this.round && !manual) return this.round;
    const round = this.runRound(manual).finally(() => {
      if (this.round === round) this.round = undefined;
    });
    this.round = round;
    return round;
  }

  /** Fetches one workload and its state now (an item's Refresh, after a Sync): not the whole list, which grows with the fleet. */
  async refreshWorkload(workloadId: string): Promise<FleetEntry | undefined> {
    const session = await this.options.session();
    if (typeof session === 'string') return undefined;
    const now = { maxAgeMs: 0, priority: 0, manual: true };
    const entry = this.entries.get(workloadId);
    const stating = entry?.workload.gitops_enabled ? session.gitops(workloadId, now) : undefined;
    // Its failure is read below, once the workload's own answer is in.
    stating?.catch(() => undefined);
    // Another server or account meanwhile: an answer is not for the list shown now.
    const current = (): boolean => session === this.lastSession;
    let workload: Workload;
    try {
      workload = await session.workload(workloadId, now);
    } catch (error) {
      // Only the server saying it has no such workload takes it out of the view.
      if (current() && (error as { kind?: string }).kind === 'not_found') this.removeWorkload(workloadId);
      else if (current() && entry) this.applyError(entry, this.options.describe(error, session.url));
      return this.entries.get(workloadId);
    }
    let state: GitOpsState | undefined;
    let failure: unknown;
    try {
      // GitOps turned on since the list: its state is asked for now.
      state = workload.gitops_enabled ? await (stating ?? session.gitops(workloadId, now)) : undefined;
    } catch (error) {
      failure = error;
    }
    if (!current()) return this.entries.get(workloadId);
    this.applyWorkload(workload, state, session);
    if (failure !== undefined) this.applyError(this.entries.get(workloadId)!, this.options.describe(failure, session.url));
    return this.entries.get(workloadId);
  }

  dispose(): void {
    this.disposed = true;
    this.cancelTimer();
    this.roundController?.abort();
    this.listeners.clear();
  }

  private async runRound(manual: boolean): Promise<void> {
    this.cancelTimer();
    this.roundController?.abort();
    const controller = new AbortController();
    // Every state request of the round follows this signal: hundreds of listeners are its purpose, not a leak to warn of.
    setMaxListeners(0, controller.signal);
    this.roundController = controller;
    const { signal } = controller;
    const session = await this.options.session();
    if (signal.aborted) return;
    if (typeof session === 'string') {
      this.entries.clear();
      this.lastSession = undefined;
      return this.setStatus({ kind: session });
    }
    // Another server or account: what is held belongs to the old one.
    if (session !== this.lastSession) this.entries.clear();
    this.lastSession = session;
    const ttl = this.options.ttlMs();
    const ask: GetOptions = manual ? { maxAgeMs: 0, priority: 0, manual: true, signal } : { maxAgeMs: ttl - sweepSlackMs, priority: 1, signal };
    if (!this.entries.size || this.current.kind !== 'ready') this.setStatus({ kind: 'loading', url: session.url });
    let me: Me;
    try {
      const [who, workloads] = await Promise.all([session.me(ask), session.workloads(ask)]);
      if (signal.aborted) return;
      me = who;
      // The status below tells the view once about the list and the status together: it draws both in one go.
      this.applyList(workloads, false);
    } catch (error) {
      if (signal.aborted) return;
      this.setStatus({ kind: 'failed', url: session.url, reason: this.options.describe(error, session.url), me: this.current.kind === 'ready' ? this.current.me : undefined });
      return this.arm(Math.min(ttl, retryAfterFailureMs));
    }
    this.setStatus({ kind: 'ready', url: session.url, me, listedAt: this.clock.now() });
    await this.options.listShown?.();
    if (signal.aborted) return;
    const enabled = this.all().filter((entry) => entry.workload.gitops_enabled);
    await Promise.all(
      enabled.map(async (entry) => {
        try {
          const state = await session.gitops(entry.workload.id, ask);
          if (!signal.aborted) this.applyState(entry, state, session);
        } catch (error) {
          if (!signal.aborted) this.applyError(entry, this.options.describe(error, session.url));
        }
      }),
    );
    // Hidden meanwhile, or overtaken by a newer round: that one arms the next.
    if (signal.aborted) return;
    this.options.onRound?.();
    // The next round when the oldest state is due again (a failed one counts from its attempt); a round refreshes all that are nearly due.
    const oldest = Math.min(this.clock.now(), ...enabled.map((entry) => entry.attemptedAt ?? this.clock.now()));
    this.arm(Math.max(sweepSlackMs, oldest + ttl - this.clock.now()));
  }

  private applyList(workloads: readonly Workload[], notify = true): void {
    const next = new Map<string, FleetEntry>();
    for (const workload of workloads) {
      const previous = this.entries.get(workload.id);
      // GitOps turned off (or on) since: the old state says nothing any more.
      const state = previous && previous.workload.gitops_enabled === workload.gitops_enabled ? previous.state : undefined;
      next.set(workload.id, { workload, state, fetchedAt: state ? previous?.fetchedAt : undefined, error: state ? previous?.error : undefined, attemptedAt: state ? previous?.attemptedAt : undefined, group: fleetGroupOf(workload.gitops_enabled, state) });
    }
    this.entries = next;
    if (notify) this.changed('list');
  }

  /** One workload as the server now has it, and its state when fetched with it, in its place in the list (or at its end when new); one change. */
  private applyWorkload(workload: Workload, state: GitOpsState | undefined, session: FleetApi): void {
    const previous = this.entries.get(workload.id);
    const kept = state ?? (previous && previous.workload.gitops_enabled === workload.gitops_enabled ? previous.state : undefined);
    const fetchedAt = state ? (session.lastGitops(workload.id)?.fetchedAt ?? this.clock.now()) : kept ? previous?.fetchedAt : undefined;
    this.entries.set(workload.id, { workload, state: kept, fetchedAt, attemptedAt: state ? fetchedAt : previous?.attemptedAt, error: undefined, group: fleetGroupOf(workload.gitops_enabled, kept) });
    this.changed('list');
  }

  /** A workload the server no longer has. */
  private removeWorkload(workloadId: string): void {
    if (this.entries.delete(workloadId)) this.changed('list');
  }

  private applyState(entry: FleetEntry, state: GitOpsState, session: FleetApi): void {
    const current = this.entries.get(entry.workload.id);
    if (!current) return;
    current.state = state;
    current.fetchedAt = session.lastGitops(entry.workload.id)?.fetchedAt ?? this.clock.now();
    current.attemptedAt = current.fetchedAt;
    current.error = undefined;
    current.group = fleetGroupOf(current.workload.gitops_enabled, state);
    this.changed('state');
  }

  // A failed fetch keeps the last known state, marked; with none, the workload stays "not checked", never guessed.
  private applyError(entry: FleetEntry, reason: string): void {
    const current = this.entries.get(entry.workload.id);
    if (!current) return;
    current.error = reason;
    current.attemptedAt = this.clock.now();
    this.changed('state');
  }

  private setStatus(status: FleetStatus): void {
    if (status.kind === 'loading' && this.current.kind !== 'loading') this.loadingStartedAt = this.clock.now();
    this.current = status;
    this.changed('status');
  }

  private changed(change: FleetChange): void {
    if (this.disposed) return;
    for (const listener of this.listeners) listener(change);
  }

  private arm(delayMs: number): void {
    this.cancelTimer();
    if (!this.visible || this.disposed) return;
    this.timer = this.clock.setTimeout(() => void this.refresh(false), delayMs);
  }

  private cancelTimer(): void {
    this.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }
}
