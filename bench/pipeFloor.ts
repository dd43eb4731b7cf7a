import { spawn } from 'node:child_process';
import { once } from 'node:events';

/** A Node child that echoes its stdin: the round trip any stdio language server pays before doing any work. */
export interface PipeEcho {
  /** One 1-byte round trip, in milliseconds. */
  ping(): Promise<number>;
  /** The child's pid: a bare Node process, for the memory floor. */
  pid: number | undefined;
  close(): Promise<void>;
}

/** Spawns the echo child. */
export function startPipeEcho(): PipeEcho {
  const child = spawn(process.execPath, ['-e', 'process.stdin.pipe(process.stdout)'], { stdio: ['pipe', 'pipe', 'inherit'] });
  return {
    pid: child.pid,
    async ping() {
      const answered = once(child.stdout, 'data');
      const started = performance.now();
      child.stdin.write('.');
      await answered;
      return performance.now() - started;
    },
    async close() {
      const exited = once(child, 'exit');
      child.stdin.end();
      await exited;
    },
  };
}
