import * as vscode from 'vscode';
import { fleetGroupOrder, type FleetGroup } from '../../core/src/fleet';
import { markdownCode, markdownText } from '../../core/src/untrusted';
import type { FleetEntry, FleetModel } from './fleetModel';
import { timeAgo } from './summary';

/** A row of the Tinyforge view: a GitOps state group, or one workload in it. */
export type FleetNode = { kind: 'group'; group: FleetGroup; entries: FleetEntry[] } | { kind: 'workload'; entry: FleetEntry };

/** What the view shows: a name filter, and whether only drifted workloads. */
export interface FleetFilter {
  text: string;
  onlyDrifted: boolean;
}

const groupIcons: Record<FleetGroup, [string, string | undefined]> = {
  drifted: ['diff', 'charts.orange'],
  invalid: ['warning', 'problemsWarningIcon.foreground'],
  fetch_failed: ['error', 'problemsErrorIcon.foreground'],
  no_file: ['circle-slash', undefined],
  in_sync: ['check', 'testing.iconPassed'],
  disabled: ['debug-pause', 'disabledForeground'],
  unknown: ['question', undefined],
};

function groupLabel(group: FleetGroup, loading: boolean): string {
  switch (group) {
    case 'drifted':
      return vscode.l10n.t('Drifted');
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
const expandedGroups = new Set<FleetGroup>(['drifted', 'invalid', 'fetch_failed', 'no_file']);

/** The tree of the Tinyforge view, drawn from the fleet model. */
export class FleetTreeProvider implements vscode.TreeDataProvider<FleetNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<FleetNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  filter: FleetFilter = { text: '', onlyDrifted: false };

  private rootAsked: Array<() => void> = [];

  constructor(private readonly model: FleetModel) {}

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
  visibleEntries(): FleetEntry[] {
    const text = this.filter.text.toLowerCase();
    return this.model.all().filter((entry) => (!this.filter.onlyDrifted || entry.group === 'drifted') && (!text || entry.workload.name.toLowerCase().includes(text)));
  }

  getChildren(node?: FleetNode): FleetNode[] {
    if (node?.kind === 'workload') return [];
    if (node) return node.entries.map((entry) => ({ kind: 'workload', entry }));
    // After VS Code has taken the rows and their items and sent them on (its writes wait for a timer too), not in between.
    if (this.rootAsked.length) setTimeout(() => [...this.rootAsked].forEach((asked) => asked()), 20);
    const entries = this.visibleEntries();
    return fleetGroupOrder.flatMap((group): FleetNode[] => {
      const members = entries.filter((entry) => entry.group === group);
      return members.length ? [{ kind: 'group', group, entries: members }] : [];
    });
  }

  getTreeItem(node: FleetNode): vscode.TreeItem {
    const loading = this.model.status.kind === 'loading' || this.model.progress().done < this.model.progress().total;
    if (node.kind === 'group') {
      // A filtered view opens every group it keeps: what the filter found must show. Its own ids, because VS Code keeps
      // each id's expanded or collapsed state over the state an item asks for.
      const expanded = this.filtered || expandedGroups.has(node.group);
      const item = new vscode.TreeItem(groupLabel(node.group, loading), expanded ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
      item.id = this.filtered ? `group:${node.group}:filtered` : `group:${node.group}`;
      item.description = String(node.entries.length);
      const [icon, color] = groupIcons[node.group];
      item.iconPath = node.group === 'unknown' && loading ? new vscode.ThemeIcon('loading~spin') : new vscode.ThemeIcon(icon, color ? new vscode.ThemeColor(color) : undefined);
      item.contextValue = 'group';
      return item;
    }
    return this.workloadItem(node.entry, loading);
  }

  private workloadItem(entry: FleetEntry, loading: boolean): vscode.TreeItem {
    const { workload, state } = entry;
    const item = new vscode.TreeItem(workload.name, vscode.TreeItemCollapsibleState.None);
    item.id = `workload:${workload.id}`;
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
    const [icon, color] = groupIcons[entry.group];
    item.iconPath = new vscode.ThemeIcon(icon, color ? new vscode.ThemeColor(color) : undefined);
    const role = this.model.status.kind === 'ready' ? this.model.status.me.role : 'viewer';
    item.contextValue = `workload.${entry.group}.${role}`;
    item.command = { title: vscode.l10n.t('Open File'), command: 'tinyforge.view.openFile', arguments: [{ kind: 'workload', entry }] };
    return item;
  }

  private tooltip(entry: FleetEntry): vscode.MarkdownString {
    const { workload, state } = entry;
    const config = workload.source_config;
    const lines = [
      `**${text(workload.name)}** · ${code(workload.id)} · ${text(workload.source_kind)}`,
      '',
      `${text(`${String(config.repo_owner ?? '?')}/${String(config.repo_name ?? '?')}@${String(config.branch ?? '?')}`)} · ${code(workload.gitops_path)}`,
    ];
    if (state?.drift.length) {
      lines.push('', `| ${vscode.l10n.t('Field')} | ${vscode.l10n.t('Repo')} | ${vscode.l10n.t('Live')} |`, '|---|---|---|');
      for (const drift of state.drift) lines.push(`| ${cell(drift.field)} | ${cell(drift.repo_value)} | ${drift.live_value === '' ? `*${vscode.l10n.t('not set')}*` : cell(drift.live_value)} |`);
    }
    if (state?.message) lines.push('', text(state.message));
    if (entry.error) lines.push('', `$(warning) ${text(entry.error)}`);
    if (entry.fetchedAt) lines.push('', vscode.l10n.t('Fetched {0}', timeAgo(new Date(entry.fetchedAt).toISOString())));
    const markdown = new vscode.MarkdownString(lines.join('\n'), true);
    return markdown;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
