import type * as Core from '../../core/src/index';

let loaded: typeof Core | undefined;

/**
 * The pure core, from its own bundle (`dist/core.js`), loaded on first use: `initialize` is answered before
 * the YAML parser and the validator are compiled, and the server preloads it right after.
 */
export function core(): typeof Core {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded ??= require('./core.js') as typeof Core;
  return loaded;
}
