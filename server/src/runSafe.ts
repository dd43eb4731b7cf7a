import type { CancellationToken } from 'vscode-languageserver/node';
import type { ServerState } from './state';

/** Runs a handler so that an exception is logged and answered with the fallback, and cancellation is honoured. */
export async function runSafe<T>(state: ServerState, name: string, fallback: T, token: CancellationToken | undefined, handler: () => T | Promise<T>): Promise<T> {
  if (token?.isCancellationRequested) return fallback;
  try {
    const result = await handler();
    return token?.isCancellationRequested ? fallback : result;
  } catch (error) {
    state.connection.console.error(`${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return fallback;
  }
}
