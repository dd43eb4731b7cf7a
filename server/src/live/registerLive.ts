import type { TinyforgeSettings } from '../protocol';
import { runSafe } from '../runSafe';
import { isTinyforgeUri, type ServerState } from '../state';
import { loadApi } from './apiBundle';
import { LiveFetcher } from './liveFetcher';
import { liveConnectionFrom } from './liveConnection';
import { liveMessage } from './messages';
import { showWarning } from './showWarning';

/**
 * Wires live data for clients that do not fetch it (every editor but VS Code): when the initialization options or
 * the environment name a Tinyforge server and a token, open files get their live findings from the server itself.
 * Says whether it will fetch (then the client should send `didSave`), and what to tell the user once `initialized`
 * has come. Nothing is loaded until a file opens.
 */
export function registerLiveFetching(state: ServerState, options: TinyforgeSettings | undefined, env: NodeJS.ProcessEnv): { fetches: boolean; announce(): void } {
  const live = liveConnectionFrom(options, env);
  if ('reason' in live) {
    // A URL with no token, or one that is no URL, is a set-up mistake worth one visible sentence.
    const mistake = live.reason === 'no-token' || live.reason === 'bad-url' ? liveMessage(state.locale, live.reason === 'no-token' ? 'noToken' : 'badUrl', live.url) : undefined;
    return {
      fetches: false,
      announce: () => {
        if (mistake) showWarning(state, mistake);
      },
    };
  }
  let fetcher: LiveFetcher | undefined;
  const fetcherNow = (): LiveFetcher => (fetcher ??= new LiveFetcher(state, live, loadApi()));
  const when = (name: string, act: (uri: string) => void) => (event: { document: { uri: string } }) =>
    void runSafe(state, name, undefined, undefined, () => {
      if (isTinyforgeUri(state, event.document.uri)) act(event.document.uri);
    });
  state.documents.onDidOpen(when('live data on open', (uri) => fetcherNow().opened(uri)));
  state.documents.onDidSave(when('live data on save', (uri) => fetcherNow().saved(uri)));
  state.documents.onDidClose(when('live data on close', (uri) => fetcher?.closed(uri)));
  state.connection.onShutdown(() => fetcher?.dispose());
  return { fetches: true, announce: () => state.connection.console.info(liveMessage(state.locale, 'fetching', live.url, live.refreshIntervalMs / 1000)) };
}
