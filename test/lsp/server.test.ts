import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ErrorCodes, ResponseError, type CodeAction, type CompletionList, type Diagnostic, type DocumentSymbol, type FoldingRange, type Hover, type TextEdit } from 'vscode-languageserver-protocol';
import { applyEdits, createLineIndex } from '../../core/src/index';
import { compareFindings, loadDiagnosticFixtures, type RangedFinding } from '../support/fixtures';
import { changeDocument, codesOf, openDocument, repoRoot, startLspSession, type LspSession } from '../support/lspClient';

function ranged(diagnostics: readonly Diagnostic[]): RangedFinding[] {
  return diagnostics.map((d) => ({ code: String(d.code), start: d.range.start, end: d.range.end, suggestion: (d.data as { suggestion?: string } | undefined)?.suggestion }));
}

function applyLspEdits(text: string, edits: readonly TextEdit[]): string {
  const index = createLineIndex(text);
  return applyEdits(text, edits.map((edit) => ({ span: { start: index.offsetAt(edit.range.start), end: index.offsetAt(edit.range.end) }, newText: edit.newText })));
}

let counter = 0;
/** A fresh URI per test, so tests never see each other's documents. */
function uniqueUri(name = '.tinyforge.yml'): string {
  return `file:///ws/case${++counter}/${name}`;
}

describe('language server over stdio (push diagnostics)', () => {
  let session: LspSession;
  before(async () => {
    session = await startLspSession({});
  });
  after(async () => {
    await session.close();
  });

  test('advertises push diagnostics, completion, hover, code actions, symbols and folding', () => {
    const capabilities = session.initializeResult.capabilities;
    assert.equal(capabilities.diagnosticProvider, undefined);
    assert.ok(capabilities.completionProvider && capabilities.hoverProvider && capabilities.codeActionProvider);
    assert.ok(capabilities.documentSymbolProvider && capabilities.foldingRangeProvider);
  });

  for (const fixture of loadDiagnosticFixtures()) {
    test(`fixture ${fixture.name}: same codes and ranges as the core`, async () => {
      const uri = uniqueUri();
      const published = session.nextDiagnostics(uri, { version: 1 });
      openDocument(session, uri, fixture.text);
      const { diagnostics } = await published;
      assert.deepEqual(compareFindings(fixture.expected, ranged(diagnostics)), { missing: [], unexpected: [] });
      for (const diagnostic of diagnostics) {
        assert.equal(diagnostic.source, 'tinyforge');
        assert.equal(typeof diagnostic.code, 'string');
        assert.equal(diagnostic.severity, 1, 'every schema code is an error');
      }
    });
  }

  test('editing the buffer republishes for the new version; closing clears', async () => {
    const uri = uniqueUri();
    const first = session.nextDiagnostics(uri, { version: 1 });
    openDocument(session, uri, 'version: 1\ndeploy:\n  prot: 1\n');
    assert.deepEqual(codesOf((await first).diagnostics), ['unknown-key']);
    const second = session.nextDiagnostics(uri, { version: 2 });
    changeDocument(session, uri, 'version: 1\ndeploy:\n  port: 1\n', 2);
    assert.deepEqual((await second).diagnostics, []);
    const third = session.nextDiagnostics(uri, { version: 3 });
    session.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 3 },
      contentChanges: [{ range: { start: { line: 2, character: 8 }, end: { line: 2, character: 9 } }, text: '0' }],
    });
    assert.deepEqual(codesOf((await third).diagnostics), ['invalid-value']);
    const cleared = session.nextDiagnostics(uri);
    session.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    assert.deepEqual((await cleared).diagnostics, []);
  });

  test('no other YAML file gets diagnostics, completion or hover', async () => {
    const other = uniqueUri('docker-compose.yml');
    const ours = uniqueUri();
    openDocument(session, other, 'services:\n  prot: 1\nversion: "3"\n');
    const published = session.nextDiagnostics(ours, { version: 1 });
    openDocument(session, ours, 'version: 1\n');
    await published;
    // Messages are handled in order, so by now the other file would have had its diagnostics.
    assert.equal(session.published.filter((p) => p.uri === other).length, 0);
    const hover = await session.connection.sendRequest('textDocument/hover', { textDocument: { uri: other }, position: { line: 0, character: 2 } });
    assert.equal(hover, null);
    const completion = (await session.connection.sendRequest('textDocument/completion', { textDocument: { uri: other }, position: { line: 2, character: 0 } })) as CompletionList;
    assert.deepEqual(completion.items, []);
  });

  test('completion: keys at the cursor level with docs, as snippet text edits', async () => {
    const uri = uniqueUri();
    openDocument(session, uri, 'version: 1\ndeploy:\n  port: 8080\n  \n');
    const list = (await session.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: 3, character: 2 } })) as CompletionList;
    assert.deepEqual(list.items.map((item) => item.label), ['healthcheck', 'deploy_strategy', 'resources', 'max_instances']);
    const strategy = list.items.find((item) => item.label === 'deploy_strategy')!;
    assert.equal(strategy.insertTextFormat, 2);
    assert.deepEqual((strategy.textEdit as TextEdit).range, { start: { line: 3, character: 2 }, end: { line: 3, character: 2 } });
    assert.match((strategy.documentation as { value: string }).value, /recreate/);
    const values = (await session.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: 0, character: 9 } })) as CompletionList;
    assert.deepEqual(values.items.map((item) => item.label), ['1']);
  });

  test('hover: schema docs in markdown over the key', async () => {
    const uri = uniqueUri();
    openDocument(session, uri, 'version: 1\ndeploy:\n  healthcheck: /healthz\n');
    const hover = (await session.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 2, character: 5 } })) as Hover;
    assert.equal((hover.contents as { kind: string }).kind, 'markdown');
    assert.match((hover.contents as { value: string }).value, /Health check path/);
    assert.deepEqual(hover.range, { start: { line: 2, character: 2 }, end: { line: 2, character: 13 } });
  });

  test('code actions: applying the preferred quick fix removes the problem', async () => {
    const uri = uniqueUri();
    const text = 'version: 1\ndeploy:\n  prot: 8080\n';
    const published = session.nextDiagnostics(uri, { version: 1 });
    openDocument(session, uri, text);
    const { diagnostics } = await published;
    const actions = (await session.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: diagnostics[0].range,
      context: { diagnostics, only: ['quickfix'] },
    })) as CodeAction[];
    assert.deepEqual(actions.map((a) => [a.title, a.isPreferred]), [['Rename "prot" to "port"', true], ['Remove unknown key "prot"', false]]);
    const fixed = applyLspEdits(text, actions[0].edit!.changes![uri]);
    const republished = session.nextDiagnostics(uri, { version: 2 });
    changeDocument(session, uri, fixed, 2);
    assert.deepEqual((await republished).diagnostics, []);
  });

  test('completion items are inserted as sent: every line already indented to where it lands (insertTextMode asIs)', async () => {
    const uri = uniqueUri();
    openDocument(session, uri, 'version: 1\ndeploy:\n  port: 8080\n  \n');
    const list = (await session.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: 3, character: 2 } })) as CompletionList;
    const resources = list.items.find((item) => item.label === 'resources')!;
    assert.equal((resources.textEdit as TextEdit).newText, 'resources:\n    $0');
    assert.deepEqual([...new Set(list.items.map((item) => item.insertTextMode))], [1]);
  });

  test('quick fixes for thousands of diagnostics at once (select all, then the light bulb) come back in one go', { timeout: 20_000 }, async () => {
    const uri = uniqueUri();
    const text = `version: 1\n${Array.from({ length: 4000 }, (_, i) => `k${i}: ${i}\n`).join('')}`;
    const published = session.nextDiagnostics(uri, { version: 1 });
    openDocument(session, uri, text);
    const { diagnostics } = await published;
    assert.equal(diagnostics.length, 4000);
    const actions = (await session.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 4001, character: 0 } },
      context: { diagnostics, only: ['quickfix'] },
    })) as CodeAction[];
    assert.equal(actions.length, 4000);
    assert.match(actions[3999].title, /Remove unknown key "k3999"/);
  });

  test('code actions match on code and range, not message text', async () => {
    const uri = uniqueUri();
    const published = session.nextDiagnostics(uri, { version: 1 });
    openDocument(session, uri, 'version: "1"\n');
    const { diagnostics } = await published;
    const renamed = diagnostics.map((d) => ({ ...d, message: 'a message the client translated' }));
    const actions = (await session.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: renamed[0].range, context: { diagnostics: renamed } })) as CodeAction[];
    assert.deepEqual(actions.map((a) => a.title), ['Set version to 1', 'Fix all Tinyforge problems that have a safe fix']);
  });

  test('the fix-all source action fixes every safe problem', async () => {
    const uri = uniqueUri();
    const text = 'deploy:\n  prot: 8080\n  helthcheck: /h\n';
    openDocument(session, uri, text);
    const actions = (await session.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll'] },
    })) as CodeAction[];
    assert.deepEqual(actions.map((a) => a.kind), ['source.fixAll.tinyforge']);
    const fixed = applyLspEdits(text, actions[0].edit!.changes![uri]);
    assert.equal(fixed, 'version: 1\ndeploy:\n  port: 8080\n  healthcheck: /h\n');
  });

  test('outline and folding ranges', async () => {
    const uri = uniqueUri();
    openDocument(session, uri, 'version: 1\ndeploy:\n  port: 8080\n  resources:\n    cpu_limit: 1\n');
    const symbols = (await session.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } })) as DocumentSymbol[];
    assert.deepEqual(symbols.map((s) => [s.name, s.children?.map((c) => c.name)]), [['version', []], ['deploy', ['port', 'resources']]]);
    const folds = (await session.connection.sendRequest('textDocument/foldingRange', { textDocument: { uri } })) as FoldingRange[];
    assert.deepEqual(folds.map((f) => [f.startLine, f.endLine]), [[1, 4], [3, 4]]);
  });

  test('a handler that throws logs and answers empty; the server keeps working', async () => {
    const uri = uniqueUri();
    openDocument(session, uri, 'version: 1\n');
    const answer = await session.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: null });
    assert.equal(answer, null);
    assert.ok(session.logs.some((line) => line.startsWith('hover failed')), 'the failure is logged');
    const hover = (await session.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 1 } })) as Hover;
    assert.match((hover.contents as { value: string }).value, /File format version/);
  });
});

describe('language server: pull diagnostics and settings', () => {
  test('pulls diagnostics when the client supports them, and never pushes', async () => {
    const session = await startLspSession({ initialize: { capabilities: { textDocument: { diagnostic: { dynamicRegistration: false } } } } });
    try {
      assert.ok(session.initializeResult.capabilities.diagnosticProvider);
      const uri = 'file:///ws/pull/.tinyforge.yml';
      openDocument(session, uri, 'version: 2\n');
      const report = (await session.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } })) as { kind: string; items: Diagnostic[] };
      assert.equal(report.kind, 'full');
      assert.deepEqual(codesOf(report.items), ['invalid-version']);
      assert.equal(session.published.length, 0);
    } finally {
      await session.close();
    }
  });

  test('tinyforge.files globs add files relative to the workspace folder; a settings change re-evaluates them', async () => {
    const session = await startLspSession({
      initialize: { workspaceFolders: [{ uri: 'file:///ws/app', name: 'app' }], initializationOptions: { files: ['deploy/*.yaml'] } },
    });
    try {
      const custom = 'file:///ws/app/deploy/tinyforge.yaml';
      const published = session.nextDiagnostics(custom, { version: 1 });
      openDocument(session, custom, 'version: 1\nprot: 1\n');
      assert.deepEqual(codesOf((await published).diagnostics), ['unknown-key']);
      const cleared = session.nextDiagnostics(custom);
      session.connection.sendNotification('workspace/didChangeConfiguration', { settings: { tinyforge: { files: [] } } });
      assert.deepEqual((await cleared).diagnostics, []);
    } finally {
      await session.close();
    }
  });

  test('a client without snippet support gets one line of plain text per proposal, each once', async () => {
    const session = await startLspSession({ initialize: { capabilities: { textDocument: { completion: { completionItem: { snippetSupport: false } } } } } });
    try {
      const uri = 'file:///ws/plain/.tinyforge.yml';
      openDocument(session, uri, 'version: 1\n');
      const list = (await session.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: 1, character: 0 } })) as CompletionList;
      const inserted = list.items.map((item) => (item.textEdit as TextEdit).newText);
      assert.ok(list.items.every((item) => item.insertTextFormat === 1));
      // The deploy block snippet would leave `deploy:` alone on its line, as the deploy key does: one of them is offered.
      assert.deepEqual(inserted.filter((text) => text === 'deploy:'), ['deploy:']);
      assert.ok(inserted.every((text) => !text.includes('$') && !/[\r\n]/.test(text)), inserted.join(' | '));
    } finally {
      await session.close();
    }
  });

  test('diagnostics refresh: sent only to a client that supports it, and a client that answers it with an error does not stop the server', async () => {
    for (const refreshSupport of [false, true]) {
      const session = await startLspSession({
        initialize: { capabilities: { textDocument: { diagnostic: { dynamicRegistration: false } }, workspace: { diagnostics: { refreshSupport } } } },
      });
      try {
        let refreshes = 0;
        session.connection.onRequest('workspace/diagnostic/refresh', () => {
          refreshes++;
          return new ResponseError(ErrorCodes.MethodNotFound, 'refresh is not supported here');
        });
        const uri = 'file:///ws/refresh/.tinyforge.yml';
        openDocument(session, uri, 'version: 2\n');
        session.connection.sendNotification('workspace/didChangeConfiguration', { settings: { tinyforge: { files: [] } } });
        session.connection.sendNotification('tinyforge/snapshot', { uri, snapshot: null });
        const report = (await session.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } })) as { items: Diagnostic[] };
        assert.deepEqual(codesOf(report.items), ['invalid-version']);
        assert.equal(refreshes, refreshSupport ? 2 : 0);
        assert.equal(session.process.exitCode, null, 'the server is still running');
      } finally {
        await session.close();
      }
    }
  });

  test('messages, hover and completion docs follow the client locale', async () => {
    const session = await startLspSession({ initialize: { locale: 'ru' } });
    try {
      const uri = 'file:///ws/ru/.tinyforge.yml';
      const published = session.nextDiagnostics(uri, { version: 1 });
      openDocument(session, uri, 'version: 1\nprot: 1\ndeploy:\n  port: 8080\n  \n');
      assert.match(String((await published).diagnostics[0].message), /Неизвестный ключ/);
      const hover = (await session.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 3, character: 3 } })) as Hover;
      assert.match((hover.contents as { value: string }).value, /^\*\*Порт контейнера\*\* · `deploy.port`\n\nПорт, который слушает контейнер/);
      const list = (await session.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: 4, character: 2 } })) as CompletionList;
      const healthcheck = list.items.find((item) => item.label === 'healthcheck');
      assert.equal(healthcheck?.detail, 'Путь проверки работоспособности');
      // Snippets are found by the key they start with, not by their (translated) label.
      const empty = 'file:///ws/ru-empty/.tinyforge.yml';
      const emptyPublished = session.nextDiagnostics(empty, { version: 1 });
      openDocument(session, empty, '');
      await emptyPublished;
      const start = (await session.connection.sendRequest('textDocument/completion', { textDocument: { uri: empty }, position: { line: 0, character: 0 } })) as CompletionList;
      assert.deepEqual(start.items.filter((item) => item.kind === 15).map((item) => [item.label, item.filterText]), [['Файл Tinyforge (версия 1)', 'version'], ['блок deploy', 'deploy']]);
    } finally {
      await session.close();
    }
  });
});

describe('language server over node IPC (how VS Code starts it)', () => {
  test('answers initialize and publishes diagnostics', async () => {
    const { fork } = await import('node:child_process');
    const { createMessageConnection, IPCMessageReader, IPCMessageWriter } = await import('vscode-languageserver-protocol/node');
    const child = fork(`${repoRoot}/dist/server.js`, ['--node-ipc'], { stdio: ['ignore', 'ignore', 'ignore', 'ipc'] });
    const connection = createMessageConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
    const published = new Promise<Diagnostic[]>((resolve) =>
      connection.onNotification('textDocument/publishDiagnostics', (params: { diagnostics: Diagnostic[] }) => resolve(params.diagnostics)),
    );
    connection.listen();
    try {
      const result = (await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {} })) as { capabilities: object };
      assert.ok('hoverProvider' in result.capabilities);
      connection.sendNotification('initialized', {});
      connection.sendNotification('textDocument/didOpen', { textDocument: { uri: 'file:///ipc/.tinyforge.yml', languageId: 'yaml', version: 1, text: 'version: 3\n' } });
      assert.deepEqual(codesOf(await published), ['invalid-version']);
    } finally {
      connection.dispose();
      child.kill();
    }
  });
});
