import type { LiveSnapshot } from '../../core/src/index';

/** Options the client sends in `initialize` (and again in `workspace/didChangeConfiguration` under `tinyforge`). */
export interface TinyforgeSettings {
  /** Extra globs, relative to a workspace folder, of files to treat as `.tinyforge.yml` (setting `tinyforge.files`). */
  files?: string[];
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
