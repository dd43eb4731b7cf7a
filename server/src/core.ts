import { join } from 'node:path';
import type * as Core from '../../core/src/index';
import { loadBundle } from './codeCache';
import { codeCacheEnvironmentVariable } from './protocol';

let loaded: typeof Core | undefined;

/**
 * The pure core, from its own bundle (`dist/core.js`), loaded on first use: `initialize` is answered before
 * the YAML parser and the validator are compiled, and the server preloads it right after.
 */
export function core(): typeof Core {
  loaded ??= loadBundle(join(__dirname, 'core.js'), process.env[codeCacheEnvironmentVariable]).exports as typeof Core;
  return loaded;
}
