import type { LiveSnapshot } from '../../core/src/index';

/** Options the client sends in `initialize` (and again in `workspace/didChangeConfiguration` under `tinyforge`). */
export interface TinyforgeSettings {
  /** Extra globs, relative to a workspace folder, of files to treat as `.tinyforge.yml` (setting `tinyforge.files`). */
  files?: string[];
  /**
   * `client`: the client fetches live data and sends `tinyforge/snapshot` (the VS Code extension says so), and the
   * server never fetches, whatever its environment holds. Otherwise the server fetches when it is told a URL and token.
   */
  liveData?: 'client';
  /** The Tinyforge server to fetch live data from (else `TINYFORGE_URL`). Initialization options only. */
  url?: string;
  /** Its API token (else `TINYFORGE_TOKEN`, which is where the README tells users to keep it). */
  token?: string;
  /** A PEM file of a CA to trust for it (else `TINYFORGE_CA_FILE`). */
  caFile?: string;
  /** Seconds between fetches while a linked file is open (default 60, at least 10), as `tinyforge.refreshInterval`. */
  refreshInterval?: number;
}

/** Parameters of `tinyforge/snapshot`: the live data for one file, or null to forget it (signed out, unlinked). */
export interface SnapshotParams {
  uri: string;
  snapshot: LiveSnapshot | null;
}

/** `tinyforge/snapshot`, client → server, after each fetch (with null when the live data no longer applies). */
export const snapshotMethod = 'tinyforge/snapshot';

/** Environment variable through which the client names a directory for the server's V8 code cache (`codeCache.ts`). */
export const codeCacheEnvironmentVariable = 'TINYFORGE_CODE_CACHE';

/**
 * The V8 flags the client starts the server with (`client/src/serverLaunch.ts`). The young generation grows to at most
 * 4 MiB per semi-space (V8's default is 16): linting a 60 KiB file allocates ~3.5 MiB, and in V8's initial 1 MiB the
 * parse tree was still alive at every scavenge, so each keystroke paid ~1.6 ms of copying and promotion and an old-
 * space collection every ~30 keystrokes (p99 19 ms against the do-nothing server's 2.7). Only a command-line flag can
 * set this: the heap's limits are fixed when the process starts. 8 MiB was tried (two interleaved runs): 60 KiB p99
 * 10.8 → 7.7 ms, typical files unchanged, but 9 MiB more RSS at idle (63 → 72 MiB, the floor 68), which idle GC does
 * not give back; not taken. `--expose-gc` lets the server collect once it idles (`server/src/memory.ts`).
 */
export const serverV8Flags: readonly string[] = ['--max-semi-space-size=4', '--expose-gc'];
