import * as vscode from 'vscode';
import { markdownCode, markdownText } from '../../../core/src/untrusted';
import type { FleetEntry, FleetModel } from './fleetModel';
import type { FileState } from '../state/fileStates';
import { groupOfHeadline, viewGroupOrder, type ViewGroup } from '../state/model';
import { timeAgo, wordsOf } from '../state/summary';
import { firstFields } from '../l10n/plural';

/** One workload in the view, with the group it shows under and, when its file is open, that file's state (the one model). */
export interface FleetRow {
  entry: FleetEntry;
  group: ViewGroup;
  file?: FileState;
}

/** A row of the Tinyforge view: a GitOps state group, or one workload in it. */
export type FleetNode = { kind: 'group'; group: ViewGroup; rows: FleetRow[] } | ({ kind: 'workload' } & FleetRow);

/** The state of each workload whose file is open, by workload id (FileStates.byWorkload). */
export type OpenFileStates = () => ReadonlyMap<string, FileState>;

/** What the view shows: a name filter, and whether only drifted workloads. */
export interface FleetFilter {
  text: string;
  onlyDrifted: boolean;
}

const groupIcons: Record<ViewGroup, [string, string | undefined]> = {
  drifted: ['diff', 'charts.orange'],
  edited: ['edit', 'charts.yellow'],
  invalid: ['warning', 'problemsWarningIcon.foreground'],
  fetch_failed: ['error', 'problemsErrorIcon.foreground'],
  no_file: ['circle-slash', undefined],
  in_sync: ['check', 'testing.iconPassed'],
  disabled: ['debug-pause', 'disabledForeground'],
  unknown: ['question', undefined],
};

function groupLabel(group: ViewGroup, loading: boolean): string {
  switch (group) {
    case 'drifted':
      return vscode.l10n.t('Drifted');
    case 'edited':
      return vscode.l10n.t('Edited here, not applied');
    case 'invalid':
      return vscode.l10n.t('Invalid on branch');
    case 'fetch_failed':
      return vscode.l10n.t('Fetch failed');
    case 'no_file':
      return vscode.l10n.t('No file');
    case 'in_sync':
      return vscode.l10n.t('In sync');
    case 'disabled':
      return vscode.l10n.t('GitOps disabled');
    case 'unknown':
      return loading ? vscode.l10n.t('Checking…') : vscode.l10n.t('Not checked');
  }
}

/** Server text in a tooltip: shown as text, never as Markdown (the one boundary, core/src/untrusted.ts). */
const text = (value: string): string => markdownText(value);

/** A value from the server as inline code it cannot leave; in a table cell, its pipes escaped too. */
const code = (value: string): string => markdownCode(value);
const cell = (value: string): string => markdownCode(value, { inTable: true });

// Groups that ask for action are open; the long quiet ones (thousands with GitOps off) start closed.
const expandedGroups = new Set<ViewGroup>(['drifted', 'edited', 'invalid', 'fetch_failed', 'no_file']);

/** The tree of the Tinyforge view, drawn from the fleet model. */
export class FleetTreeProvider implements vscode.TreeDataProvider<FleetNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<FleetNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  filter: FleetFilter = { text: '', onlyDrifted: false };

  private rootAsked: Array<() => void> = [];

  /** The open files' states as of the last drawing of the top rows: every row and item of one drawing reads the same. */
  private files: ReadonlyMap<string, FileState> = new Map();

  constructor(
    private readonly model: FleetModel,
    private readonly openFiles: OpenFileStates = () => new Map(),
  ) {}

  /** The row of one workload: under the group its open file's state says, else under Tinyforge's answer for it. */
  private rowOf(entry: FleetEntry): FleetRow {
    const file = this.files.get(entry.workload.id);
    return { entry, group: (file && groupOfHeadline(file.headline)) ?? entry.group, file };
  }

  /** Whether states were still loading when VS Code last asked for rows: worked out there (it walks every workload), not once per row. */
  private loading = false;

  /** The open files' rows as grouped and worded now: the view redraws for a file's change only when this moves. */
  openRowsSignature(): string {
    return JSON.stringify([...this.openFiles()].map(([id, file]) => [id, groupOfHeadline(file.headline), wordsOf(file)]));
  }

  /** How many workloads show as drifted: the view's badge, counted as the rows are grouped. */
  driftedCount(): number {
    this.files = this.openFiles();
    return this.model.all().filter((entry) => this.rowOf(entry).group === 'drifted').length;
  }

  /** Resolves once VS Code next asks for the top rows (it draws them right after), or after `timeoutMs` if it does not. */
  nextRootRequest(timeoutMs: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, timeoutMs);
      const rootAsked = this.rootAsked;
      function done(): void {
        clearTimeout(timer);
        const index = rootAsked.indexOf(done);
        if (index >= 0) rootAsked.splice(index, 1);
        resolve();
      }
      rootAsked.push(done);
    });
  }

  /** Redraws the whole tree (the view calls this at once for a new list, at most every 400 ms while states stream in). */
  refresh(): void {
    this.changed.fire(undefined);
  }

  /** Whether the filter hides anything (its text is trimmed as it is set). */
  get filtered(): boolean {
    return !!this.filter.text || this.filter.onlyDrifted;
  }

  /** The workloads the filter lets through. */
  visibleRows(): FleetRow[] {
    const text = this.filter.text.toLowerCase();
    return this.model
      .all()
      .map((entry) => this.rowOf(entry))
      .filter((row) => (!this.filter.onlyDrifted || row.group === 'drifted') && (!text || row.entry.workload.name.toLowerCase().includes(text)));
  }

  getChildren(node?: FleetNode): FleetNode[] {
    if (node?.kind === 'workload') return [];
    if (node) return node.rows.map((row) => ({ kind: 'workload', ...row }));
    // After VS Code has taken the rows and their items and sent them on (its writes wait for a timer too), not in between.
    if (this.rootAsked.length) setTimeout(() => [...this.rootAsked].forEach((asked) => asked()), 20);
    this.files = this.openFiles();
    const { done, total } = this.model.progress();
    this.loading = this.model.status.kind === 'loading' || done < total;
    const rows = this.visibleRows();
    return viewGroupOrder.flatMap((group): FleetNode[] => {
      const members = rows.filter((row) => row.group === group);
      return members.length ? [{ kind: 'group', group, rows: members }] : [];
    });
  }

  getTreeItem(node: FleetNode): vscode.TreeItem {
    const loading = this.loading;
    if (node.kind === 'group') {
      // A filtered view opens every group it keeps: what the filter found must show. Its own ids, because VS Code keeps
      // each id's expanded or collapsed state over the state an item asks for.
      const expanded = this.filtered || expandedGroups.has(node.group);
      const item = new vscode.TreeItem(groupLabel(node.group, loading), expanded ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
      item.id = this.filtered ? `group:${node.group}:filtered` : `group:${node.group}`;
      item.description = String(node.rows.length);
      const [icon, color] = groupIcons[node.group];
      item.iconPath = node.group === 'unknown' && loading ? new vscode.ThemeIcon('loading~spin') : new vscode.ThemeIcon(icon, color ? new vscode.ThemeColor(color) : undefined);
      item.contextValue = 'group';
      return item;
    }
    return this.workloadItem(node, loading);
  }

  private workloadItem(row: FleetRow, loading: boolean): vscode.TreeItem {
    const { entry, group, file } = row;
    const { workload, state } = entry;
    const item = new vscode.TreeItem(workload.name, vscode.TreeItemCollapsibleState.None);
    item.id = `workload:${workload.id}`;
    const [icon, color] = groupIcons[group];
    item.iconPath = new vscode.ThemeIcon(icon, color ? new vscode.ThemeColor(color) : undefined);
    const role = this.model.status.kind === 'ready' ? this.model.status.me.role : 'viewer';
    // Menus follow Tinyforge's groups: an edit not yet applied is, for Tinyforge, a workload in sync.
    item.contextValue = `workload.${group === 'edited' ? 'in_sync' : group}.${role}`;
    item.command = { title: vscode.l10n.t('Open File'), command: 'tinyforge.view.openFile', arguments: [{ kind: 'workload', ...row }] };
    if (file) {
      // Its file is open: the row says what the CodeLens and the status item say, in the same words.
      item.description = `${workload.source_kind} · ${wordsOf(file)}`;
      item.tooltip = this.tooltip(entry, file);
      return item;
    }
    const parts = [workload.source_kind];
    const drift = state?.drift.length ?? 0;
    if (entry.group === 'drifted') parts.push(vscode.l10n.t('{0} drifted', drift));
    if (state?.commit_sha) parts.push(state.commit_sha.slice(0, 7));
    const lastSync = state?.last_sync_at || workload.gitops_last_sync_at;
    if (entry.group === 'unknown') parts.push(entry.error ? vscode.l10n.t('not checked') : loading ? vscode.l10n.t('checking…') : vscode.l10n.t('not checked'));
    else if (entry.group !== 'disabled') parts.push(lastSync ? vscode.l10n.t('synced {0}', timeAgo(lastSync)) : vscode.l10n.t('never synced'));
    if (entry.error && state) parts.push(vscode.l10n.t('stale'));
    item.description = parts.join(' · ');
    item.tooltip = this.tooltip(entry);
    return item;
  }

  private tooltip(entry: FleetEntry, file?: FileState): vscode.MarkdownString {
    const { workload, state } = entry;
    const config = workload.source_config;
    const lines = [
      `**${text(workload.name)}** · ${code(workload.id)} · ${text(workload.source_kind)}`,
      '',
      `${text(`${String(config.repo_owner ?? '?')}/${String(config.repo_name ?? '?')}@${String(config.branch ?? '?')}`)} · ${code(workload.gitops_path)}`,
    ];
    if (file) lines.push('', `**${text(file.summary.label)}** · ${text(file.summary.detail)}`, ...(file.git ? ['', `${vscode.l10n.t('Git')}: **${text(file.git.text)}** · ${text(file.git.detail)}`] : []));
    // Everything below comes from the one answer the row's words come from: the open file's (its last, offline), or the view's.
    const snapshot = file?.live?.kind === 'live' ? file.live.snapshot : file?.live?.kind === 'offline' ? file.live.last : undefined;
    const drifts = snapshot ? (snapshot.branchDrift ?? []) : (state?.drift ?? []);
    if (drifts.length) {
      lines.push('', `| ${vscode.l10n.t('Field')} | ${vscode.l10n.t('Repo')} | ${vscode.l10n.t('Live')} |`, '|---|---|---|');
      const listed = firstFields(drifts, 12);
      for (const drift of listed.shown) lines.push(`| ${cell(drift.field)} | ${cell(drift.repo_value)} | ${drift.live_value === '' ? `*${vscode.l10n.t('not set')}*` : cell(drift.live_value)} |`);
      if (listed.more) lines.push('', listed.more);
    }
    if (!file && state?.message) lines.push('', text(state.message));
    if (!file && entry.error) lines.push('', `$(warning) ${text(entry.error)}`);
    const fetchedAt = snapshot ? snapshot.fetchedAt : entry.fetchedAt ? new Date(entry.fetchedAt).toISOString() : undefined;
    if (fetchedAt) lines.push('', vscode.l10n.t('Fetched {0}', timeAgo(fetchedAt)));
    const markdown = new vscode.MarkdownString(lines.join('\n'), true);
    return markdown;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
