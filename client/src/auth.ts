import * as vscode from 'vscode';
import { notify } from './notices';
import type { Me } from '../../api/src/index';
import { loadApi } from './lazy';
import { describeError } from './apiErrors';
import { normalizeUrl } from './settings';

const secretKey = (url: string): string => `tinyforge.token:${normalizeUrl(url)}`;

/** Set once TINYFORGE_INITIAL_TOKEN was stored for a server: after a Sign Out it is not stored again. */
const seededKey = (url: string): string => `tinyforge.initialTokenStored:${normalizeUrl(url)}`;

/**
 * The token for a server URL: the one stored at sign-in, else TINYFORGE_TOKEN from the environment (as the CLI reads
 * it). TINYFORGE_INITIAL_TOKEN (the demo's) is stored once, as if signed in with it, so Sign Out and Sign In work.
 */
export async function readToken(secrets: vscode.SecretStorage, url: string): Promise<string | undefined> {
  const stored = await secrets.get(secretKey(url));
  if (stored) return stored;
  const initial = process.env.TINYFORGE_INITIAL_TOKEN?.trim();
  if (initial && !(await secrets.get(seededKey(url)))) {
    // The token first, the marker after: a storage that fails between them leaves it to be stored next time.
    try {
      await secrets.store(secretKey(url), initial);
      await secrets.store(seededKey(url), '1');
    } catch {
      // A locked keyring: use it for now all the same, as a token from the environment is used.
    }
    return initial;
  }
  return process.env.TINYFORGE_TOKEN || undefined;
}

/** Asks for a token, checks it with `GET /api/me`, and stores it in SecretStorage for that server. */
export async function signIn(secrets: vscode.SecretStorage, url: string, caFile: string | undefined, output: vscode.LogOutputChannel): Promise<Me | undefined> {
  const token = await vscode.window.showInputBox({
    title: vscode.l10n.t('Sign in to Tinyforge'),
    prompt: vscode.l10n.t('Paste an API token for {0}. It is kept in VS Code\'s secret storage.', url),
    password: true,
    ignoreFocusOut: true,
    validateInput: (value) => (value.trim() ? undefined : vscode.l10n.t('The token is empty.')),
  });
  if (!token) return undefined;
  try {
    const me = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Checking the token with {0}…', url) }, () =>
      loadApi().createApiClient({ baseUrl: url, token: token.trim(), caFile }).me(),
    );
    await secrets.store(secretKey(url), token.trim());
    output.info(`signed in to ${url} as ${me.username} (${me.role})`);
    // The role once: a user named after its role ("viewer") is not "viewer (viewer)".
    const who = me.username.toLowerCase() === me.role ? me.username : me.role === 'admin' ? vscode.l10n.t('{0}, an admin', me.username) : vscode.l10n.t('{0}, a viewer', me.username);
    void notify('info', vscode.l10n.t('Signed in to {0} as {1}.', url, who));
    return me;
  } catch (error) {
    const message = describeError(error, url);
    output.warn(`sign-in to ${url} failed: ${message}`);
    void notify('error', vscode.l10n.t('Could not sign in: {0}', message));
    return undefined;
  }
}

/** Forgets the token of a server. */
export async function signOut(secrets: vscode.SecretStorage, url: string): Promise<void> {
  await secrets.delete(secretKey(url));
}
