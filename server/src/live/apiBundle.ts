import type * as Api from '../../../api/src/index';

/**
 * The API library (`dist/api.js`, the bundle the extension loads too), required the first time the standalone server
 * fetches: a server whose client fetches for it (VS Code) or that was told no URL never loads it.
 */
export function loadApi(): typeof Api {
  return require('./api.js') as typeof Api;
}
