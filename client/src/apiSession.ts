import * as vscode from 'vscode';
import type { ApiSession } from '../../api/src/index';
import { readToken } from './auth';
import { loadApi } from './lazy';
import { readConnectionSettings } from './settings';

export type { ApiSession };

/** Hands out the session for the current settings and token; a new one (with empty caches) when either changes. */
export class ApiSessions implements vscode.Disposable {
  private current?: { key: string; session: ApiSession };
  /** The token per server URL as last read: each read asks the window (~100 ms in a browser), a refresh must not wait for it. */
  private readonly tokens = new Map<string, Promise<string | undefined>>();
  private readonly watching: vscode.Disposable;

  constructor(private readonly secrets: vscode.SecretStorage) {
    // Sign In and Sign Out store and delete through the same storage: any change is read again.
    this.watching = secrets.onDidChange(() => this.tokens.clear());
  }

  /** The session to use now, or undefined in Restricted Mode, without a URL, or without a token. */
  async session(): Promise<ApiSession | undefined> {
    if (!vscode.workspace.isTrusted) return undefined;
    const { url, caFile } = readConnectionSettings();
    if (!url) return undefined;
    let reading = this.tokens.get(url);
    if (!reading) {
      const read = readToken(this.secrets, url);
      // A read that failed (a locked keyring) is tried again next time, not kept.
      read.catch(() => this.tokens.get(url) === read && this.tokens.delete(url));
      this.tokens.set(url, read);
      reading = read;
    }
    const token = await reading;
    if (!token) return undefined;
    const key = `${url}\n${caFile ?? ''}\n${token}`;
    if (this.current?.key !== key) {
      this.current?.session.scheduler.dispose();
      const api = loadApi();
      this.current = { key, session: new api.ApiSession(url, api.createApiClient({ baseUrl: url, token, caFile })) };
    }
    return this.current.session;
  }

  /** Reads every token again next time: Sign In and Sign Out call this, not trusting the storage's change event to come first. */
  forgetTokens(): void {
    this.tokens.clear();
  }

  /** The session handed out last, if any, without reading the token again (to record a write on it). */
  get latest(): ApiSession | undefined {
    return this.current?.session;
  }

  dispose(): void {
    this.watching.dispose();
    this.current?.session.scheduler.dispose();
  }
}
