import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver/node';
import { core } from './core';
import { toDiagnostic } from './lspDiagnostic';
import type { ServerState } from './state';

/**
 * The path a file URI names: the key files are held under, because VS Code and Node write the same URI differently
 * (`%21` or `!`, `%40` or `@`), and the client sends back its own spelling.
 */
export function pathOfUri(uri: string): string | undefined {
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

/** One Tinyforge file on disk, linted: what the Problems panel shows for it while it is not open. */
export interface WorkspaceFile {
  uri: string;
  /** Changes whenever what is reported changes (content, settings): the client sends it back as `previousResultId`. */
  resultId: string;
  diagnostics: Diagnostic[];
}

/** Directories never searched: dependencies and git's own data. */
const skippedDirectories = new Set(['node_modules', '.git']);

/**
 * Every Tinyforge file under a workspace folder (`.tinyforge.y(a)ml` anywhere, `tinyforge.files` globs), by URI; with
 * `under`, only those in that directory of the folder (a folder moved in is one watcher event, for the folder).
 */
export async function findWorkspaceFiles(state: ServerState, folderUri: string, under?: string): Promise<string[]> {
  const root = fileURLToPath(folderUri);
  const start = under ?? root;
  // Globs are matched against the path from the workspace folder, `/`-separated, wherever the search starts.
  const startRelative = relative(root, start).split(sep).join('/');
  const found: string[] = [];
  const visit = async (directory: string, relative: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(directory, { withFileTypes: true });
    } catch {
      return; // Unreadable or gone: nothing to report from it.
    }
    for (const entry of entries) {
      const childRelative = relative ? `${relative}/${entry.name}` : entry.name;
      // Symbolic links are not followed: a link back up the tree would never end.
      if (entry.isDirectory()) {
        if (!skippedDirectories.has(entry.name)) await visit(join(directory, entry.name), childRelative);
      } else if (entry.isFile() && core().isTinyforgeFile(childRelative, state.fileGlobs)) found.push(pathToFileURL(join(directory, entry.name)).toString());
    }
  };
  await visit(start, startRelative);
  return found;
}

/** Whether a URI is under a directory the search skips. */
export function isSkippedPath(uri: string): boolean {
  return uri.split('/').some((segment) => skippedDirectories.has(decodeURIComponent(segment)));
}

/** Reads and lints one file as Tinyforge reads it (its bytes); undefined when it cannot be read (deleted meanwhile). */
export async function lintWorkspaceFile(state: ServerState, uri: string): Promise<WorkspaceFile | undefined> {
  let bytes: Buffer;
  try {
    bytes = await readFile(fileURLToPath(uri));
  } catch {
    return undefined;
  }
  const lint = core().lintBytes(bytes, state.locale);
  const lineIndex = core().createLineIndex(lint.parsed.text);
  const resultId = createHash('sha1').update(bytes).update(`\0${state.locale}\0${state.fileGlobs.join('\0')}`).digest('base64url');
  return { uri, resultId, diagnostics: lint.findings.map((finding) => toDiagnostic(lineIndex, finding)) };
}
