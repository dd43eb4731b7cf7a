import * as vscode from 'vscode';
import type { TinyforgeApi, Workload } from '../../api/src/index';
import { loadApi } from './lazy';
import type { LiveSnapshot } from '../../core/src/index';
import { asApiError, describeError } from './apiErrors';
import { readToken } from './auth';
import { locate, resolveBinding, type Binding } from './binding';
import type { ApiSessions } from './apiSession';
import { readConnectionSettings, refreshIntervalSeconds } from './settings';

/** What the extension knows about one file's live state; the status item and commands read it. */
export type LiveState =
  | { kind: 'no-url' }
  | { kind: 'restricted' }
  | { kind: 'signed-out'; url: string }
  | { kind: 'not-linked'; url: string; binding: Binding }
  | { kind: 'live'; url: string; snapshot: LiveSnapshot }
  | { kind: 'offline'; url: string; reason: string; last?: LiveSnapshot; since: Date; retryAfterSeconds?: number };

/** How the live data reaches the language server. */
export type SnapshotSink = (uri: string, snapshot: LiveSnapshot | null) => Promise<void>;

/** How a refresh may reuse what other refreshes (and the Tinyforge view) fetched. */
export interface RefreshOptions {
  /** A command's own look before it acts (Sync, Enable GitOps, after Link, Refresh): share only a request still in flight. */
  current?: boolean;
  /** We have just written to the file's workload: ask for it and its state, not the list (its binding has not changed). */
  afterWrite?: boolean;
}

/** Fetches live data for open Tinyforge files and hands each one's snapshot to the language server. */
export class LiveData implements vscode.Disposable {
  private readonly states = new Map<string, LiveState>();
  private readonly inFlight = new Map<string, { controller: AbortController; current: boolean; result: Promise<LiveState> }>();
  /** When each file's live data last arrived (ms), so incidental triggers such as saves do not refetch it at once. */
  private readonly fetchedAt = new Map<string, number>();
  private readonly changed = new vscode.EventEmitter<string>();
  /** Fires with a document URI whenever its live state changes. */
  readonly onDidChange = this.changed.event;
  private readonly written = new vscode.EventEmitter<string>();
  /** Fires with a workload id after we wrote to it (Sync, Enable GitOps), so every view of it looks again. */
  readonly onDidWriteWorkload = this.written.event;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly sessions: ApiSessions,
    private readonly output: vscode.LogOutputChannel,
    private readonly sink: SnapshotSink,
  ) {}

  /** The last known state of a file. */
  stateOf(uri: vscode.Uri): LiveState | undefined {
    return this.states.get(uri.toString());
  }

  /** An API client for the configured server, or undefined without a URL or a token (never in Restricted Mode). */
  async api(options: { timeoutMs?: number } = {}): Promise<{ api: TinyforgeApi; url: string } | undefined> {
    if (!vscode.workspace.isTrusted) return undefined;
    const { url, caFile } = readConnectionSettings();
    if (!url) return undefined;
    const token = await readToken(this.context.secrets, url);
    return token ? { api: loadApi().createApiClient({ baseUrl: url, token, caFile, timeoutMs: options.timeoutMs }), url } : undefined;
  }

  /** Fetches one file's live data and sends its snapshot (or null) to the language server. */
  refresh(document: vscode.TextDocument, options: RefreshOptions = {}): Promise<LiveState> {
    const key = document.uri.toString();
    const running = this.inFlight.get(key);
    // A command's own look is not cut short by a routine refresh (a timer, a focus); the routine one takes its answer.
    if (running?.current && !options.current) return running.result;
    running?.controller.abort();
    const controller = new AbortController();
    const result = this.fetchAndSend(document, key, controller, options);
    this.inFlight.set(key, { controller, current: options.current === true, result });
    return result;
  }

  private async fetchAndSend(document: vscode.TextDocument, key: string, controller: AbortController, options: RefreshOptions): Promise<LiveState> {
    const state = await this.fetchState(document, controller.signal, options);
    if (controller.signal.aborted) {
      // Replaced by a newer refresh: its answer is the current one.
      const newer = this.inFlight.get(key);
      return newer && newer.controller !== controller ? newer.result : (this.states.get(key) ?? state);
    }
    this.inFlight.delete(key);
    // A file closed while its data was on the way keeps nothing behind (a command's follow-up refresh can outlive it).
    if (document.isClosed) return state;
    this.states.set(key, state);
    this.fetchedAt.set(key, Date.now());
    // Offline, the last snapshot is kept for the status item but never handed on as current.
    await this.send(key, state.kind === 'live' ? state.snapshot : null);
    this.changed.fire(key);
    return state;
  }

  /** Refreshes a file unless its data arrived less than `maxAgeMs` ago or a refresh of it is under way. */
  async refreshUnlessFresh(document: vscode.TextDocument, maxAgeMs: number): Promise<LiveState | undefined> {
    const key = document.uri.toString();
    if (this.inFlight.has(key) || Date.now() - (this.fetchedAt.get(key) ?? 0) < maxAgeMs) return this.states.get(key);
    return this.refresh(document);
  }

  /**
   * Says that a write to a workload was answered: nothing asked before now answers for it any more, open files bound
   * to it fetch their live data again, and listeners (the Tinyforge view) hear of it.
   */
  workloadWritten(workloadId: string): void {
    this.sessions.latest?.wrote(workloadId);
    for (const document of vscode.workspace.textDocuments) {
      const state = this.states.get(document.uri.toString());
      if (state?.kind === 'live' && state.snapshot.workloadId === workloadId) void this.refresh(document, { current: true, afterWrite: true });
    }
    this.written.fire(workloadId);
  }

  /** Open files bound to a workload take what was fetched for it meanwhile (a routine refresh: a fresh answer is reused, not asked again). */
  async refreshBound(workloadId: string): Promise<void> {
    const bound = vscode.workspace.textDocuments.filter((document) => {
      const state = this.states.get(document.uri.toString());
      const snapshot = state?.kind === 'live' ? state.snapshot : state?.kind === 'offline' ? state.last : undefined;
      return snapshot?.workloadId === workloadId;
    });
    await Promise.all(bound.map((document) => this.refresh(document)));
  }

  /** The stored token changed (Sign In, Sign Out): the next request reads it again. */
  forgetTokens(): void {
    this.sessions.forgetTokens();
  }

  /** Sends every held snapshot again (after the language server restarted). */
  async resendAll(): Promise<void> {
    for (const [uri, state] of this.states) if (state.kind === 'live') await this.send(uri, state.snapshot);
  }

  // A language server that stopped for good must not stop the status item and decorations from updating.
  private async send(uri: string, snapshot: LiveSnapshot | null): Promise<void> {
    try {
      await this.sink(uri, snapshot);
    } catch (error) {
      this.output.warn(`the language server did not take the live data for ${uri}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** Forgets a closed file. */
  forget(uri: vscode.Uri): void {
    const key = uri.toString();
    this.inFlight.get(key)?.controller.abort();
    this.inFlight.delete(key);
    this.states.delete(key);
    this.fetchedAt.delete(key);
  }

  /**
   * One file's live state. Answers the view or another file fetched recently enough are reused: for a routine refresh
   * one `tinyforge.refreshInterval` old, for a command only a request still in flight. The workload itself comes out
   * of the list (so N open files cost the list, `me` and N GitOps states, not 2N more).
   */
  private async fetchState(document: vscode.TextDocument, signal: AbortSignal, options: RefreshOptions): Promise<LiveState> {
    if (!vscode.workspace.isTrusted) return { kind: 'restricted' };
    const { url } = readConnectionSettings();
    if (!url) return { kind: 'no-url' };
    const session = await this.sessions.session();
    if (!session) return { kind: 'signed-out', url };
    const { snapshotFrom } = loadApi();
    const fresh = { maxAgeMs: options.current ? 0 : refreshIntervalSeconds() * 1000, priority: 0, manual: options.current };
    const previous = this.states.get(document.uri.toString());
    const bound = previous?.kind === 'live' ? previous.snapshot.workloadId : undefined;
    try {
      if (options.afterWrite && bound) {
        // After our own write only this workload changed: it and its state in one round trip, not the list and then
        // its state (and not the whole list, which grows with the fleet). Who we are has not changed.
        const [me, workload, gitops] = await Promise.all([session.me({ ...fresh, maxAgeMs: Infinity }), session.workload(bound, fresh), session.gitops(bound, fresh)]);
        return { kind: 'live', url, snapshot: snapshotFrom(workload, gitops, me, new Date(session.lastGitops(bound)?.fetchedAt ?? Date.now())) };
      }
      // Where the file is (git) while the list is on its way.
      const placed = locate(document);
      const [me, workloads] = await Promise.all([session.me(fresh), session.workloads(fresh)]);
      const binding = await resolveBinding(this.context.workspaceState, document, workloads, placed);
      if (binding.kind !== 'linked') return { kind: 'not-linked', url, binding };
      const gitops = await session.gitops(binding.workload.id, fresh);
      const fetchedAt = new Date(session.lastGitops(binding.workload.id)?.fetchedAt ?? Date.now());
      return { kind: 'live', url, snapshot: snapshotFrom(binding.workload, gitops, me, fetchedAt) };
    } catch (error) {
      const apiError = asApiError(error);
      const reason = describeError(error, url);
      // The API's own sentence (English, redacted) says more than the translated one: which field was wrong, say.
      if (!signal.aborted) this.output.warn(`refresh of ${document.uri.fsPath} failed: ${reason}${apiError && apiError.message !== reason ? ` (${apiError.message})` : ''}`);
      if (apiError?.kind === 'unauthorized') return { kind: 'signed-out', url };
      const last = previous?.kind === 'live' ? previous.snapshot : previous?.kind === 'offline' ? previous.last : undefined;
      const retryAfterSeconds = apiError?.retryAfterSeconds;
      return { kind: 'offline', url, reason, last, since: previous?.kind === 'offline' ? previous.since : new Date(), retryAfterSeconds };
    }
  }

  /** The commit Tinyforge reports as the head of a workload's branch now: one GET of its GitOps state, no cached answer. */
  async branchHeadOf(workloadId: string): Promise<string | undefined> {
    const session = await this.sessions.session();
    if (!session) throw new Error(vscode.l10n.t('Sign in to a Tinyforge server first.'));
    const state = await session.gitops(workloadId, { maxAgeMs: 0, priority: 0, manual: true });
    return state.commit_sha || undefined;
  }

  /** The workloads of the configured server, for the link picker. */
  async listWorkloads(): Promise<Workload[] | undefined> {
    return (await this.sessions.session())?.workloads({ maxAgeMs: 0, manual: true });
  }

  dispose(): void {
    for (const { controller } of this.inFlight.values()) controller.abort();
    this.changed.dispose();
    this.written.dispose();
  }
}
