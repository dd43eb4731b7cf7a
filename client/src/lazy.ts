import type * as Api from '../../api/src/index';
import type * as LanguageClientModule from './languageClient';

let api: typeof Api | undefined;
let languageClient: typeof LanguageClientModule | undefined;

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
