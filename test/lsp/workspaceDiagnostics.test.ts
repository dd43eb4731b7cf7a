import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { CancellationTokenSource } from 'vscode-languageserver-protocol/node';
import type { WorkspaceDiagnosticReport, WorkspaceFullDocumentDiagnosticReport } from 'vscode-languageserver-protocol';
import { codesOf, startLspSession, type LspSession } from '../support/lspClient';

/** How VS Code spells a file URI: every character but letters, digits, `-._~` and `/` percent-encoded. */
const vscodeUri = (path: string): string => `file://${path.split('/').map((segment) => encodeURIComponent(segment).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)).join('/')}`;

describe('workspace diagnostics: every Tinyforge file of the workspace, opened or not', () => {
  const root = mkdtempSync(join(tmpdir(), 'tinyforge-ws-diag-'));
  const files: Record<string, string> = {
    'svc-a/.tinyforge.yml': 'version: 1\ndeploy:\n  prot: 8080\n',
    'svc-b/.tinyforge.yaml': 'version: 1\ndeploy:\n  port: 8080\n',
    "we ird!@'(x)/.tinyforge.yml": 'version: 2\n',
    'deploy/worker.yaml': 'version: 1\ndeploy: {}\nextra: 1\n',
    'deploy/other.yaml': 'not: a tinyforge file\n',
    'node_modules/dep/.tinyforge.yml': 'version: 7\n',
    '.git/.tinyforge.yml': 'version: 7\n',
  };
  let session: LspSession;
  const pathOf = (relative: string) => join(root, relative);
  const workspacePull = (previous: Array<{ uri: string; value: string }>, token?: CancellationTokenSource) =>
    (token ? session.connection.sendRequest('workspace/diagnostic', { previousResultIds: previous }, token.token) : session.connection.sendRequest('workspace/diagnostic', { previousResultIds: previous })) as Promise<WorkspaceDiagnosticReport>;
  const byFile = (report: WorkspaceDiagnosticReport) =>
    Object.fromEntries((report.items as WorkspaceFullDocumentDiagnosticReport[]).map((item) => [decodeURIComponent(item.uri).slice(pathToFileURL(root).toString().length + 1), codesOf(item.items)]));
  let first: WorkspaceDiagnosticReport;

  before(async () => {
    for (const [relative, text] of Object.entries(files)) {
      mkdirSync(join(root, relative, '..'), { recursive: true });
      writeFileSync(pathOf(relative), text);
    }
    session = await startLspSession({
      initialize: {
        workspaceFolders: [{ uri: pathToFileURL(root).toString(), name: 'ws' }],
        initializationOptions: { files: ['deploy/worker.yaml'] },
        capabilities: { textDocument: { diagnostic: { dynamicRegistration: false } }, workspace: { diagnostics: { refreshSupport: true } } },
      },
    });
  });
  after(async () => {
    await session.close();
    rmSync(root, { recursive: true, force: true });
  });

  test('the first pull reports every file, with its problems; dependencies and .git are not searched', async () => {
    assert.equal((session.initializeResult.capabilities.diagnosticProvider as { workspaceDiagnostics: boolean }).workspaceDiagnostics, true);
    first = await workspacePull([]);
    assert.deepEqual(byFile(first), {
      'svc-a/.tinyforge.yml': ['unknown-key'],
      'svc-b/.tinyforge.yaml': [],
      "we ird!@'(x)/.tinyforge.yml": ['invalid-version'],
      'deploy/worker.yaml': ['unknown-key'],
    });
  });

  test('with nothing changed the pull is held, even when the client spells the URIs its own way', async () => {
    const previous = (first.items as WorkspaceFullDocumentDiagnosticReport[]).map((item) => ({ uri: vscodeUri(decodeURIComponent(new URL(item.uri).pathname)), value: item.resultId! }));
    assert.ok(previous.some((entry) => entry.uri.includes('%21%40%27%28x%29')), 'VS Code encodes !@\'( )');
    const cancel = new CancellationTokenSource();
    const held = workspacePull(previous, cancel);
    const outcome = await Promise.race([held.then(() => 'answered'), new Promise((resolve) => setTimeout(() => resolve('held'), 400))]);
    assert.equal(outcome, 'held');
    cancel.cancel();
    assert.deepEqual((await held).items, []);
  });

  test('a file changed, created or deleted on disk answers the held pull with just that file', async () => {
    const previous = () => (first.items as WorkspaceFullDocumentDiagnosticReport[]).map((item) => ({ uri: item.uri, value: item.resultId! }));
    const held = workspacePull(previous());
    writeFileSync(pathOf('svc-b/.tinyforge.yaml'), 'version: 1\ndeploy:\n  port: 0\n');
    session.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(pathOf('svc-b/.tinyforge.yaml')).toString(), type: 2 }] });
    const changed = await held;
    assert.deepEqual(byFile(changed), { 'svc-b/.tinyforge.yaml': ['invalid-value'] });
    mkdirSync(pathOf('svc-c'));
    writeFileSync(pathOf('svc-c/.tinyforge.yml'), 'deploy: {}\n');
    unlinkSync(pathOf('svc-a/.tinyforge.yml'));
    const ids = [...previous().filter((entry) => !entry.uri.includes('svc-b')), ...(changed.items as WorkspaceFullDocumentDiagnosticReport[]).map((item) => ({ uri: item.uri, value: item.resultId! }))];
    const next = workspacePull(ids);
    session.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [
        { uri: pathToFileURL(pathOf('svc-c/.tinyforge.yml')).toString(), type: 1 },
        { uri: pathToFileURL(pathOf('svc-a/.tinyforge.yml')).toString(), type: 3 },
        // Not a Tinyforge file, and one in node_modules: neither is reported.
        { uri: pathToFileURL(pathOf('deploy/other.yaml')).toString(), type: 2 },
        { uri: pathToFileURL(pathOf('node_modules/dep/.tinyforge.yml')).toString(), type: 2 },
      ],
    });
    assert.deepEqual(byFile(await next), { 'svc-c/.tinyforge.yml': ['missing-required'], 'svc-a/.tinyforge.yml': [] });
  });

  test('an open file is left to the editor: the client sends no resultId for it, and the pull is still held', async () => {
    const uri = pathToFileURL(pathOf('svc-c/.tinyforge.yml')).toString();
    session.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: 'version: 1\n' } });
    const report = await workspacePull([]);
    assert.ok(!byFile(report)['svc-c/.tinyforge.yml'], 'not reported while open');
    const previous = (report.items as WorkspaceFullDocumentDiagnosticReport[]).map((item) => ({ uri: item.uri, value: item.resultId! }));
    const cancel = new CancellationTokenSource();
    const held = workspacePull(previous, cancel);
    const outcome = await Promise.race([held.then(() => 'answered'), new Promise((resolve) => setTimeout(() => resolve('held'), 400))]);
    assert.equal(outcome, 'held', 'an open file does not answer every pull at once');
    cancel.cancel();
    await held;
    session.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  });

  test('a deleted folder takes its files\' problems with it (the watcher sends one event, for the folder)', async () => {
    const ids = (report: WorkspaceDiagnosticReport) => (report.items as WorkspaceFullDocumentDiagnosticReport[]).map((item) => ({ uri: item.uri, value: item.resultId! }));
    const known = ids(await workspacePull([]));
    const waiting = workspacePull(known);
    mkdirSync(pathOf('gone/deeper'), { recursive: true });
    writeFileSync(pathOf('gone/deeper/.tinyforge.yml'), 'version: 3\n');
    session.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(pathOf('gone/deeper/.tinyforge.yml')).toString(), type: 1 }] });
    const created = await waiting;
    assert.deepEqual(byFile(created), { 'gone/deeper/.tinyforge.yml': ['invalid-version'] });
    const held = workspacePull([...known, ...ids(created)]);
    rmSync(pathOf('gone'), { recursive: true, force: true });
    session.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(pathOf('gone')).toString(), type: 3 }] });
    assert.deepEqual(byFile(await held), { 'gone/deeper/.tinyforge.yml': [] });
  });

  test('a folder moved into the workspace brings its files\' problems (the watcher sends one event, for the folder)', { timeout: 15_000 }, async () => {
    const ids = (report: WorkspaceDiagnosticReport) => (report.items as WorkspaceFullDocumentDiagnosticReport[]).map((item) => ({ uri: item.uri, value: item.resultId! }));
    const held = workspacePull(ids(await workspacePull([])));
    const outside = mkdtempSync(join(tmpdir(), 'tinyforge-ws-moved-'));
    mkdirSync(join(outside, 'svc-d/api'), { recursive: true });
    mkdirSync(join(outside, 'svc-d/node_modules/dep'), { recursive: true });
    writeFileSync(join(outside, 'svc-d/api/.tinyforge.yml'), 'version: 1\ndeploy:\n  prot: 1\n');
    writeFileSync(join(outside, 'svc-d/node_modules/dep/.tinyforge.yml'), 'version: 7\n');
    renameSync(join(outside, 'svc-d'), pathOf('svc-d'));
    rmSync(outside, { recursive: true, force: true });
    session.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [
        { uri: pathToFileURL(pathOf('svc-d')).toString(), type: 1 },
        // A created file that is no Tinyforge file and no folder: nothing to add.
        { uri: pathToFileURL(pathOf('deploy/other.yaml')).toString(), type: 1 },
      ],
    });
    assert.deepEqual(byFile(await held), { 'svc-d/api/.tinyforge.yml': ['unknown-key'] });
  });

  test('a file that has just closed is answered from disk, so its problems stay in the Problems panel', async () => {
    const uri = pathToFileURL(pathOf('deploy/worker.yaml')).toString();
    session.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: 'version: 1\ndeploy: {}\n' } });
    const open = (await session.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } })) as { items: unknown[] };
    assert.deepEqual(codesOf(open.items as never), [], 'the editor\'s text, while open');
    session.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    const closed = (await session.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } })) as { items: unknown[] };
    assert.deepEqual(codesOf(closed.items as never), ['unknown-key'], 'the file on disk, once closed');
  });
});
