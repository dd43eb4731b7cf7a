import * as vscode from 'vscode';

/** The Tinyforge server this window talks to, and how. */
export interface ConnectionSettings {
  /** Base URL without a trailing slash, or undefined when none is set (or only an untrusted workspace sets one). */
  url?: string;
  caFile?: string;
  /** True when a workspace setting named a URL that was ignored because the workspace is not trusted. */
  ignoredWorkspaceUrl: boolean;
}

/** Normalizes a server URL for comparison and as a SecretStorage key: lower-case scheme and host (the URL parser does that), the path as written, no trailing slash. */
export function normalizeUrl(url: string): string {
  try {
    const parsed = new URL(url.trim());
    return `${parsed.protocol}//${parsed.host}${parsed.pathname.replace(/\/+$/, '')}`;
  } catch {
    return url.trim().replace(/\/+$/, '');
  }
}

/**
 * Reads `tinyforge.url` and `tinyforge.caFile`. A value from workspace or folder settings is used only in a
 * trusted workspace, so an untrusted repository cannot send our token to a server of its choosing.
 */
export function readConnectionSettings(): ConnectionSettings {
  const config = vscode.workspace.getConfiguration('tinyforge');
  const trusted = vscode.workspace.isTrusted;
  const pick = (key: string): { value?: string; ignored: boolean } => {
    const inspected = config.inspect<string>(key);
    const fromWorkspace = inspected?.workspaceFolderValue ?? inspected?.workspaceValue;
    if (fromWorkspace && trusted) return { value: fromWorkspace, ignored: false };
    return { value: inspected?.globalValue ?? inspected?.defaultValue, ignored: !!fromWorkspace && !trusted };
  };
  const url = pick('url');
  const caFile = pick('caFile');
  return { url: url.value ? normalizeUrl(url.value) : undefined, caFile: caFile.value || undefined, ignoredWorkspaceUrl: url.ignored };
}

/** `tinyforge.refreshInterval`: seconds between fetches for open files (at least 10, so a typo cannot hammer the server). */
export function refreshIntervalSeconds(): number {
  return Math.max(10, vscode.workspace.getConfiguration('tinyforge').get<number>('refreshInterval', 60));
}

/** `tinyforge.view.refreshInterval`: how long the Tinyforge view keeps a workload's state (at least 60 s). */
export function viewRefreshIntervalSeconds(): number {
  return Math.max(60, vscode.workspace.getConfiguration('tinyforge').get<number>('view.refreshInterval', 300));
}
