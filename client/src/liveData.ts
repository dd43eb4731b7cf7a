import * as vscode from 'vscode';
import type { Me, TinyforgeApi, Workload } from '../../api/src/index';
import { loadApi } from './lazy';
import type { LiveSnapshot } from '../../core/src/index';
import { asApiError, describeError } from './apiErrors';
import { readToken } from './auth';
import { resolveBinding, type Binding } from './binding';
import { readConnectionSettings } from './settings';

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

/** How a refresh may reuse what other refreshes fetched. */
export interface RefreshOptions {
  /** A command's own look before it acts (Sync, Enable GitOps, after Link): share only a request still in flight, not one answered up to 2 s ago. */
  current?: boolean;
}

/** How long a fetched `me` and workload list serve other files' refreshes: one round, not one minute. */
const accountReuseMs = 2_000;

/** Fetches live data for open Tinyforge files and hands each one's snapshot to the language server. */
export class LiveData implements vscode.Disposable {
  private readonly states = new Map<string, LiveState>();
  private readonly inFlight = new Map<string, { controller: AbortController; current: boolean; result: Promise<LiveState> }>();
  /** When each file's live data last arrived (ms), so incidental triggers such as saves do not refetch it at once. */
  private readonly fetchedAt = new Map<string, number>();
  /** Who we are and the workload list, shared by the refreshes of one round (N files: 2 + 2N requests, not 4N). */
  private account?: { key: string; settledAt?: number; answer: Promise<[Me, Workload[]]> };
  private readonly changed = new vscode.EventEmitter<string>();
  /** Fires with a document URI whenever its live state changes. */
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly context: vscode.ExtensionContext,
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
    const state = await this.fetchState(document, controller.signal, options.current ? 0 : accountReuseMs);
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

  // Not aborted with one file's refresh: other files' refreshes may be waiting on the same answer.
  private fetchAccount(api: TinyforgeApi, key: string, maxAgeMs: number): Promise<[Me, Workload[]]> {
    const shared = this.account;
    if (shared?.key === key && (shared.settledAt === undefined || Date.now() - shared.settledAt < maxAgeMs)) return shared.answer;
    const entry: NonNullable<LiveData['account']> = { key, answer: Promise.all([api.me(), api.listWorkloads()]) };
    this.account = entry;
    entry.answer.then(
      () => (entry.settledAt = Date.now()),
      () => this.account === entry && (this.account = undefined),
    );
    return entry.answer;
  }

  private async fetchState(document: vscode.TextDocument, signal: AbortSignal, accountMaxAgeMs: number): Promise<LiveState> {
    if (!vscode.workspace.isTrusted) return { kind: 'restricted' };
    const { url, caFile } = readConnectionSettings();
    if (!url) return { kind: 'no-url' };
    const token = await readToken(this.context.secrets, url);
    if (!token) return { kind: 'signed-out', url };
    const { createApiClient, snapshotFrom } = loadApi();
    try {
      const api = createApiClient({ baseUrl: url, token, caFile });
      const [me, workloads] = await this.fetchAccount(api, `${url}\n${caFile ?? ''}\n${token}`, accountMaxAgeMs);
      const binding = await resolveBinding(this.context.workspaceState, document, workloads);
      if (binding.kind !== 'linked') return { kind: 'not-linked', url, binding };
      const [workload, gitops] = await Promise.all([api.getWorkload(binding.workload.id, { signal }), api.getGitOps(binding.workload.id, { signal })]);
      return { kind: 'live', url, snapshot: snapshotFrom(workload, gitops, me, new Date()) };
    } catch (error) {
      const apiError = asApiError(error);
      const reason = describeError(error, url);
      // The API's own sentence (English, redacted) says more than the translated one: which field was wrong, say.
      if (!signal.aborted) this.output.warn(`refresh of ${document.uri.fsPath} failed: ${reason}${apiError && apiError.message !== reason ? ` (${apiError.message})` : ''}`);
      if (apiError?.kind === 'unauthorized') return { kind: 'signed-out', url };
      const previous = this.states.get(document.uri.toString());
      const last = previous?.kind === 'live' ? previous.snapshot : previous?.kind === 'offline' ? previous.last : undefined;
      const retryAfterSeconds = apiError?.retryAfterSeconds;
      return { kind: 'offline', url, reason, last, since: previous?.kind === 'offline' ? previous.since : new Date(), retryAfterSeconds };
    }
  }

  /** The workloads of the configured server, for the link picker. */
  async listWorkloads(): Promise<Workload[] | undefined> {
    const connection = await this.api();
    return connection?.api.listWorkloads();
  }

  dispose(): void {
    for (const { controller } of this.inFlight.values()) controller.abort();
    this.changed.dispose();
  }
}
