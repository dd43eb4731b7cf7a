import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';

/** Where scripts/e2e/install-code-server.sh caches code-server and Node 24. */
export const e2eCache = process.env.TINYFORGE_E2E_CACHE ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'tinyforge-gitops-e2e');
const node24 = join(e2eCache, 'node24/bin/node');
const codeServerEntry = join(e2eCache, 'cs/node_modules/code-server/out/node/entry.js');

/** A free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as { port: number }).port;
  server.close();
  return port;
}

/** A running code-server with our extension installed, on 127.0.0.1 only. */
export interface CodeServer {
  url: string;
  userDataDir: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

function codeServerArgs(userDataDir: string, extensionsDir: string, workspaceTrust = false): string[] {
  const args = [codeServerEntry, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--disable-telemetry', '--disable-update-check'];
  return workspaceTrust ? args : [...args, '--disable-workspace-trust'];
}

/** Starts code-server with a fresh profile, the given .vsix installed (none: the extension runs from a development path) and the given user settings. */
export async function startCodeServer(options: { vsix?: string; extraExtensions?: string[]; settings?: Record<string, unknown>; env?: Record<string, string>; port?: number; workspaceTrust?: boolean; onSpawn?: (child: ChildProcess, userDataDir: string) => void }): Promise<CodeServer> {
  if (!existsSync(codeServerEntry)) throw new Error(`code-server is not installed in ${e2eCache}: run scripts/e2e/install-code-server.sh`);
  const userDataDir = mkdtempSync(join(tmpdir(), 'tinyforge-cs-'));
  const extensionsDir = join(userDataDir, 'extensions');
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  writeFileSync(
    join(userDataDir, 'User/settings.json'),
    JSON.stringify({ 'security.workspace.trust.enabled': !!options.workspaceTrust, 'workbench.startupEditor': 'none', 'telemetry.telemetryLevel': 'off', 'extensions.autoUpdate': false, 'update.mode': 'none', ...options.settings }, null, 2),
  );
  const installs = [options.vsix, ...(options.extraExtensions ?? [])].filter((vsix): vsix is string => !!vsix).flatMap((vsix) => ['--install-extension', vsix]);
  if (installs.length) {
    const install = spawnSync(node24, [...codeServerArgs(userDataDir, extensionsDir), ...installs], { encoding: 'utf8' });
    if (install.status !== 0) throw new Error(`code-server --install-extension failed: ${install.stderr || install.stdout}`);
  }
  const port = options.port ?? (await freePort());
  const child = spawn(node24, [...codeServerArgs(userDataDir, extensionsDir, options.workspaceTrust), '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, PASSWORD: undefined, HASHED_PASSWORD: undefined, PORT: undefined, TINYFORGE_TOKEN: undefined, ...options.env },
  });
  // A caller stopped while code-server starts (npm start's Ctrl-C) can still stop it and remove its profile.
  options.onSpawn?.(child, userDataDir);
  let log = '';
  const ready = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`code-server did not start within 60 s:\n${log}`)), 60_000);
    const onData = (chunk: Buffer): void => {
      log += chunk.toString();
      const listening = /HTTP server listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(log);
      if (listening) {
        clearTimeout(timer);
        resolve(listening[1]);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`code-server exited (${code}):\n${log}`)));
  });
  const url = await ready;
  return {
    url,
    userDataDir,
    process: child,
    async stop() {
      if (child.exitCode === null) {
        const exited = once(child, 'exit');
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
      }
      // The profile (extensions, storage, logs) is made fresh for each start; hundreds of runs filled /tmp with them.
      // Its extension host may still be writing its storage as it goes: retry on ENOTEMPTY (seen once).
      if (!process.env.TINYFORGE_E2E_KEEP_PROFILE) rmSync(userDataDir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
    },
  };
}

/** Chromium's flags on this machine: no sandbox as root, no GPU, no background network. */
export const chromiumArgs = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];
