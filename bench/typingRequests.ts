import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { demoRepoFolder } from '../devserver/src/demo';
import { startDevServer } from '../test/support/devServer';
import { repoRoot } from '../test/support/lspClient';
import { editorText, goTo, openEditor, openFile, snap } from '../test/support/workbench';

/** What happened while a user typed in a linked file, in a real VS Code. */
export interface TypingFigures {
  characters: number;
  /** API requests the dev server received between the first keystroke and the diagnostics of the last one. */
  requests: number;
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
    return { characters: comment.length + 6, requests: requestsAfter - requestsBefore };
  } finally {
    await editor.close();
    await devServer.stop();
  }
}
