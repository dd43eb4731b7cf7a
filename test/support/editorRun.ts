// Runs another editor headless against the installed server and a dev server, and collects the JSON lines its driver
// prints (one per step). Shared by the Emacs and Vim end-to-end tests; the Neovim one also synchronises mid-run.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { demoRepoFolder } from '../../devserver/src/demo';
import { startDevServer, type DevServer } from './devServer';
import { brokenFileText, installPackedServer } from './installedServer';
import { repoRoot } from './lspClient';

export type Step = { step: string } & Record<string, unknown>;

/** Starts `command`, reads JSON step lines from its stdout (or from `stepsFile` once it exits), bounded by `timeoutMs`. */
export async function runEditor(options: { name: string; command: string; args: string[]; cwd: string; env: NodeJS.ProcessEnv; stepsFile?: string; timeoutMs?: number }): Promise<{ steps: Map<string, Step>; exitCode: number | null; stderr: string }> {
  const child = spawn(options.command, options.args, { cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'], env: options.env });
  const steps = new Map<string, Step>();
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += String(chunk)));
  const take = (line: string): void => {
    if (!line.startsWith('{')) return;
    const step = JSON.parse(line) as Step;
    steps.set(step.step, step);
  };
  if (!options.stepsFile) createInterface({ input: child.stdout }).on('line', take);
  else child.stdout.resume();
  const exitCode = await new Promise<number | null>((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 120_000);
    child.once('exit', (code) => (clearTimeout(timer), resolve(code)));
  });
  if (options.stepsFile) {
    if (existsSync(options.stepsFile)) readFileSync(options.stepsFile, 'utf8').split('\n').forEach(take);
  }
  const outputDir = join(repoRoot, 'test-output/e2e');
  mkdirSync(outputDir, { recursive: true });
  writeFileSync(join(outputDir, `${options.name}.json`), `${JSON.stringify(Object.fromEntries(steps), null, 2)}\n`);
  return { steps, exitCode, stderr };
}

/** What every other-editor test starts from: a work folder, the installed server, a dev server and the two files. */
export interface EditorBench {
  work: string;
  devServer: DevServer;
  /** The editor's environment: the installed server first on PATH, a home of its own, the dev server, TF_BROKEN and TF_LIVE, and `extra`. */
  env(extra?: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
}

/**
 * Installs the packed server, starts a dev server and writes the broken file (not in a checkout); the demo's shop-api
 * file is the live one. The work folder goes when the process exits.
 */
export async function prepareEditorBench(name: string): Promise<EditorBench> {
  const work = mkdtempSync(join(tmpdir(), `tinyforge-${name}-`));
  process.once('exit', () => rmSync(work, { recursive: true, force: true }));
  const bin = installPackedServer(work);
  const devServer = await startDevServer();
  const brokenDir = join(work, 'not-a-checkout');
  mkdirSync(brokenDir);
  writeFileSync(join(brokenDir, '.tinyforge.yml'), brokenFileText);
  return {
    work,
    devServer,
    env: (extra = {}) => ({
      ...process.env,
      // The installed command is found on PATH, as the README's configurations expect.
      PATH: `${bin}:${process.env.PATH}`,
      HOME: work,
      XDG_CONFIG_HOME: join(work, 'config'),
      XDG_DATA_HOME: join(work, 'data'),
      XDG_STATE_HOME: join(work, 'state'),
      XDG_CACHE_HOME: join(work, 'cache'),
      TINYFORGE_URL: devServer.url,
      TINYFORGE_TOKEN: devServer.adminToken,
      TF_BROKEN: join(brokenDir, '.tinyforge.yml'),
      TF_LIVE: join(demoRepoFolder(devServer.dataDir, 'shop-api'), '.tinyforge.yml'),
      ...extra,
    }),
  };
}
