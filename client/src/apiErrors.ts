import * as vscode from 'vscode';
import type { TinyforgeApiError } from '../../api/src/index';
import { loadApi } from './lazy';

/** The API error a caught value is, if it is one (the API bundle, and so its error class, is loaded lazily). */
export function asApiError(error: unknown): TinyforgeApiError | undefined {
  return error instanceof loadApi().TinyforgeApiError ? (error as TinyforgeApiError) : undefined;
}

/** One sentence for anything caught around an API call: an API error described, anything else as its text. */
export function describeError(error: unknown, url: string): string {
  const apiError = asApiError(error);
  return apiError ? describeApiError(apiError, url) : String(error);
}

/** One clear, translated sentence for an API error, for notifications and the status item. */
export function describeApiError(error: TinyforgeApiError, url: string): string {
  switch (error.kind) {
    case 'unreachable':
      return vscode.l10n.t('{0} cannot be reached. Check the URL and your network.', url);
    case 'timeout':
      return vscode.l10n.t('{0} did not answer in time.', url);
    case 'cancelled':
      return vscode.l10n.t('The request was cancelled.');
    case 'tls':
      return vscode.l10n.t('The TLS certificate of {0} is not trusted. Set tinyforge.caFile to its CA certificate.', url);
    case 'redirect':
      return vscode.l10n.t('{0} answers with a redirect. Set tinyforge.url to the address it redirects to (https instead of http, perhaps); the token is never sent on to another address.', url);
    case 'ca_file':
      return vscode.l10n.t('The CA file in tinyforge.caFile cannot be read: {0}', error.message);
    case 'unauthorized':
      return vscode.l10n.t('The token was refused by {0}. Sign in again.', url);
    case 'forbidden':
      return vscode.l10n.t('This needs an admin token.');
    case 'not_found':
      return vscode.l10n.t('The workload no longer exists on {0}.', url);
    case 'conflict':
      return error.code === 'sync_in_progress'
        ? vscode.l10n.t('Another sync of this workload is in progress. Try again in a moment.')
        : error.code === 'stale'
          ? vscode.l10n.t('The branch moved since the last refresh. Refresh, check the changes, then sync again.')
          : error.code === 'disabled'
            ? vscode.l10n.t('GitOps is disabled for this workload.')
            : vscode.l10n.t('Tinyforge refused: {0}', error.message);
    case 'invalid':
      return vscode.l10n.t('Tinyforge refused the file: {0}', error.message);
    case 'rate_limited':
      return vscode.l10n.t('{0} asks us to slow down. It will be retried later.', url);
    case 'server':
      return error.code === 'fetch_failed'
        ? vscode.l10n.t('Tinyforge could not fetch the repository from the git provider.')
        : vscode.l10n.t('{0} had an error ({1}).', url, String(error.status ?? ''));
    case 'malformed':
      return vscode.l10n.t('{0} answered with something that is not the Tinyforge API.', url);
  }
}
