import * as vscode from 'vscode';
import type { LiveData } from '../liveData';
import { isTinyforgeDocument } from '../tinyforgeDocuments';
import type { GitRepository } from './gitApi';
import { gitAccess, type GitAccess } from './gitExtension';
import { standingOf, type Standing } from './standing';

/** What is known of where an open file stands: its standing, or why there is none. */
export type StandingView = { kind: 'standing'; standing: Standing } | { kind: 'no-git'; access: Exclude<GitAccess, { kind: 'ready' }> } | { kind: 'no-repository' };

/**
 * Where each open Tinyforge file stands, from the Git extension's repository state and the file's live snapshot.
 * Reads no file and sends no request: it recomputes when the repository, the live data or a buffer's dirty state
 * changes, and says so only when a file's standing did change. The Git extension is asked for once a file has
 * live data (not at activation).
 */
export class GitStandings implements vscode.Disposable {
  private access: GitAccess | undefined;
  private loading: Promise<GitAccess> | undefined;
  /** Repositories listened to, by root: `getRepository` hands out a new wrapper object on every call. */
  private readonly watched = new Set<string>();
  private readonly subscriptions: vscode.Disposable[] = [];
  /** The standing last reported per document URI (as JSON), so that only a change is announced. */
  private readonly shown = new Map<string, string>();
  /** Whether each shown document's buffer was dirty then. */
  private readonly dirty = new Map<string, boolean>();
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when some open file's standing changed. */
  readonly onDidChange = this.changed.event;

  constructor(private readonly liveData: LiveData) {
    this.subscriptions.push(
      this.changed,
      liveData.onDidChange(() => this.recheck()),
      // VS Code reports a buffer turning dirty or clean as a change too; only that flip can move the standing.
      vscode.workspace.onDidChangeTextDocument((event) => {
        const was = this.dirty.get(event.document.uri.toString());
        if (was !== undefined && was !== event.document.isDirty) this.recheck();
      }),
      vscode.workspace.onDidCloseTextDocument((document) => {
        this.shown.delete(document.uri.toString());
        this.dirty.delete(document.uri.toString());
      }),
    );
  }

  /** Where a document stands now; undefined while its live data or the Git extension has not answered yet. */
  viewOf(document: vscode.TextDocument): StandingView | undefined {
    const live = this.liveData.stateOf(document.uri);
    if (live?.kind !== 'live') return undefined;
    if (!this.access) {
      void this.load();
      return undefined;
    }
    if (this.access.kind !== 'ready') return { kind: 'no-git', access: this.access };
    const repository = this.access.api.getRepository(document.uri);
    if (!repository) return { kind: 'no-repository' };
    this.watch(repository);
    const standing = standingOf(repository.state, document.uri.fsPath, document.isDirty, live.snapshot);
    const view: StandingView | undefined = standing && { kind: 'standing', standing };
    this.shown.set(document.uri.toString(), JSON.stringify(view));
    this.dirty.set(document.uri.toString(), document.isDirty);
    return view;
  }

  /** The Git extension, loaded if need be (for the commands). */
  gitAccess(): Promise<GitAccess> {
    return this.load();
  }

  private load(): Promise<GitAccess> {
    this.loading ??= gitAccess().then((access) => {
      this.access = access;
      if (access.kind === 'ready') this.subscriptions.push(access.api.onDidOpenRepository(() => this.recheck()), access.api.onDidChangeState(() => this.recheck()));
      this.changed.fire();
      return access;
    });
    return this.loading;
  }

  private watch(repository: GitRepository): void {
    const root = repository.rootUri.toString();
    if (this.watched.has(root)) return;
    this.watched.add(root);
    this.subscriptions.push(repository.state.onDidChange(() => this.recheck()));
  }

  /** Recomputes the open files' standings and announces a change only when one moved. */
  private recheck(): void {
    let moved = false;
    for (const document of vscode.workspace.textDocuments) {
      if (!isTinyforgeDocument(document)) continue;
      const key = document.uri.toString();
      const before = this.shown.get(key);
      this.viewOf(document);
      if (this.shown.get(key) !== before) moved = true;
    }
    if (moved) this.changed.fire();
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}
