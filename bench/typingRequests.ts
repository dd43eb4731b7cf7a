import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { join } from 'node:path';
import { demoRepoFolder } from '../devserver/src/demo';
import { startDevServer } from '../test/support/devServer';
import { repoRoot } from '../test/support/lspClient';
import { editorText, goTo, openEditor, openFile, runCommand, snap, waitForStatus } from '../test/support/workbench';
import type { DevServer } from '../test/support/devServer';

/** What happened while a user typed in a linked file, in a real VS Code. */
export interface TypingFigures {
  characters: number;
  /** API requests the dev server received between the first keystroke and the diagnostics of the last one. */
  requests: number;
  /** A commit pushed from a terminal with plain git: the push watch's requests until every surface said "Ready to Sync" it, and in the 30 s after. */
  pushWatch: { gitopsUntilSeen: number; seenMs: number; gitopsAfter: number; otherRequests: number };
}

/** Types characters into a linked, drifting `.tinyforge.yml` in code-server and counts the API requests meanwhile. */
export async function countRequestsWhileTyping(characters: number): Promise<TypingFigures> {
  const install = spawnSync('bash', [join(repoRoot, 'scripts/e2e/install-code-server.sh')], { stdio: 'inherit' });
  if (install.status !== 0) throw new Error('code-server could not be installed');
  const pack = spawnSync(process.execPath, [join(repoRoot, 'node_modules/@vscode/vsce/vsce'), 'package', '--no-dependencies', '--no-rewrite-relative-links', '--out', 'tinyforge-gitops.vsix'], { cwd: repoRoot, stdio: 'ignore' });
  if (pack.status !== 0) throw new Error('packaging failed');
  const devServer = await startDevServer();
  const editor = await openEditor({ open: { folder: demoRepoFolder(devServer.dataDir, 'shop-api') }, settings: { 'tinyforge.url': devServer.url }, env: { TINYFORGE_TOKEN: devServer.adminToken } });
  try {
    const { page } = editor;
    await openFile(page, '.tinyforge.yml');
    await page.waitForFunction(`document.querySelectorAll('.squiggly-info').length >= 2`, undefined, { timeout: 60_000 });
    const requestsBefore = devServer.log.filter((line) => line.startsWith('GET ') || line.startsWith('POST ') || line.startsWith('PUT ')).length;
    // Type a comment after the last line, then a value change that removes a drift: both need diagnostics, neither a request.
    await goTo(page, 9, 1);
    const comment = `# ${'typing '.repeat(40)}`.slice(0, characters - 6);
    await page.keyboard.type(comment, { delay: 15 });
    await goTo(page, 4, 9);
    await page.keyboard.press('Shift+End');
    // No Enter after it: the port's suggestions list 3000 as an example, and Enter would accept that instead of breaking the line.
    await page.keyboard.type('3000', { delay: 15 });
    // The typed value matches live: the last keystroke's diagnostics drop that drift squiggle.
    await page.waitForFunction(`document.querySelectorAll('.squiggly-info').length === 1`, undefined, { timeout: 30_000 }).catch(async (error: unknown) => {
      await snap(page, 'bench-typing-failed');
      throw new Error(`the typed value's drift squiggle did not go (editor text: ${JSON.stringify(await editorText(page))}): ${String(error)}`);
    });
    const requestsAfter = devServer.log.filter((line) => line.startsWith('GET ') || line.startsWith('POST ') || line.startsWith('PUT ')).length;
    const pushWatch = await countPushWatch(page, devServer, demoRepoFolder(devServer.dataDir, 'shop-api'));
    return { characters: comment.length + 6, requests: requestsAfter - requestsBefore, pushWatch };
  } finally {
    await editor.close();
    await devServer.stop();
  }
}

/**
 * Reverts the typed text, then commits and pushes a change from a terminal (no command of ours): counts the GETs of the
 * workload's GitOps state the push watch sends until the status item says "Ready to Sync" that commit, and in the 30 s
 * after (it must have stopped), against the README's budget of 12 per push.
 */
async function countPushWatch(page: Page, devServer: DevServer, checkout: string): Promise<TypingFigures['pushWatch']> {
  // The typed text goes (closed without saving, and the file back to HEAD on disk in case it was saved), then the file
  // is opened again, clean, with its live data, before anything is pushed.
  await page.keyboard.press('Escape');
  await runCommand(page, 'View: Revert and Close Editor');
  await page.locator('.tab.active[aria-label*=".tinyforge.yml"]').waitFor({ state: 'detached', timeout: 15_000 });
  execFileSync('git', ['-C', checkout, 'checkout', '--', '.tinyforge.yml']);
  await openFile(page, '.tinyforge.yml');
  await waitForStatus(page, /Drifted \(2\)/, 30_000);
  const file = `${checkout}/.tinyforge.yml`;
  writeFileSync(file, readFileSync(file, 'utf8').replace(/healthcheck: \S+/, 'healthcheck: /bench-push'));
  const git = (...args: string[]): string => execFileSync('git', ['-C', checkout, ...args], { encoding: 'utf8' }).trim();
  const gitops = (from: number): number => devServer.log.slice(from).filter((line) => /^GET \/api\/workloads\/wl_shop\/gitops\b/.test(line)).length;
  const others = (from: number): number => devServer.log.slice(from).filter((line) => /^(GET|POST|PUT) /.test(line) && !/^GET \/api\/workloads\/wl_shop\/gitops\b/.test(line)).length;
  git('-c', 'user.name=Bench', '-c', 'user.email=bench@example.invalid', 'commit', '-q', '-am', 'bench: a push from a terminal');
  const from = devServer.log.length;
  const started = Date.now();
  git('push', '-q', 'origin', 'main');
  const pushed = git('rev-parse', 'HEAD').slice(0, 7);
  await waitForStatus(page, new RegExp(`Ready to Sync ${pushed}`), 60_000).catch(async (error: unknown) => {
    await snap(page, 'bench-push-watch-missed');
    throw new Error(`${String(error)}\nthe status item said: ${await page.locator('.statusbar-item', { hasText: 'Tinyforge:' }).first().innerText().catch(() => '?')}`);
  });
  const seenMs = Date.now() - started;
  const seenAt = devServer.log.length;
  const gitopsUntilSeen = gitops(from);
  await new Promise((resolve) => setTimeout(resolve, 30_000));
  return { gitopsUntilSeen, seenMs, gitopsAfter: gitops(seenAt), otherRequests: others(from) };
}
