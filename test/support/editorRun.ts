// Runs another editor headless against the installed server and a dev server, and collects the JSON lines its driver
// prints (one per step). Shared by the Emacs and Vim end-to-end tests; the Neovim one also synchronises mid-run.
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
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
    const { readFileSync, existsSync } = await import('node:fs');
    if (existsSync(options.stepsFile)) readFileSync(options.stepsFile, 'utf8').split('\n').forEach(take);
  }
  const outputDir = join(repoRoot, 'test-output/e2e');
  mkdirSync(outputDir, { recursive: true });
  writeFileSync(join(outputDir, `${options.name}.json`), `${JSON.stringify(Object.fromEntries(steps), null, 2)}\n`);
  return { steps, exitCode, stderr };
}

/** An environment for an editor: the installed server first on PATH, a home of its own, the dev server's URL and token. */
export function editorEnvironment(work: string, bin: string, extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return {
    ...process.env,
    PATH: `${bin}:${process.env.PATH}`,
    HOME: work,
    XDG_CONFIG_HOME: join(work, 'config'),
    XDG_DATA_HOME: join(work, 'data'),
    XDG_STATE_HOME: join(work, 'state'),
    XDG_CACHE_HOME: join(work, 'cache'),
    ...extra,
  };
}
