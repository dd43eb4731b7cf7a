import * as vscode from 'vscode';
import { systemClock } from '../../../api/src/clock';
import type { LiveData } from '../liveData';
import { isTinyforgeDocument } from '../tinyforgeDocuments';
import type { GitStandings } from './gitStandings';
import { waitUntilSeen } from './steps';

/** `tinyforge.sync.waitForPush`: how long to look for a pushed commit at Tinyforge (10 s to 10 min). */
export function waitForPushMs(): number {
  const seconds = vscode.workspace.getConfiguration('tinyforge').get<number>('sync.waitForPush', 120);
  return Math.min(600, Math.max(10, seconds)) * 1000;
}

/**
 * A push from anywhere (the Source Control view, a terminal, our own Commit and Push) is noticed: when the Git
 * extension reports that a linked file's branch reached its upstream at a commit Tinyforge does not report yet, this
 * asks Tinyforge for that workload's branch head with the bounded backoff Commit, Push and Sync uses (0, 1, 2, 4, 8,
 * then every 15 s, for tinyforge.sync.waitForPush), once per pushed commit, and refreshes the file when Tinyforge
 * reports it: every surface then shows "Ready to Sync" together. Commands that wait for their own push claim it.
 */
export class PushWatch implements vscode.Disposable {
  /** The pushed commit each workload was last watched for (found, given up on or still looked for), and how to stop it. */
  private readonly watches = new Map<string, { commit: string; controller: AbortController }>();
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly liveData: LiveData,
    private readonly standings: GitStandings,
    private readonly log: (line: string) => void,
  ) {
    this.subscription = standings.onDidChange(() => this.check());
  }

  /** A command looks for this pushed commit itself: a watch already running for it stops, and none starts. */
  claim(workloadId: string, commit: string): void {
    const running = this.watches.get(workloadId);
    if (running?.commit === commit) running.controller.abort();
    this.watches.set(workloadId, { commit, controller: new AbortController() });
  }

  private check(): void {
    for (const document of vscode.workspace.textDocuments) {
      if (!isTinyforgeDocument(document)) continue;
      const live = this.liveData.stateOf(document.uri);
      const view = this.standings.viewOf(document);
      if (live?.kind !== 'live' || view?.kind !== 'standing' || view.standing.kind !== 'waiting') continue;
      const { workloadId } = live.snapshot;
      const pushed = view.standing.pushed;
      if (this.watches.get(workloadId)?.commit === pushed) continue;
      this.watches.get(workloadId)?.controller.abort();
      this.watch(document, workloadId, pushed);
    }
  }

  private watch(document: vscode.TextDocument, workloadId: string, pushed: string): void {
    const controller = new AbortController();
    this.watches.set(workloadId, { commit: pushed, controller });
    this.log(`push of ${pushed.slice(0, 7)} noticed: looking for it at Tinyforge`);
    void waitUntilSeen(pushed, () => this.liveData.branchHeadOf(workloadId), { boundMs: waitForPushMs(), clock: systemClock, signal: controller.signal })
      .then(async (outcome) => {
        if (outcome.kind === 'seen') {
          this.log(`Tinyforge reports ${pushed.slice(0, 7)}: refreshing ${vscode.workspace.asRelativePath(document.uri)}`);
          if (!document.isClosed) await this.liveData.refresh(document, { current: true });
        } else if (outcome.kind === 'not-seen') this.log(`Tinyforge did not report ${pushed.slice(0, 7)} within ${Math.round(outcome.waitedMs / 1000)} s`);
      })
      // The entry stays when it ends: the same commit is not looked for again (a newer push replaces it).
      .catch((error: unknown) => this.log(`looking for ${pushed.slice(0, 7)} failed: ${error instanceof Error ? error.message : String(error)}`));
  }

  dispose(): void {
    this.subscription.dispose();
    for (const { controller } of this.watches.values()) controller.abort();
  }
}
