import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { isTinyforgeFile } from '../../core/src/index';

/** The path that stands for standard input. */
export const stdinPath = '-';

const skippedDirectories = new Set(['node_modules', '.git']);

/** A path the linter could not read, and why (an errno code such as ENOENT). */
export interface Unreadable {
  path: string;
  reason: string;
}

/** The report of a path that failed to read. */
export function unreadableBecause(path: string, error: unknown): Unreadable {
  return { path, reason: (error as NodeJS.ErrnoException).code ?? String(error) };
}

/** What the command-line paths expand to. */
export interface FoundFiles {
  /** Each file once, in the order found. */
  files: string[];
  unreadable: Unreadable[];
  /** Directories given on the command line that hold no Tinyforge file (a mistyped CI path passes silently otherwise). */
  emptyDirectories: string[];
}

/** Expands the command-line paths into files: files as given, directories searched for Tinyforge files (symlinked files too, symlinked directories not, so no loops). */
export function findFiles(paths: readonly string[]): FoundFiles {
  const found: FoundFiles = { files: [], unreadable: [], emptyDirectories: [] };
  const seen = new Set<string>();
  let matches = 0;
  const add = (path: string): void => {
    matches++;
    // Standard input is not the file ./- (which `tinyforge-lint ./-` names).
    const key = path === stdinPath ? '\0stdin' : resolve(path);
    if (seen.has(key)) return;
    seen.add(key);
    found.files.push(path);
  };
  const walk = (directory: string): void => {
    let entries;
    try {
      entries = readdirSync(directory, { withFileTypes: true });
    } catch (error) {
      found.unreadable.push(unreadableBecause(directory, error));
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const path = join(directory, entry.name);
      if (entry.isDirectory() && !skippedDirectories.has(entry.name)) walk(path);
      else if (isTinyforgeFile(entry.name) && (entry.isFile() || (entry.isSymbolicLink() && isFileBehind(path, found)))) add(path);
    }
  };
  for (const path of paths) {
    if (path === stdinPath) {
      add(path);
      continue;
    }
    try {
      if (!statSync(path).isDirectory()) {
        add(path);
        continue;
      }
    } catch (error) {
      found.unreadable.push(unreadableBecause(path, error));
      continue;
    }
    const before = matches + found.unreadable.length;
    walk(path);
    if (matches + found.unreadable.length === before) found.emptyDirectories.push(path);
  }
  return found;
}

function isFileBehind(link: string, found: FoundFiles): boolean {
  try {
    return statSync(link).isFile();
  } catch (error) {
    found.unreadable.push(unreadableBecause(link, error));
    return false;
  }
}
