import type * as Api from '../../api/src/index';
import type * as Core from '../../core/src/index';
import type * as LanguageClientModule from './languageClient';

let api: typeof Api | undefined;
let languageClient: typeof LanguageClientModule | undefined;
let core: typeof Core | undefined;

/** The API client library, from `dist/api.js`, loaded the first time live data is needed (not at activation). */
export function loadApi(): typeof Api {
  api ??= require('./api.js') as typeof Api;
  return api;
}

/** The language client, from `dist/languageClient.js`, loaded when the first Tinyforge file opens (not at activation). */
export function loadLanguageClient(): typeof LanguageClientModule {
  languageClient ??= require('./languageClient.js') as typeof LanguageClientModule;
  return languageClient;
}

/** The core (`dist/core.js`, the language server's own bundle), loaded the first time the client needs it (a commit message). */
export function loadCore(): typeof Core {
  core ??= require('./core.js') as typeof Core;
  return core;
}
