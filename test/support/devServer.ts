import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { providerRepoPath, seedDemo, type SeedOptions } from '../../devserver/src/demo';
import { execFileSync } from 'node:child_process';
import { repoRoot } from './lspClient';

/** A dev server started by a test: on 127.0.0.1, a free port, stopping with the test process. */
export interface DevServer {
  url: string;
  dataDir: string;
  adminToken: string;
  viewerToken: string;
  process: ChildProcess;
  /** Everything the server printed after its start-up banner (request lines, errors). */
  log: string[];
  /** When each line of `log` arrived here (`Date.now()`): a request line is printed as its answer goes out. */
  logTimes: number[];
  stop(): Promise<void>;
}

/** Data dirs removed when this process ends, not at stop(): an editor may still have their repositories open then. */
const dataDirs = new Set<string>();
process.once('exit', () => dataDirs.forEach((dataDir) => rmSync(dataDir, { recursive: true, force: true })));

/** Seeds a fresh demo data dir (and a generated fleet of `fleet` more workloads) without starting a server (tests may edit it first). */
export function seedDataDir(options: SeedOptions = {}): { dataDir: string; adminToken: string; viewerToken: string } {
  const dataDir = mkdtempSync(join(tmpdir(), 'tinyforge-test-data-'));
  dataDirs.add(dataDir);
  const tokens = seedDemo(dataDir, options);
  return { dataDir, adminToken: tokens.admin, viewerToken: tokens.viewer };
}

/** Starts `dist/dev-server.js` on a seeded data dir (a fresh demo one unless given), with extra flags such as faults. */
export async function startDevServer(options: { flags?: string[]; seeded?: ReturnType<typeof seedDataDir> } = {}): Promise<DevServer> {
  const seeded = options.seeded ?? seedDataDir();
  const child = spawn(process.execPath, [join(repoRoot, 'dist/dev-server.js'), '--port', '0', '--data', seeded.dataDir, '--parent-pid', String(process.pid), ...(options.flags ?? [])], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log: string[] = [];
  const logTimes: number[] = [];
  const record = (line: string): void => {
    log.push(line);
    logTimes.push(Date.now());
  };
  const lines = createInterface({ input: child.stdout! });
  createInterface({ input: child.stderr! }).on('line', record);
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('dev server did not start within 10 s')), 10_000);
    child.once('exit', (code) => reject(new Error(`dev server exited with ${code}: ${log.join('\n')}`)));
    lines.on('line', (line) => {
      const match = /^listening on (http:\/\/127\.0\.0\.1:\d+)$/.exec(line);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      } else record(line);
    });
  });
  return {
    url,
    ...seeded,
    process: child,
    log,
    logTimes,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Someone else pushes to a demo repository's main: a new (empty) commit on the git provider's copy, which the checkout does not have. Returns its sha. */
export function pushFromElsewhere(dataDir: string, name: string, message = 'Move main'): string {
  const provider = providerRepoPath(dataDir, 'acme', name);
  const git = (...args: string[]) => execFileSync('git', ['-C', provider, '-c', 'user.name=Someone Else', '-c', 'user.email=else@example.invalid', ...args], { encoding: 'utf8' }).trim();
  const commit = git('commit-tree', git('rev-parse', 'main^{tree}'), '-p', 'main', '-m', message);
  git('update-ref', 'refs/heads/main', commit);
  return commit;
}

/** The git provider's copy of a demo repository (what the dev server reads), to break or inspect. */
export function providerRepo(dataDir: string, name: string): string {
  return providerRepoPath(dataDir, 'acme', name);
}
