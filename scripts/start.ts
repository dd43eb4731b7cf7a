// `npm start`: the demo. Builds the extension, starts the dev server with demo data, starts a local code-server with
// the extension installed, the demo repository open and the admin token signed in, and prints the URL. Ctrl-C stops
// everything and removes what it created (the dev server's data, code-server's profile).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { demoRepoFolder } from '../devserver/src/demo';
import { freePort, startCodeServer, type CodeServer } from './e2e/codeServer';

const root = join(__dirname, '..');
const children: ChildProcess[] = [];
let codeServer: CodeServer | undefined;
/** The dev server's demo data (a temporary folder of its own): removed with everything else on Ctrl-C. */
let demoData: string | undefined;
/** code-server's profile, known from the moment it is made (a Ctrl-C while code-server starts removes it too). */
let profile: string | undefined;

function step(title: string, command: string, args: string[]): void {
  console.log(`\n> ${title}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`${title} failed`);
}

/** Starts the dev server with fresh demo data; resolves with its URL and tokens. */
function startDevServer(): Promise<{ url: string; admin: string; viewer: string; data: string }> {
  const child = spawn(process.execPath, [join(root, 'dist/dev-server.js'), '--demo', '--port', '0', '--parent-pid', String(process.pid)], { stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  const found: Record<string, string> = {};
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the dev server exited (${code})`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const match = /^(listening on|admin token:|viewer token:|data:) (.+)$/.exec(line);
      if (match) found[match[1]] = match[2];
      if (found['listening on'] && found['admin token:'] && found['viewer token:'] && found['data:']) {
        resolve({ url: found['listening on'], admin: found['admin token:'], viewer: found['viewer token:'], data: found['data:'] });
      }
    });
  });
}

async function stopAll(): Promise<void> {
  await codeServer?.stop();
  await Promise.all(
    children.map((child) => {
      if (child.exitCode !== null || child.signalCode !== null) return undefined;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      return exited;
    }),
  );
  // The dev server is gone: nothing holds its data any more (repositories, tokens, audit log).
  if (demoData) rmSync(demoData, { recursive: true, force: true });
  if (profile) rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
}

async function main(): Promise<void> {
  step('Building the extension (dist/) and packaging tinyforge-gitops.vsix', process.execPath, ['scripts/build.mjs', '--production']);
  step('Packaging', process.execPath, [join(root, 'node_modules/@vscode/vsce/vsce'), 'package', '--no-dependencies', '--no-rewrite-relative-links', '--out', 'tinyforge-gitops.vsix']);
  step('Installing code-server and Node 24 into ~/.cache/tinyforge-gitops-e2e (first run only: a few minutes)', 'bash', ['scripts/e2e/install-code-server.sh']);
  console.log('\n> Starting the dev server with demo data');
  const dev = await startDevServer();
  demoData = dev.data;
  console.log(`  ${dev.url} (data in ${dev.data}, removed on Ctrl-C)`);
  console.log('\n> Starting code-server with the extension');
  // PORT picks code-server's port (default 8080); PORT=0 picks a free one.
  const port = Number(process.env.PORT ?? 8080) || (await freePort());
  codeServer = await startCodeServer({
    vsix: join(root, 'tinyforge-gitops.vsix'),
    port,
    settings: { 'tinyforge.url': dev.url, 'git.openRepositoryInParentFolders': 'never', 'workbench.startupEditor': 'none', 'chat.disableAIFeatures': true },
    // Stored in the secret storage at the first request, as a Sign In would: Sign Out then signs out.
    env: { TINYFORGE_INITIAL_TOKEN: dev.admin },
    onSpawn: (child, userDataDir) => {
      children.push(child);
      profile = userDataDir;
    },
  });
  const folder = demoRepoFolder(dev.data, 'shop-api');
  // Every checkout in one window (shop-api first): Create .tinyforge.yml from Live Config for landing has its folder.
  const reposDir = dirname(folder);
  const names = ['shop-api', ...readdirSync(reposDir).filter((name) => name !== 'shop-api').sort()];
  const workspace = join(dev.data, 'tinyforge-demo.code-workspace');
  writeFileSync(workspace, JSON.stringify({ folders: names.map((name) => ({ path: join(reposDir, name) })) }, null, 2));
  console.log(`  code-server profile: ${codeServer.userDataDir} (removed on Ctrl-C)`);
  console.log(`
Tinyforge demo is running. Open this in a browser:

  ${codeServer.url}/?workspace=${encodeURIComponent(workspace)}

The window holds every demo checkout. Open shop-api's .tinyforge.yml: its port and deploy_strategy drift from
the live config (see "live: 3000"), cpu_limit is faded (dockerfile workloads do not manage it). Put the cursor on 8080 and press Ctrl+. to Sync,
or click "Tinyforge: Drifted (2)" in the status bar. The others: docs-site in sync, billing with GitOps
disabled, legacy-api invalid on its branch, landing with no file (Create .tinyforge.yml from Live Config in the
Tinyforge view). They are in ${reposDir}.

You are signed in as admin (the token is in VS Code's secret storage). To try the viewer's side, run
"Tinyforge: Sign Out", then "Tinyforge: Sign In" with the viewer token: ${dev.viewer}
Dev server: ${dev.url}    Press Ctrl-C to stop everything.`);
}

// Whatever stopping meets (a child already gone, a folder in use), the process ends.
const stopAndExit = (): void => void stopAll().then(() => process.exit(0), (error: unknown) => (console.error(`stopping: ${String(error)}`), process.exit(1)));
process.on('SIGINT', stopAndExit);
process.on('SIGTERM', stopAndExit);
main().catch(async (error: Error) => {
  console.error(`\nnpm start failed: ${error.message}`);
  await stopAll();
  process.exit(1);
});
