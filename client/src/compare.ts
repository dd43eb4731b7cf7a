import * as vscode from 'vscode';
import { renderLiveConfig } from '../../core/src/renderLive';
import type { LiveData } from './liveData';
import { commandTarget } from './commandTarget';

/** The scheme of the read-only live-config documents. */
export const liveScheme = 'tinyforge-live';

/** Serves `tinyforge-live:` documents: a file's workload's live config, rendered as a `.tinyforge.yml` of its managed fields. */
export class LiveConfigProvider implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly subscriptions: vscode.Disposable[];
  /** Live documents VS Code holds open; they are re-rendered when their file's live data changes. */
  private readonly open = new Set<string>();

  constructor(private readonly liveData: LiveData) {
    this.subscriptions = [
      liveData.onDidChange((uri) => {
        for (const live of this.open) if (vscode.Uri.parse(live).query === encodeURIComponent(uri)) this.changed.fire(vscode.Uri.parse(live));
      }),
      vscode.workspace.onDidCloseTextDocument((document) => {
        if (document.uri.scheme === liveScheme) this.open.delete(document.uri.toString());
      }),
    ];
  }

  /** The live document URI for a file. */
  static uriFor(document: vscode.TextDocument, workloadId: string): vscode.Uri {
    return vscode.Uri.from({ scheme: liveScheme, path: `/${workloadId}/live.tinyforge.yml`, query: encodeURIComponent(document.uri.toString()) });
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    this.open.add(uri.toString());
    const state = this.liveData.stateOf(vscode.Uri.parse(decodeURIComponent(uri.query)));
    const snapshot = state?.kind === 'live' ? state.snapshot : state?.kind === 'offline' ? state.last : undefined;
    if (!snapshot) return `# ${vscode.l10n.t('No live data for this file.')}\n`;
    const stale = state?.kind === 'offline' ? `# ${vscode.l10n.t('Offline: this is the last known live config, not the current one.')}\n` : '';
    return stale + renderLiveConfig(snapshot);
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
    void vscode.window.showWarningMessage(vscode.l10n.t('There is no live config to compare with: the Tinyforge status item says why.'));
    return;
  }
  await vscode.commands.executeCommand(
    'vscode.diff',
    LiveConfigProvider.uriFor(document, snapshot.workloadId),
    document.uri,
    vscode.l10n.t('{0}: live ↔ {1}', snapshot.workloadName, vscode.workspace.asRelativePath(document.uri)),
  );
}
