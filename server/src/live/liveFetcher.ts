import { fileURLToPath } from 'node:url';
import type * as Api from '../../../api/src/index';
import { core } from '../core';
import { storeSnapshot } from '../snapshots';
import { isTinyforgeUri, type ServerState } from '../state';
import type { LiveConnection } from './liveConnection';
import { nameList } from '../../../core/src/untrusted';
import { liveMessage } from './messages';
import { showWarning } from './showWarning';

/** What one file's refresh came to, as the refresh timer reads it. */
interface Outcome {
  /** The file is bound to a workload (so polling is worth it). */
  linked: boolean;
  failed: boolean;
  retryAfterSeconds?: number;
}

/** A save hints that a push may follow, not that Tinyforge changed: at most one fetch per file per 30 s for saves. */
const saveRefreshGapMs = 30_000;

/**
 * Live data for a server that no client fetches for (every editor but VS Code): binds each open Tinyforge file to its
 * workload by the checkout's git remote, branch and path, as the extension does, and fetches through the same API
 * client and request scheduler. It asks when a file opens, when it is saved (once per 30 s) and every refresh
 * interval while a linked file is open, backing off after failures and as a 429 asks; typing never sends a request.
 */
export class LiveFetcher {
  private readonly session: Api.ApiSession;
  private readonly timer: Api.RefreshScheduler;
  private readonly fetchedAt = new Map<string, number>();
  private readonly inFlight = new Map<string, Promise<Outcome>>();
  /** What was last logged about each file (its binding, or why it has none): a line per change, not per refresh. */
  private readonly said = new Map<string, string>();
  /** Set once the editor asked the server to stop: failures from then on are logged, not shown. */
  private shuttingDown = false;
  /** The failure last shown to the user: the same one is not shown again at every refresh. */
  private shownFailure: string | undefined;

  constructor(
    private readonly state: ServerState,
    private readonly connection: LiveConnection,
    private readonly api: typeof Api,
  ) {
    this.session = new api.ApiSession(connection.url, api.createApiClient({ baseUrl: connection.url, token: connection.token, caFile: connection.caFile }));
    this.timer = new api.RefreshScheduler(
      () => this.refreshAll(),
      () => connection.refreshIntervalMs / 1000,
    );
  }

  /** A Tinyforge file opened: fetch its live data, then keep polling while linked files are open. */
  opened(uri: string): void {
    void this.refresh(uri).then((outcome) => (outcome.linked || outcome.failed) && this.timer.ensureRunning());
  }

  /** A file was saved: fetch again unless it was fetched in the last 30 s or the server is being given a rest. */
  saved(uri: string): void {
    if (this.timer.backingOff || Date.now() - (this.fetchedAt.get(uri) ?? 0) < saveRefreshGapMs) return;
    void this.refresh(uri);
  }

  /** A file closed: forget what was fetched and said for it. */
  closed(uri: string): void {
    this.fetchedAt.delete(uri);
    this.said.delete(uri);
  }

  /** Stops the polling (the connection is shutting down): what was waiting (say, out a 429's pause) is dropped, and says so. */
  dispose(): void {
    this.shuttingDown = true;
    this.timer.dispose();
    this.session.scheduler.dispose(liveMessage(this.state.locale, 'shuttingDown'));
  }

  private openTinyforgeUris(): string[] {
    return this.state.documents.keys().filter((uri) => isTinyforgeUri(this.state, uri));
  }

  /** One round for every open file; the session shares the list and `me` between them. */
  private async refreshAll(): Promise<{ failed: boolean; retryAfterSeconds?: number; anyLinked: boolean }> {
    const outcomes = await Promise.all(this.openTinyforgeUris().map((uri) => this.refresh(uri)));
    const retryAfter = Math.max(0, ...outcomes.map((outcome) => outcome.retryAfterSeconds ?? 0));
    return { failed: outcomes.some((outcome) => outcome.failed), retryAfterSeconds: retryAfter || undefined, anyLinked: outcomes.some((outcome) => outcome.linked) };
  }

  /** Fetches one file's live data, joining a refresh of it already under way. */
  private refresh(uri: string): Promise<Outcome> {
    const running = this.inFlight.get(uri);
    if (running) return running;
    const result = this.fetchAndStore(uri).finally(() => this.inFlight.delete(uri));
    this.inFlight.set(uri, result);
    return result;
  }

  private async fetchAndStore(uri: string): Promise<Outcome> {
    const { locale } = this.state;
    const url = this.connection.url;
    const fresh = { maxAgeMs: this.connection.refreshIntervalMs, priority: 0 };
    // Where the file sits is read before anything is asked: a file outside git costs no request.
    const place = uri.startsWith('file:') ? await this.api.locateFile(fileURLToPath(uri)).catch(() => undefined) : undefined;
    const name = place?.filePath ?? decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1));
    if (!place) return this.unbound(uri, liveMessage(locale, 'notInGit', name));
    try {
      const [me, workloads] = await Promise.all([this.session.me(fresh), this.session.workloads(fresh)]);
      const candidates = core().matchWorkloads(workloads, place);
      if (candidates.length !== 1) {
        const why = candidates.length
          ? liveMessage(locale, 'ambiguous', name, url, nameList(candidates.map((workload) => workload.name), (more) => liveMessage(locale, 'andMore', more)))
          : liveMessage(locale, 'noMatch', name, url, place.branch || 'HEAD', place.filePath);
        this.recovered();
        return this.unbound(uri, why);
      }
      const workload = candidates[0];
      const gitops = await this.session.gitops(workload.id, fresh);
      if (!this.state.documents.get(uri)) return { linked: false, failed: false };
      const fetchedAt = new Date(this.session.lastGitops(workload.id)?.fetchedAt ?? Date.now());
      this.fetchedAt.set(uri, Date.now());
      this.say(uri, liveMessage(locale, 'linked', name, workload.name));
      this.recovered();
      storeSnapshot(this.state, uri, this.api.snapshotFrom(workload, gitops, me, fetchedAt));
      return { linked: true, failed: false };
    } catch (error) {
      const apiError = error instanceof this.api.TinyforgeApiError ? error : undefined;
      // The API client's messages are redacted already; anything else is redacted here before it is shown.
      const reason = this.api.redact(error instanceof Error ? error.message : String(error), [this.connection.token, encodeURIComponent(this.connection.token)]);
      const text = liveMessage(locale, 'failed', url, reason);
      this.state.connection.console.warn(`${name}: ${text}`);
      // Nobody is there to act on a warning once the editor has asked the server to stop; the log says why.
      if (this.shownFailure !== reason && !this.shuttingDown) {
        this.shownFailure = reason;
        showWarning(this.state, text);
      }
      // Without live data nothing live is shown: no stale drift passed off as current.
      if (this.state.documents.get(uri)) storeSnapshot(this.state, uri, null);
      this.fetchedAt.set(uri, Date.now());
      return { linked: false, failed: true, retryAfterSeconds: apiError?.retryAfterSeconds };
    }
  }

  /** A file bound to no workload: no live findings, and a log line saying why (once per change of reason). */
  private unbound(uri: string, why: string): Outcome {
    this.say(uri, why);
    if (this.state.snapshots.has(uri) && this.state.documents.get(uri)) storeSnapshot(this.state, uri, null);
    return { linked: false, failed: false };
  }

  private say(uri: string, text: string): void {
    if (this.said.get(uri) === text) return;
    this.said.set(uri, text);
    this.state.connection.console.info(text);
  }

  /** After a failure was shown, the first answer says that live findings are back. */
  private recovered(): void {
    if (this.shownFailure === undefined) return;
    this.shownFailure = undefined;
    this.state.connection.console.info(liveMessage(this.state.locale, 'recovered', this.connection.url));
  }
}
