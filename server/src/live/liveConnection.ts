import type { TinyforgeSettings } from '../protocol';

/** Where the standalone server fetches live data from: a Tinyforge server, its token and how often to ask. */
export interface LiveConnection {
  url: string;
  token: string;
  caFile?: string;
  /** Milliseconds between fetches while a linked file is open. */
  refreshIntervalMs: number;
}

/** Why the server does not fetch: the client does (VS Code), it was told nothing, or what it was told is unusable. */
export type NoLiveConnection = { reason: 'client' | 'not-configured' } | { reason: 'no-token' | 'bad-url'; url: string };

/** Default and least seconds between refreshes: the extension's `tinyforge.refreshInterval`. */
const defaultRefreshSeconds = 60;
const leastRefreshSeconds = 10;

const nonEmpty = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() ? value.trim() : undefined);

/**
 * Whether the server fetches live data itself, from its initialization options or else its environment
 * (`TINYFORGE_URL`, `TINYFORGE_TOKEN`, `TINYFORGE_CA_FILE`, as `tinyforge-lint` reads the token). A client that
 * says it fetches (`liveData: 'client'`) always wins, so VS Code's server never asks a second time.
 */
export function liveConnectionFrom(options: TinyforgeSettings | undefined, env: NodeJS.ProcessEnv): LiveConnection | NoLiveConnection {
  if (options?.liveData === 'client') return { reason: 'client' };
  const url = nonEmpty(options?.url) ?? nonEmpty(env.TINYFORGE_URL);
  if (!url) return { reason: 'not-configured' };
  if (!/^https?:\/\/[^/?#\s]+/i.test(url)) return { reason: 'bad-url', url };
  const token = nonEmpty(options?.token) ?? nonEmpty(env.TINYFORGE_TOKEN);
  if (!token) return { reason: 'no-token', url };
  const seconds = typeof options?.refreshInterval === 'number' && Number.isFinite(options.refreshInterval) ? options.refreshInterval : defaultRefreshSeconds;
  return { url, token, caFile: nonEmpty(options?.caFile) ?? nonEmpty(env.TINYFORGE_CA_FILE), refreshIntervalMs: Math.max(leastRefreshSeconds, seconds) * 1000 };
}
