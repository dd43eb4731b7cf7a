import { join } from 'node:path';
import type * as Core from '../../core/src/index';
import { loadBundle, type LoadedBundle } from './codeCache';
import { codeCacheEnvironmentVariable } from './protocol';

let loaded: LoadedBundle | undefined;

/**
 * The pure core, from its own bundle (`dist/core.js`), loaded on first use: `initialize` is answered before
 * the YAML parser and the validator are compiled, and the server preloads it right after.
 */
export function core(): typeof Core {
  loaded ??= loadBundle(join(__dirname, 'core.js'), process.env[codeCacheEnvironmentVariable]);
  return loaded.exports as typeof Core;
}

/** Keeps the core's compiled code for the next start, if it was loaded without a usable cache. */
export function persistCoreCache(): void {
  loaded?.persist();
}
