// The "VS Code" that @vscode/test-electron starts when TINYFORGE_VSCODE_EXECUTABLE names scripts/vscode-test/code-server-host:
// it takes VS Code's test arguments, runs the extension-host suite in code-server (VS Code in the browser, here where
// the desktop VS Code cannot be downloaded), relays Mocha's output and exits with the suite's code. It stops all it
// started, and gives up after TINYFORGE_VSCODE_TEST_TIMEOUT_S (default 900 s).
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { format } from 'node:util';
import { isAbsolute, join, resolve } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { chromiumArgs, startCodeServer, type CodeServer } from '../e2e/codeServer';

/** What test-electron passes (`--name=value` options, and the launch arguments before them: the folder to open). */
function parseArgs(argv: readonly string[]): { folder?: string; developmentPath?: string; testsPath?: string; trust: boolean } {
  const value = (name: string): string | undefined => argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
  const folder = argv.find((arg) => !arg.startsWith('-'));
  return {
    folder: folder && resolve(folder),
    developmentPath: value('extensionDevelopmentPath'),
    testsPath: value('extensionTestsPath'),
    // test-electron always sends --disable-workspace-trust; a suite that tests Restricted Mode opts back in.
    trust: process.env.TINYFORGE_VSCODE_TEST_TRUST === '1',
  };
}

/** The mark of the suite's own output lines (test/vscode/index.ts sets it on every Mocha line). */
const suiteMark = '[tinyforge-test] ';

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  if (!args.developmentPath || !args.testsPath) {
    console.error(`code-server-host: needs --extensionDevelopmentPath= and --extensionTestsPath= (got: ${process.argv.slice(2).join(' ')})`);
    return 2;
  }
  for (const path of [args.developmentPath, args.testsPath, args.folder]) {
    if (path && !isAbsolute(path)) throw new Error(`code-server-host: ${path} is not an absolute path`);
  }
  const folder = args.folder ?? mkdtempSync(join(tmpdir(), 'tinyforge-vscode-test-ws-'));
  mkdirSync(folder, { recursive: true });
  const timeoutMs = Number(process.env.TINYFORGE_VSCODE_TEST_TIMEOUT_S ?? 900) * 1000;
  let codeServer: CodeServer | undefined;
  let browser: Browser | undefined;
  const stopAll = async (): Promise<void> => {
    await browser?.close().catch(() => undefined);
    await codeServer?.stop().catch(() => undefined);
  };
  process.once('SIGINT', () => void stopAll().then(() => process.exit(130)));
  process.once('SIGTERM', () => void stopAll().then(() => process.exit(143)));
  try {
    // No .vsix: the extension runs from its development path, as in the desktop's Extension Development Host.
    codeServer = await startCodeServer({
      workspaceTrust: args.trust,
      // Nothing here may reach for a gallery or an account: this machine has no network but the loopback.
      settings: { 'extensions.autoCheckUpdates': false, 'extensions.autoUpdate': false, 'extensions.ignoreRecommendations': true, 'github.gitAuthentication': false, 'chat.disableAIFeatures': true },
      // The smoke-test driver is what makes the workbench honour the payload's extensionTestsPath.
      env: { ...(process.env as Record<string, string>), VSCODE_OPTIONS: 'enable-smoke-test-driver' },
    });
    const port = new URL(codeServer.url).port;
    const remote = (path: string): string => `vscode-remote://127.0.0.1:${port}${path}`;
    const payload = [
      ['extensionDevelopmentPath', remote(args.developmentPath)],
      ['extensionTestsPath', remote(args.testsPath.replace(/\.js$/, ''))],
      ['skipWelcome', 'true'],
    ];
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs });
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    let settle!: (code: number) => void;
    const exited = new Promise<number>((resolveExit) => (settle = resolveExit));
    // VS Code's test runner reports through these two functions when the smoke-test driver is on.
    await page.exposeFunction('codeAutomationLog', (type: string, logArgs: unknown[]) => {
      const text = format(...(Array.isArray(logArgs) ? logArgs : [logArgs]));
      // The suite marks its lines (test/vscode/index.ts); the workbench's own logs are relayed only when debugging.
      const mine = text.split('\n').filter((line) => line.startsWith(suiteMark)).map((line) => line.slice(suiteMark.length));
      if (mine.length) process.stdout.write(`${mine.join('\n')}\n`);
      else if (process.env.TINYFORGE_VSCODE_TEST_DEBUG) process.stderr.write(`[workbench ${type}] ${text}\n`);
    });
    await page.exposeFunction('codeAutomationExit', (code: number) => settle(code));
    await page.goto(`${codeServer.url}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
    const timer = setTimeout(() => {
      console.error(`code-server-host: the suite did not finish within ${timeoutMs / 1000} s`);
      settle(1);
    }, timeoutMs);
    const code = await exited;
    clearTimeout(timer);
    if (code !== 0 && process.env.TINYFORGE_VSCODE_TEST_SCREENSHOT) {
      await page.screenshot({ path: process.env.TINYFORGE_VSCODE_TEST_SCREENSHOT }).catch(() => undefined);
    }
    return code;
  } finally {
    await stopAll();
    if (!args.folder) rmSync(folder, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`code-server-host: ${error instanceof Error ? error.stack : String(error)}`);
    process.exit(1);
  },
);
