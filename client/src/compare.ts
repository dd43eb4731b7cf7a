import * as vscode from 'vscode';
import { notify } from './notices';
import { loadCore } from './lazy';
import type { LiveSnapshot } from '../../core/src/live';
import type { LiveData } from './liveData';
import { commandTarget } from './commandTarget';

/** The scheme of the read-only live-config documents. */
export const liveScheme = 'tinyforge-live';

/** A live config to show: the snapshot, and whether it is the last known one rather than the current one. */
export interface LiveConfigSource {
  snapshot: LiveSnapshot;
  stale: boolean;
}

/**
 * Serves `tinyforge-live:` documents: a workload's live config, rendered as a `.tinyforge.yml` of its managed fields.
 * `?file=<uri>` follows an open file's live data; `?workload=<id>` a workload of the Tinyforge view.
 */
export class LiveConfigProvider implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly subscriptions: vscode.Disposable[];
  /** Live documents VS Code holds open; they are re-rendered when their file's live data changes. */
  private readonly open = new Set<string>();
  /** The Tinyforge view's live config of a workload (set once the view exists). */
  workloadSource?: (workloadId: string) => LiveConfigSource | undefined;

  constructor(private readonly liveData: LiveData) {
    const refile = (uri: string): void => {
      for (const live of this.open) if (new URLSearchParams(vscode.Uri.parse(live).query).get('file') === uri) this.changed.fire(vscode.Uri.parse(live));
    };
    this.subscriptions = [
      liveData.onDidChange(refile),
      // The live side is the file with live values put in: it follows the file's edits, so only drift differs.
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (this.open.size && event.contentChanges.length) refile(event.document.uri.toString());
      }),
      vscode.workspace.onDidCloseTextDocument((document) => {
        if (document.uri.scheme === liveScheme) this.open.delete(document.uri.toString());
      }),
    ];
  }

  /** The live document URI for a file. */
  static uriFor(document: vscode.TextDocument, workloadId: string): vscode.Uri {
    return vscode.Uri.from({ scheme: liveScheme, path: `/${encodeURIComponent(workloadId)}/live.tinyforge.yml`, query: new URLSearchParams({ file: document.uri.toString() }).toString() });
  }

  /** The live document URI for a workload of the Tinyforge view. */
  static uriForWorkload(workloadId: string): vscode.Uri {
    return vscode.Uri.from({ scheme: liveScheme, path: `/${encodeURIComponent(workloadId)}/live.tinyforge.yml`, query: new URLSearchParams({ workload: workloadId }).toString() });
  }

  /** Re-renders the open live documents of a workload of the view. */
  workloadChanged(workloadId: string): void {
    for (const live of this.open) if (new URLSearchParams(vscode.Uri.parse(live).query).get('workload') === workloadId) this.changed.fire(vscode.Uri.parse(live));
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    this.open.add(uri.toString());
    const query = new URLSearchParams(uri.query);
    const workloadId = query.get('workload');
    const file = query.get('file');
    const source = workloadId ? this.workloadSource?.(workloadId) : file ? this.fileSource(vscode.Uri.parse(file)) : undefined;
    if (!source) return `# ${vscode.l10n.t('No live data for this file.')}\n`;
    const core = loadCore();
    const locale = core.toLocale(vscode.env.language);
    // What Sync would change, and only that: the compared text itself, with the live values of what drifts.
    const base = file ? vscode.workspace.textDocuments.find((document) => document.uri.toString() === file)?.getText() : source.snapshot.branchHead?.raw;
    return base === undefined ? core.renderLiveConfig(source.snapshot, locale) : core.liveSideOf(base, source.snapshot, locale);
  }

  private fileSource(file: vscode.Uri): LiveConfigSource | undefined {
    const state = this.liveData.stateOf(file);
    if (state?.kind === 'live') return { snapshot: state.snapshot, stale: false };
    return state?.kind === 'offline' && state.last ? { snapshot: state.last, stale: true } : undefined;
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    this.changed.dispose();
  }
}

/** Opens a diff: the live config (read-only, left) against the file (right). */
export async function compareWithLive(liveData: LiveData, uriArgument?: unknown): Promise<void> {
  const document = await commandTarget(uriArgument);
  if (!document) return;
  let state = liveData.stateOf(document.uri);
  if (state?.kind !== 'live' && state?.kind !== 'offline') state = await liveData.refresh(document);
  const snapshot = state.kind === 'live' ? state.snapshot : state.kind === 'offline' ? state.last : undefined;
  if (!snapshot) {
    void notify('warning', vscode.l10n.t('There is no live config to compare with: the Tinyforge status item says why.'));
    return;
  }
  const title = vscode.l10n.t('{0}: live ↔ {1}', snapshot.workloadName, vscode.workspace.asRelativePath(document.uri));
  // Offline, the left side is the last known live config: the title says so (a comment in it would be a difference).
  await vscode.commands.executeCommand('vscode.diff', LiveConfigProvider.uriFor(document, snapshot.workloadId), document.uri, state.kind === 'offline' ? vscode.l10n.t('{0} (offline: last known live config)', title) : title);
}
