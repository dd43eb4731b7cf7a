import * as vscode from 'vscode';
import type { GitStandings, StandingView } from '../git/gitStandings';
import { labelStanding, type StandingLabel } from '../git/standingLabels';
import type { LiveData, LiveState } from '../liveData';
import { isTinyforgeDocument } from '../tinyforgeDocuments';
import { headlineOf, type Headline } from './model';
import { bufferDriftOf, onDidChangeBufferDrift, summarize, type StateSummary } from './summary';

/** Everything a surface shows about one open file, worked out once from every input. */
export interface FileState {
  uri: string;
  live: LiveState | undefined;
  /** Fields of the editor's text that differ from live (the drift diagnostics, under the `live:` decorations). */
  bufferDrift: number;
  headline: Headline;
  summary: StateSummary;
  /** Where the file stands in git, when its live data and the Git extension have answered. */
  standing?: StandingView;
  git?: StandingLabel;
}

/**
 * The one model every surface renders (the CodeLens, the status item, the hovers, the Tinyforge view's rows, the Sync
 * modal, Compare's title). Its inputs are the live data, the Git extension's state and the text's drift; a change of
 * any of them fires `onDidChange` once, after the inputs that moved in the same tick have all moved, so every
 * surface redraws from the same state together. Surfaces ask `of()` when they draw and keep nothing.
 */
export class FileStates implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly subscriptions: vscode.Disposable[];
  private pending = false;

  constructor(
    private readonly liveData: LiveData,
    private readonly standings: GitStandings,
  ) {
    const schedule = (): void => this.schedule();
    // A closed file's state goes with it: the view's row falls back to the view's own answer.
    this.subscriptions = [this.changed, liveData.onDidChange(schedule), standings.onDidChange(schedule), onDidChangeBufferDrift(schedule), vscode.workspace.onDidCloseTextDocument(schedule)];
  }

  // A live answer moves the git standing too, in the same tick: one redraw for both, never one between them.
  private schedule(): void {
    if (this.pending) return;
    this.pending = true;
    queueMicrotask(() => {
      this.pending = false;
      this.changed.fire();
    });
  }

  /** The state of an open Tinyforge file now. */
  of(document: vscode.TextDocument): FileState {
    const live = this.liveData.stateOf(document.uri);
    const bufferDrift = bufferDriftOf(document.uri);
    const standing = this.standings.viewOf(document);
    const snapshot = live?.kind === 'live' ? live.snapshot : undefined;
    return {
      uri: document.uri.toString(),
      live,
      bufferDrift,
      headline: headlineOf(live, bufferDrift),
      summary: summarize(live, bufferDrift),
      standing,
      git: standing?.kind === 'standing' && snapshot ? labelStanding(standing.standing, snapshot) : undefined,
    };
  }

  /** The state of each workload's open file, by workload id (the first file, if several are bound to one), for the view's rows. */
  byWorkload(): Map<string, FileState> {
    const found = new Map<string, FileState>();
    for (const document of vscode.workspace.textDocuments) {
      const live = this.liveData.stateOf(document.uri);
      const snapshot = live?.kind === 'live' ? live.snapshot : live?.kind === 'offline' ? live.last : undefined;
      if (snapshot && !found.has(snapshot.workloadId) && isTinyforgeDocument(document)) found.set(snapshot.workloadId, this.of(document));
    }
    return found;
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}
