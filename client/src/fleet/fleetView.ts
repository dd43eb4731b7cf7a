import * as vscode from 'vscode';
import { notify } from '../notices';
import type { ApiSessions } from '../apiSession';
import { describeError } from '../apiErrors';
import { refreshOpenDocuments } from '../commands';
import { BranchFileProvider, branchScheme } from '../branchFiles';
import { LiveConfigProvider } from '../compare';
import { FleetModel, type FleetEntry, type NoSession } from './fleetModel';
import { FleetTreeProvider, type FleetNode } from './fleetTree';
import { FleetActions } from './fleetActions';
import type { LiveData } from '../liveData';
import type { FileStates } from '../state/fileStates';
import { readConnectionSettings, viewRefreshIntervalSeconds } from '../settings';
import { fleetViewId, type TreeViewHandoff } from '../activation/handoff';
import { plural } from '../l10n/plural';
import { noticeText, textLimits } from '../../../core/src/untrusted';

/** The shortest time between two redraws of the view while states stream in. */
const redrawEveryMs = 400;
/** "Listing the workloads…" shows only when listing takes this long: a message set just before the list arrives would hold its first drawing back 200 ms. */
const listingMessageAfterMs = 500;
/** The longest the states wait for VS Code to ask for the rows of a new list (a hidden or collapsed view never asks). */
const listShownWaitMs = 150;


/** A workload row a command was run on (menus pass the node; a palette run passes nothing). */
function entryOf(node: unknown): FleetEntry | undefined {
  const candidate = node as FleetNode | undefined;
  return candidate?.kind === 'workload' ? candidate.entry : undefined;
}

/**
 * The Tinyforge view: every workload of the server grouped by GitOps state, with the badge of drifted workloads,
 * progress while states load, a filter, and the actions on a workload (open its file, Sync, compare, enable GitOps,
 * create its first file from the live config, refresh, copy its id).
 */
export class FleetView implements vscode.Disposable {
  readonly model: FleetModel;
  private readonly tree: FleetTreeProvider;
  private readonly view: vscode.TreeView<FleetNode>;
  private readonly subscriptions: vscode.Disposable[] = [];
  private loadingShown = false;
  private redrawTimer?: NodeJS.Timeout;
  private lastRedraw = 0;
  private shownState?: string;
  /** Workloads in the tree as last drawn: while there are none before and after, VS Code is not told the tree changed. */
  private drawnEntries = 0;
  private listingTimer?: NodeJS.Timeout;
  /** The open files' rows as last drawn (FleetTreeProvider.openRowsSignature). */
  private openRows = '[]';
  private readonly actions: FleetActions;

  constructor(
    context: vscode.ExtensionContext,
    sessions: ApiSessions,
    private readonly liveData: LiveData,
    states: FileStates,
    liveConfigs: LiveConfigProvider,
    handoff: TreeViewHandoff,
  ) {
    this.model = new FleetModel({
      session: async () => (await sessions.session()) ?? noSessionReason(),
      ttlMs: () => viewRefreshIntervalSeconds() * 1000,
      describe: (error, url) => describeError(error, url),
      // The answers are fresh: the open files take them (a routine refresh reuses them, so this asks for nothing more).
      onRound: () => void refreshOpenDocuments(liveData),
      // VS Code asks for the rows ~30 ms after the list is drawn; 300 state answers streaming in meanwhile would hold that up.
      listShown: () => this.tree.nextRootRequest(listShownWaitMs),
    });
    // Rows of workloads whose file is open render the one model, as the CodeLens and the status item do.
    this.actions = new FleetActions(context, this, liveData, states, liveConfigs);
    this.tree = new FleetTreeProvider(this.model, () => states.byWorkload());
    // The view was made at activation (activation/entry.ts), before this body loaded: it now shows this tree.
    this.view = handoff.view as vscode.TreeView<unknown> as vscode.TreeView<FleetNode>;
    handoff.tree.forwardTo(this.tree as vscode.TreeDataProvider<unknown>);
    liveConfigs.workloadSource = (workloadId) => {
      const snapshot = this.actions.snapshotOf(workloadId);
      return snapshot && { snapshot, stale: !!this.model.entry(workloadId)?.error };
    };
    this.subscriptions.push(
      this.tree,
      this.model.onChange((change) => this.scheduleRedraw(change !== 'state')),
      // In the same tick as the other surfaces, and only when an open file's row would read otherwise (a refresh that
      // changed nothing, a keystroke, redraw nothing: each redraw of 2,000 rows holds VS Code's drawing back 200 ms).
      states.onDidChange(() => {
        const signature = this.tree.openRowsSignature();
        if (signature === this.openRows) return;
        this.openRows = signature;
        this.scheduleRedraw(true);
      }),
      this.view.onDidChangeVisibility((event) => this.setVisible(event.visible)),
      vscode.workspace.registerTextDocumentContentProvider(branchScheme, new BranchFileProvider((workloadId) => {
        const state = this.model.entry(workloadId)?.state;
        return state?.raw ? { raw: state.raw, commitSha: state.commit_sha } : undefined;
      })),
      liveData.onDidWriteWorkload((workloadId) => {
        if (this.model.entry(workloadId)) void this.model.refreshWorkload(workloadId);
      }),
      ...this.registerCommands(),
    );
    this.redraw();
    if (this.view.visible) this.setVisible(true);
  }

  /** Fetches again (manual: every state anew, bypassing the view's cache), with progress in the view. */
  refresh(manual: boolean): Promise<void> {
    return this.withProgress(this.model.refresh(manual));
  }

  /** A refresh the user asked for elsewhere (Refresh, Sign In, another server): only a visible view fetches now. */
  async refreshIfShown(): Promise<void> {
    if (this.view.visible) await this.refresh(true);
  }

  private setVisible(visible: boolean): void {
    this.model.setVisible(visible);
    // The first look at the view loads everything: show it.
    if (visible && !this.loadingShown && this.model.status.kind !== 'ready') void this.withProgress(this.model.refresh(false));
  }

  withProgress(work: Promise<void>): Promise<void> {
    this.loadingShown = true;
    return Promise.resolve(vscode.window.withProgress({ location: { viewId: fleetViewId } }, () => work));
  }

  /**
   * Redraws at once for a new list or status (the first groups must not wait), and for states at once after a quiet
   * spell, then at most every 400 ms while answers stream in: VS Code redraws a tree only after 200 ms without a change
   * to it (its data, message or badge), so 300 answers drawn one by one would hold the whole tree back until the last.
   */
  private scheduleRedraw(now: boolean): void {
    if (now) {
      clearTimeout(this.redrawTimer);
      this.redrawTimer = undefined;
      this.lastRedraw = Date.now();
      return this.redraw();
    }
    if (this.redrawTimer) return;
    this.redrawTimer = setTimeout(() => {
      this.redrawTimer = undefined;
      this.lastRedraw = Date.now();
      this.redraw();
    }, Math.max(0, this.lastRedraw + redrawEveryMs - Date.now()));
  }

  private redraw(): void {
    const status = this.model.status;
    const entries = this.model.all();
    // Every change of the tree or its message within 200 ms defers VS Code's next drawing: none is sent for an empty tree.
    if (entries.length || this.drawnEntries) this.tree.refresh();
    this.drawnEntries = entries.length;
    const state = status.kind === 'ready' && !entries.length ? 'empty' : status.kind === 'failed' && entries.length ? 'ready' : status.kind;
    if (state !== this.shownState) {
      this.shownState = state;
      void vscode.commands.executeCommand('setContext', 'tinyforge.view.state', state);
    }
    const drifted = this.tree.driftedCount();
    if (drifted !== (this.view.badge?.value ?? 0)) this.view.badge = drifted ? { value: drifted, tooltip: plural(drifted, { one: '{0} drifted workload', other: '{0} drifted workloads' }) } : undefined;
    const { done, total } = this.model.progress();
    const filter = this.tree.filter;
    const messages: string[] = [];
    if (status.kind !== 'loading') clearTimeout(this.listingTimer);
    if (status.kind === 'failed') messages.push(entries.length ? vscode.l10n.t('{0} Showing the last known states.', status.reason) : status.reason);
    else if (status.kind === 'loading' && this.listingLongEnough()) messages.push(vscode.l10n.t('Listing the workloads of {0}…', status.url));
    else if (status.kind === 'ready' && done < total) messages.push(vscode.l10n.t('Checking {0} of {1} workloads with GitOps on…', done, total));
    if (this.tree.filtered) {
      const shown = this.tree.visibleRows().length;
      messages.push(
        filter.text && filter.onlyDrifted
          ? vscode.l10n.t('Drifted, named like "{0}": {1} of {2}.', filter.text, shown, entries.length)
          : filter.text
            ? vscode.l10n.t('Named like "{0}": {1} of {2}.', filter.text, shown, entries.length)
            : vscode.l10n.t('Drifted only: {0} of {1}.', shown, entries.length),
      );
    }
    const message = messages.length ? messages.join(' ') : undefined;
    // VS Code starts a view's message as '': setting undefined over it would be a change, and defer the next drawing.
    if (message !== (this.view.message || undefined)) this.view.message = message;
    const description = status.kind === 'ready' || status.kind === 'failed' ? status.url.replace(/^https?:\/\//, '') : undefined;
    if (description !== this.view.description) this.view.description = description;
  }

  /** Whether listing has taken long enough to say so; until then, a redraw is due when it will have. */
  private listingLongEnough(): boolean {
    const since = this.model.loadingSince();
    if (since === undefined) return false;
    const wait = since + listingMessageAfterMs - Date.now();
    if (wait <= 0) return true;
    clearTimeout(this.listingTimer);
    this.listingTimer = setTimeout(() => this.redraw(), wait);
    return false;
  }

  /** Fetches one workload anew; its open file takes the same answer (shared, no request), so its row and lens move together. */
  async refreshWorkload(workloadId: string): Promise<void> {
    await this.model.refreshWorkload(workloadId);
    await this.liveData.refreshBound(workloadId);
  }

  private setFilter(change: Partial<FleetTreeProvider['filter']>): void {
    this.tree.filter = { ...this.tree.filter, ...change };
    void vscode.commands.executeCommand('setContext', 'tinyforge.view.onlyDrifted', this.tree.filter.onlyDrifted);
    void vscode.commands.executeCommand('setContext', 'tinyforge.view.filtered', this.tree.filtered);
    this.redraw();
  }

  private registerCommands(): vscode.Disposable[] {
    const onEntry = (command: string, run: (entry: FleetEntry) => Promise<unknown> | unknown) =>
      vscode.commands.registerCommand(command, async (node?: unknown) => {
        const entry = entryOf(node);
        if (!entry) {
          void notify('info', vscode.l10n.t('Run this on a workload in the Tinyforge view.'));
          return;
        }
        await run(entry);
      });
    return [
      vscode.commands.registerCommand('tinyforge.view.refresh', () => this.refresh(true)),
      vscode.commands.registerCommand('tinyforge.view.filter', async () => {
        const text = await vscode.window.showInputBox({ title: vscode.l10n.t('Filter the Tinyforge view by name'), value: this.tree.filter.text, prompt: vscode.l10n.t('Part of a workload name; empty shows all.') });
        if (text !== undefined) this.setFilter({ text: text.trim() });
      }),
      vscode.commands.registerCommand('tinyforge.view.onlyDrifted', () => this.setFilter({ onlyDrifted: true })),
      vscode.commands.registerCommand('tinyforge.view.showAll', () => this.setFilter({ onlyDrifted: false })),
      vscode.commands.registerCommand('tinyforge.view.clearFilter', () => this.setFilter({ text: '', onlyDrifted: false })),
      onEntry('tinyforge.view.openFile', (entry) => this.actions.openFile(entry)),
      onEntry('tinyforge.view.sync', (entry) => this.actions.sync(entry)),
      onEntry('tinyforge.view.compare', (entry) => this.actions.compare(entry)),
      onEntry('tinyforge.view.enableGitOps', (entry) => this.actions.enable(entry)),
      onEntry('tinyforge.view.createFromLive', (entry) => this.actions.createFromLive(entry)),
      onEntry('tinyforge.view.refreshWorkload', (entry) => this.withProgress(this.refreshWorkload(entry.workload.id))),
      onEntry('tinyforge.view.copyId', async (entry) => {
        await vscode.env.clipboard.writeText(entry.workload.id);
        vscode.window.setStatusBarMessage(vscode.l10n.t('Copied {0}', noticeText(entry.workload.id, textLimits.name)), 3_000);
      }),
      vscode.commands.registerCommand('tinyforge.createFromLive', () => this.actions.pickAndCreate()),
    ];
  }

  dispose(): void {
    clearTimeout(this.redrawTimer);
    clearTimeout(this.listingTimer);
    this.model.dispose();
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}

/** Why there is no session now, in the view's terms. */
function noSessionReason(): NoSession {
  if (!vscode.workspace.isTrusted) return 'restricted';
  return readConnectionSettings().url ? 'signed-out' : 'no-url';
}
