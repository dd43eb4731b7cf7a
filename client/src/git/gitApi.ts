// The part of VS Code's Git extension API (`vscode.git`, `getAPI(1)`) this extension uses, written from its public
// `git.d.ts`. Type-only, with plain stand-ins for `vscode.Uri` and `vscode.Event`, so the steps that use it run under
// Node's test runner against a fake.

/** A file URI as the Git API hands it out (`vscode.Uri` is one). */
export interface GitUri {
  readonly fsPath: string;
  toString(): string;
}

/** An event to listen to (`vscode.Event` is one). */
export type GitEvent<T> = (listener: (value: T) => unknown) => { dispose(): void };

/** `RefType.Head`: a local branch (0), as opposed to a remote branch (1) or a tag (2). */
export const refTypeHead = 0;

/** The branch HEAD is on: `name` is undefined when HEAD is detached. */
export interface GitBranch {
  readonly type: number;
  readonly name?: string;
  readonly commit?: string;
  readonly upstream?: { readonly remote: string; readonly name: string; readonly commit?: string };
  /** Commits the branch has that its upstream has not, and the other way round (as of the last fetch). */
  readonly ahead?: number;
  readonly behind?: number;
}

/** One changed file in a group (staged, working tree, merge). */
export interface GitChange {
  readonly uri: GitUri;
}

/** What the Git extension knows of a repository; `onDidChange` fires whenever any of it changes. */
export interface GitRepositoryState {
  readonly HEAD: GitBranch | undefined;
  readonly remotes: ReadonlyArray<{ readonly name: string; readonly fetchUrl?: string; readonly pushUrl?: string }>;
  readonly rebaseCommit: { readonly hash: string } | undefined;
  readonly mergeChanges: readonly GitChange[];
  readonly indexChanges: readonly GitChange[];
  readonly workingTreeChanges: readonly GitChange[];
  readonly onDidChange: GitEvent<void>;
}

/** A repository the Git extension has open. `add` takes file-system paths. */
export interface GitRepository {
  readonly rootUri: GitUri;
  readonly state: GitRepositoryState;
  /** The file's text at a ref; rejects when the ref does not hold the file. */
  show(ref: string, path: string): Promise<string>;
  add(paths: string[]): Promise<void>;
  commit(message: string): Promise<void>;
  push(remoteName?: string, branchName?: string, setUpstream?: boolean): Promise<void>;
  /** Reads the working tree's status again (the extension does so on its own after a while). */
  status(): Promise<void>;
}

/** `getAPI(1)`. */
export interface GitApi {
  readonly state: 'uninitialized' | 'initialized';
  readonly onDidChangeState: GitEvent<'uninitialized' | 'initialized'>;
  readonly repositories: readonly GitRepository[];
  readonly onDidOpenRepository: GitEvent<GitRepository>;
  getRepository(uri: GitUri): GitRepository | null;
}

/** The Git extension's exports. */
export interface GitExtensionExports {
  readonly enabled: boolean;
  readonly onDidChangeEnablement: GitEvent<boolean>;
  getAPI(version: 1): GitApi;
}

/** A failure the Git extension reports: `gitErrorCode` says which (`PushRejected`, `Conflict`, …). */
export interface GitError {
  readonly message?: string;
  readonly stderr?: string;
  readonly gitErrorCode?: string;
}
