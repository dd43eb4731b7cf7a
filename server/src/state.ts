import { TextDocuments, type Connection } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { DeclaredField, Finding, LineIndex, LintResult, LiveSnapshot, Locale, TextEdit } from '../../core/src/index';
import { core } from './core';
import { idleCollector } from './memory';
import type { WorkspaceFile } from './workspaceFiles';

/** A document's analysis, cached by URI and version. */
export interface Analysis extends LintResult {
  version: number;
  lineIndex: LineIndex;
  /** The fix-all edits, computed on the first code-action request of this version (VS Code asks on every cursor move). */
  fixAllEdits?: TextEdit[];
}

/** Everything the server holds; made once in `startServer`, passed to every feature. */
export interface ServerState {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  /** Workspace folder URIs, each ending in `/`. */
  workspaceFolders: string[];
  /** Extra globs from `tinyforge.files`. */
  fileGlobs: string[];
  locale: Locale;
  /** Whether the client pulls diagnostics (LSP 3.17) instead of receiving pushes. */
  pullDiagnostics: boolean;
  /** Whether the client asks for a re-pull when told to (`workspace.diagnostics.refreshSupport`). */
  diagnosticsRefresh: boolean;
  /** Whether completion items may be snippets; otherwise they are sent as the plain text a snippet would leave. */
  snippets: boolean;
  /** Whether the client fetches live data and runs Sync itself (the VS Code extension says so in `initialize`). */
  liveFromClient: boolean;
  analyses: Map<string, Analysis>;
  /** The latest live snapshot per document URI, as the client sent it. */
  snapshots: Map<string, LiveSnapshot>;
  /** The live findings of each document's last text that parsed, kept to carry over while the text does not. */
  lastLive: Map<string, { text: string; snapshot: LiveSnapshot; findings: Finding[] }>;
  /** The fields each snapshot's branch-head file declares, parsed once when the snapshot arrives. */
  branchFields: Map<string, Map<string, DeclaredField> | undefined>;
  /** Every Tinyforge file of the workspace folders on disk, by path, linted (`workspace/diagnostic`). */
  workspaceFiles: Map<string, WorkspaceFile>;
  /** The first search of the workspace folders, once started. */
  workspaceScan?: Promise<void>;
  /** Held `workspace/diagnostic` requests, woken when a file changes. */
  workspaceWaiters: Set<() => void>;
  /** To call after work that allocates: the heap is collected once the server idles (`memory.ts`). */
  afterWork: () => void;
}

/** Creates the server's state object. */
export function createServerState(connection: Connection): ServerState {
  return {
    connection,
    documents: new TextDocuments(TextDocument),
    workspaceFolders: [],
    fileGlobs: [],
    locale: 'en',
    pullDiagnostics: false,
    diagnosticsRefresh: false,
    snippets: false,
    liveFromClient: false,
    analyses: new Map(),
    lastLive: new Map(),
    snapshots: new Map(),
    branchFields: new Map(),
    workspaceFiles: new Map(),
    workspaceWaiters: new Set(),
    afterWork: idleCollector(),
  };
}

/** The innermost workspace folder a URI is in, if any. */
export function workspaceFolderOf(state: ServerState, uri: string): string | undefined {
  return state.workspaceFolders.filter((f) => uri.startsWith(f)).sort((a, b) => b.length - a.length)[0];
}

/** Whether a document URI is a Tinyforge file: `.tinyforge.y(a)ml` anywhere or a `tinyforge.files` glob match. */
export function isTinyforgeUri(state: ServerState, uri: string): boolean {
  // The extension's read-only branch-head documents are Tinyforge files whatever their name.
  if (uri.startsWith('tinyforge-branch:')) return true;
  if (!uri.startsWith('file:')) return false;
  const folder = workspaceFolderOf(state, uri);
  const relative = decodeURIComponent(folder ? uri.slice(folder.length) : new URL(uri).pathname);
  return core().isTinyforgeFile(relative, folder ? state.fileGlobs : []);
}

/** The current analysis of an open Tinyforge document, computed at most once per version. */
export function analysisOf(state: ServerState, uri: string): Analysis | undefined {
  const document = state.documents.get(uri);
  if (!document || !isTinyforgeUri(state, uri)) return undefined;
  const cached = state.analyses.get(uri);
  if (cached && cached.version === document.version) return cached;
  const text = document.getText();
  const analysis: Analysis = { ...core().lintText(text, state.locale), version: document.version, lineIndex: core().createLineIndex(text) };
  state.analyses.set(uri, analysis);
  state.afterWork();
  return analysis;
}
