import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Role, Workload } from '../../api/src/index';

/** A workload as stored: the API shape, whose source_config may hold secrets the API never returns. */
export type StoredWorkload = Workload;

/** One API token and who it belongs to. */
export interface StoredToken {
  token: string;
  username: string;
  role: Role;
}

/** Writes a file so that a crash at any moment leaves either the old or the new content: temp, fsync, rename, fsync dir. */
export function writeFileAtomically(path: string, content: string, beforeRename?: () => void): void {
  mkdirSync(dirname(path), { recursive: true });
  const temp = `${path}.tmp-${process.pid}-${Date.now()}`;
  const fd = openSync(temp, 'w');
  try {
    writeSync(fd, content);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  beforeRename?.();
  renameSync(temp, path);
  const dirFd = openSync(dirname(path), 'r');
  try {
    fsyncSync(dirFd);
  } finally {
    closeSync(dirFd);
  }
}

/** Appends one line and fsyncs it, so an acknowledged audit event survives a crash. */
export function appendLineDurably(path: string, line: string): void {
  const fd = openSync(path, 'a');
  try {
    writeSync(fd, `${line}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** The dev server's data directory: tokens, workloads, the audit log and the git repositories. */
export class DataStore {
  readonly workloadsPath: string;
  readonly tokensPath: string;
  readonly auditPath: string;
  /** The git provider's repositories, bare: `git/<owner>/<repo>.git`. */
  readonly providerDir: string;
  private workloads: StoredWorkload[];
  private tokens: StoredToken[];

  constructor(readonly dir: string) {
    this.workloadsPath = join(dir, 'workloads.json');
    this.tokensPath = join(dir, 'tokens.json');
    this.auditPath = join(dir, 'audit.jsonl');
    this.providerDir = join(dir, 'git');
    // Temp files are what a crash mid-write leaves; the real file is intact, so they are dropped.
    for (const name of readdirSync(dir)) if (/\.tmp-\d+-\d+$/.test(name)) rmSync(join(dir, name), { force: true });
    this.workloads = (JSON.parse(readFileSync(this.workloadsPath, 'utf8')) as { workloads: StoredWorkload[] }).workloads;
    this.tokens = (JSON.parse(readFileSync(this.tokensPath, 'utf8')) as { tokens: StoredToken[] }).tokens;
  }

  /** Every token, for authentication and for redaction. */
  allTokens(): readonly StoredToken[] {
    return this.tokens;
  }

  /** A copy of every workload, as stored. */
  listWorkloads(): StoredWorkload[] {
    return structuredClone(this.workloads);
  }

  /** A copy of one workload, or undefined. */
  getWorkload(id: string): StoredWorkload | undefined {
    const found = this.workloads.find((workload) => workload.id === id);
    return found && structuredClone(found);
  }

  /** Replaces one workload and persists the whole file atomically; memory changes only once the file is written. */
  saveWorkload(updated: StoredWorkload, beforeRename?: () => void): void {
    const next = this.workloads.map((workload) => (workload.id === updated.id ? structuredClone(updated) : workload));
    writeFileAtomically(this.workloadsPath, `${JSON.stringify({ workloads: next }, null, 2)}\n`, beforeRename);
    this.workloads = next;
  }

  /** Where the git provider keeps a workload's repository (`git/<owner>/<repo>.git`, bare). */
  repoPath(workload: StoredWorkload): string {
    return join(this.providerDir, String(workload.source_config.repo_owner ?? ''), `${String(workload.source_config.repo_name ?? '')}.git`);
  }
}
