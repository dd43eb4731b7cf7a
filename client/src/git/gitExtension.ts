import * as vscode from 'vscode';
import type { GitApi, GitExtensionExports } from './gitApi';

/** VS Code's Git extension, ready to use, or why not. */
export type GitAccess = { kind: 'ready'; api: GitApi } | { kind: 'absent' } | { kind: 'disabled' };

/**
 * The Git extension's API (`vscode.git`, version 1). It owns credentials, SSH agents and the user's git config, so
 * every commit and push goes through it; nothing here runs `git` itself. Absent or disabled (`git.enabled: false`),
 * the commit and push features say so and everything else works.
 */
export async function gitAccess(): Promise<GitAccess> {
  const extension = vscode.extensions.getExtension<GitExtensionExports>('vscode.git');
  if (!extension) return { kind: 'absent' };
  try {
    const exports = extension.isActive ? extension.exports : await extension.activate();
    if (!exports?.enabled) return { kind: 'disabled' };
    return { kind: 'ready', api: exports.getAPI(1) };
  } catch {
    // An extension that fails to activate is as good as absent.
    return { kind: 'absent' };
  }
}
