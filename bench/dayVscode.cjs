// The `vscode` module for bench/dayProbe.ts: enough of VS Code for the extension's body to run a working day in a
// plain Node process (a window with the Tinyforge view visible and some Tinyforge files open). What the extension
// shows the user (messages, the output channel's warnings and errors) is recorded, so the bench can read it.
const Module = require('node:module');
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
// The classes the view needs come from the view's own stand-in; this file adds the rest of the window.
const { vscode: viewStandIn } = require('./fleetVscode.cjs');

const { EventEmitter, TreeItem, ThemeIcon, ThemeColor, MarkdownString } = viewStandIn;

class Disposable {
  constructor(callOnDispose) {
    this.callOnDispose = callOnDispose;
  }
  static from(...disposables) {
    return new Disposable(() => disposables.forEach((disposable) => disposable?.dispose?.()));
  }
  dispose() {
    this.callOnDispose?.();
  }
}

class Uri {
  constructor(scheme, path, query = '', fragment = '') {
    this.scheme = scheme;
    this.path = path;
    this.query = query;
    this.fragment = fragment;
    this.authority = '';
  }
  get fsPath() {
    return this.path;
  }
  static file(path) {
    return new Uri('file', path);
  }
  static parse(text) {
    const match = /^([a-z][a-z0-9+.-]*):(?:\/\/[^/]*)?([^?#]*)(?:\?([^#]*))?(?:#(.*))?$/i.exec(text);
    return match ? new Uri(match[1], decodeURIComponent(match[2]), match[3] ?? '', match[4] ?? '') : new Uri('file', text);
  }
  static from(parts) {
    return new Uri(parts.scheme, parts.path ?? '', parts.query ?? '', parts.fragment ?? '');
  }
  static joinPath(base, ...segments) {
    return new Uri(base.scheme, join(base.path, ...segments));
  }
  with(change) {
    return new Uri(change.scheme ?? this.scheme, change.path ?? this.path, change.query ?? this.query, change.fragment ?? this.fragment);
  }
  toString() {
    return `${this.scheme}://${encodeURI(this.path)}${this.query ? `?${this.query}` : ''}${this.fragment ? `#${this.fragment}` : ''}`;
  }
}

class Position {
  constructor(line, character) {
    this.line = line;
    this.character = character;
  }
}
class Range {
  constructor(a, b, c, d) {
    [this.start, this.end] = typeof a === 'number' ? [new Position(a, b), new Position(c, d)] : [a, b];
  }
}
class CodeLens {
  constructor(range, command) {
    this.range = range;
    this.command = command;
  }
}
class Hover {
  constructor(contents, range) {
    this.contents = contents;
    this.range = range;
  }
}
class TabInputText {
  constructor(uri) {
    this.uri = uri;
  }
}
class TabInputTextDiff {
  constructor(original, modified) {
    this.original = original;
    this.modified = modified;
  }
}
class RelativePattern {
  constructor(base, pattern) {
    this.base = base;
    this.pattern = pattern;
  }
}

/** Everything the extension showed or logged, for the bench to read. */
const shown = { messages: [], output: [] };
const disposable = () => new Disposable();

/** The window's state: set by the probe before the extension loads. */
const state = { folders: [], documents: [], settings: {}, secrets: new Map(), memento: new Map() };

function document(path) {
  const text = readFileSync(path, 'utf8');
  const uri = Uri.file(path);
  return { uri, fileName: path, languageId: 'yaml', version: 1, isDirty: false, isClosed: false, isUntitled: false, lineCount: text.split('\n').length, getText: () => text, eol: 1 };
}

const events = {
  openDocument: new EventEmitter(),
  closeDocument: new EventEmitter(),
  saveDocument: new EventEmitter(),
  changeDocument: new EventEmitter(),
  changeConfiguration: new EventEmitter(),
  changeFolders: new EventEmitter(),
  windowState: new EventEmitter(),
  diagnostics: new EventEmitter(),
  extensions: new EventEmitter(),
  activeEditor: new EventEmitter(),
  visibleEditors: new EventEmitter(),
  trust: new EventEmitter(),
};

function configuration(section) {
  const prefix = section ? `${section}.` : '';
  return {
    get: (key, fallback) => (`${prefix}${key}` in state.settings ? state.settings[`${prefix}${key}`] : fallback),
    has: (key) => `${prefix}${key}` in state.settings,
    inspect: (key) => ({ key: `${prefix}${key}`, globalValue: state.settings[`${prefix}${key}`] }),
    update: async (key, value) => {
      state.settings[`${prefix}${key}`] = value;
      events.changeConfiguration.fire({ affectsConfiguration: (name) => `${prefix}${key}`.startsWith(name) });
    },
  };
}

function treeView() {
  const visibility = new EventEmitter();
  return {
    visible: true,
    message: '',
    title: 'Workloads',
    description: undefined,
    badge: undefined,
    selection: [],
    onDidChangeVisibility: visibility.event,
    onDidChangeSelection: () => disposable(),
    onDidExpandElement: () => disposable(),
    onDidCollapseElement: () => disposable(),
    reveal: async () => undefined,
    dispose: () => visibility.dispose(),
  };
}

const commands = new Map();
const editors = () => state.documents.map((doc) => ({ document: doc, selection: new Range(0, 0, 0, 0), visibleRanges: [], setDecorations: () => undefined, options: {} }));

const vscode = {
  EventEmitter,
  Disposable,
  Uri,
  Position,
  Range,
  TreeItem,
  ThemeIcon,
  ThemeColor,
  MarkdownString,
  CodeLens,
  Hover,
  RelativePattern,
  TabInputText,
  TabInputTextDiff,
  TreeItemCollapsibleState: { None: 0, Collapsed: 1, Expanded: 2 },
  StatusBarAlignment: { Left: 1, Right: 2 },
  ProgressLocation: { SourceControl: 1, Window: 10, Notification: 15 },
  ConfigurationTarget: { Global: 1, Workspace: 2, WorkspaceFolder: 3 },
  DiagnosticSeverity: { Error: 0, Warning: 1, Information: 2, Hint: 3 },
  l10n: { t: (message, ...args) => String(message).replace(/\{(\d+)\}/g, (_, index) => String(args[Number(index)])) },
  env: { language: 'en', clipboard: { writeText: async () => undefined }, openExternal: async () => true },
  workspace: {
    get workspaceFolders() {
      return state.folders;
    },
    get textDocuments() {
      return state.documents;
    },
    isTrusted: true,
    getConfiguration: configuration,
    getWorkspaceFolder: (uri) => state.folders.filter((folder) => uri.path.startsWith(`${folder.uri.path}/`)).sort((a, b) => b.uri.path.length - a.uri.path.length)[0],
    asRelativePath: (value) => String(value),
    findFiles: async () => state.documents.map((doc) => doc.uri),
    createFileSystemWatcher: () => ({ onDidCreate: () => disposable(), onDidChange: () => disposable(), onDidDelete: () => disposable(), dispose: () => undefined }),
    registerTextDocumentContentProvider: () => disposable(),
    openTextDocument: async (uri) => state.documents.find((doc) => doc.uri.toString() === uri.toString()) ?? document(uri.fsPath),
    onDidOpenTextDocument: events.openDocument.event,
    onDidCloseTextDocument: events.closeDocument.event,
    onDidSaveTextDocument: events.saveDocument.event,
    onDidChangeTextDocument: events.changeDocument.event,
    onDidChangeConfiguration: events.changeConfiguration.event,
    onDidChangeWorkspaceFolders: events.changeFolders.event,
    onDidGrantWorkspaceTrust: events.trust.event,
    fs: { stat: async () => ({ type: 1 }), readFile: async (uri) => readFileSync(uri.fsPath), writeFile: async () => undefined },
  },
  window: {
    get activeTextEditor() {
      return editors()[0];
    },
    get visibleTextEditors() {
      return editors();
    },
    // Every open file has its tab.
    tabGroups: {
      get all() {
        return [{ isActive: true, tabs: state.documents.map((doc) => ({ label: doc.fileName, input: new TabInputText(doc.uri) })) }];
      },
      onDidChangeTabs: () => disposable(),
      onDidChangeTabGroups: () => disposable(),
    },
    createOutputChannel: () => {
      const log = (level) => (message) => shown.output.push(`${level} ${message}`);
      return { name: 'Tinyforge', append: () => undefined, appendLine: log('info'), trace: () => undefined, debug: () => undefined, info: () => undefined, warn: log('warn'), error: log('error'), show: () => undefined, clear: () => undefined, dispose: () => undefined, logLevel: 2, onDidChangeLogLevel: () => disposable() };
    },
    createTreeView: treeView,
    createStatusBarItem: () => ({ text: '', tooltip: undefined, command: undefined, show: () => undefined, hide: () => undefined, dispose: () => undefined }),
    createTextEditorDecorationType: () => ({ key: 'decoration', dispose: () => undefined }),
    showErrorMessage: async (message) => (shown.messages.push(`error ${message}`), undefined),
    showWarningMessage: async (message) => (shown.messages.push(`warning ${message}`), undefined),
    showInformationMessage: async (message) => (shown.messages.push(`info ${message}`), undefined),
    showQuickPick: async () => undefined,
    showInputBox: async () => undefined,
    showTextDocument: async (doc) => ({ document: doc }),
    setStatusBarMessage: () => disposable(),
    withProgress: async (_options, task) => task({ report: () => undefined }, { isCancellationRequested: false, onCancellationRequested: () => disposable() }),
    onDidChangeWindowState: events.windowState.event,
    onDidChangeActiveTextEditor: events.activeEditor.event,
    onDidChangeVisibleTextEditors: events.visibleEditors.event,
  },
  languages: {
    registerHoverProvider: () => disposable(),
    registerCodeLensProvider: () => disposable(),
    getDiagnostics: () => [],
    onDidChangeDiagnostics: events.diagnostics.event,
  },
  commands: {
    registerCommand: (id, handler) => {
      commands.set(id, handler);
      return new Disposable(() => commands.delete(id));
    },
    executeCommand: async (id, ...args) => commands.get(id)?.(...args),
  },
  extensions: { getExtension: () => undefined, onDidChange: events.extensions.event, all: [] },
};

/** The extension context the probe activates the body with. */
function extensionContext(root) {
  const memento = { get: (key, fallback) => (state.memento.has(key) ? state.memento.get(key) : fallback), update: async (key, value) => void state.memento.set(key, value), keys: () => [...state.memento.keys()] };
  return {
    subscriptions: [],
    extensionPath: root,
    extensionUri: Uri.file(root),
    asAbsolutePath: (path) => join(root, path),
    globalStorageUri: Uri.file(join(root, '.day-storage')),
    storageUri: undefined,
    workspaceState: memento,
    globalState: memento,
    secrets: { get: async (key) => state.secrets.get(key), store: async (key, value) => void state.secrets.set(key, value), delete: async (key) => void state.secrets.delete(key), onDidChange: () => disposable() },
    extension: { packageJSON: JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) },
  };
}

const load = Module._load;
Module._load = function (request, ...rest) {
  return request === 'vscode' ? vscode : load.call(this, request, ...rest);
};

module.exports = { vscode, state, shown, document, extensionContext, treeView };
