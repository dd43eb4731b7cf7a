import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isTinyforgeFile } from '../../core/src/index';

const skippedDirectories = new Set(['node_modules', '.git']);

/** Expands the command-line paths into files: files as given, directories searched for Tinyforge files. */
export function findFiles(paths: readonly string[]): { files: string[]; unreadable: Array<{ path: string; reason: string }> } {
  const files: string[] = [];
  const unreadable: Array<{ path: string; reason: string }> = [];
  const walk = (directory: string): void => {
    let entries;
    try {
      entries = readdirSync(directory, { withFileTypes: true });
    } catch (error) {
      unreadable.push({ path: directory, reason: (error as NodeJS.ErrnoException).code ?? String(error) });
      return;
    }
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      const path = join(directory, entry.name);
      if (entry.isDirectory() && !skippedDirectories.has(entry.name)) walk(path);
      else if (entry.isFile() && isTinyforgeFile(entry.name)) files.push(path);
    }
  };
  for (const path of paths) {
    try {
      if (statSync(path).isDirectory()) walk(path);
      else files.push(path);
    } catch (error) {
      unreadable.push({ path, reason: (error as NodeJS.ErrnoException).code ?? String(error) });
    }
  }
  return { files, unreadable };
}
