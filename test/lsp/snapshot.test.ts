import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { shopApiSnapshot } from '../support/snapshots';
import { changeDocument, openDocument, startLspSession, type LspSession } from '../support/lspClient';

const snapshot = shopApiSnapshot();

function summary(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((d) => `${d.code}@${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} sev${d.severity}${d.tags?.length ? ` tags${d.tags.join(',')}` : ''}`);
}

describe('live snapshots in the language server', () => {
  let session: LspSession;
  const uri = 'file:///ws/live/.tinyforge.yml';
  const text = 'version: 1\ndeploy:\n  port: 8080\n  healthcheck: /health\n  max_instances: 2\n';
  before(async () => {
    // As the VS Code extension starts it: the client fetches, sends snapshots and runs Sync.
    session = await startLspSession({ initialize: { initializationOptions: { liveData: 'client' } } });
    const opened = session.nextDiagnostics(uri, { version: 1 });
    openDocument(session, uri, text);
    assert.deepEqual((await opened).diagnostics, [], 'no live findings without a snapshot');
  });
  after(() => session.close());

  test('a snapshot adds drift (information, on the value) and not-managed (warning, Unnecessary, on the key)', async () => {
    const published = session.nextDiagnostics(uri);
    session.connection.sendNotification('tinyforge/snapshot', { uri, snapshot });
    const { diagnostics } = await published;
    assert.deepEqual(summary(diagnostics), ['drift@2:8-2:12 sev3', 'not-managed@4:2-4:15 sev2 tags1']);
    assert.deepEqual((diagnostics[0].data as { drift: object }).drift, {
      field: 'deploy.port',
      editorValue: '8080',
      branchValue: '8080',
      liveValue: '3000',
      liveYaml: '3000',
      workloadId: 'wl_7f3a',
      commitSha: '4b2d0c1e',
    });
    assert.equal(diagnostics[0].source, 'tinyforge');
  });

  test('editing the buffer recomputes drift from the held snapshot, with no request', async () => {
    const published = session.nextDiagnostics(uri, { version: 2 });
    changeDocument(session, uri, text.replace('port: 8080', 'port: 3000').replace('/health', '/ready'), 2);
    assert.deepEqual(summary((await published).diagnostics), ['drift@3:15-3:21 sev3', 'not-managed@4:2-4:15 sev2 tags1']);
  });

  test('typing a new key one character at a time: the other lines keep their drift and fades until it parses', async () => {
    const uri2 = 'file:///ws/typing/.tinyforge.yml';
    const base = 'version: 1\ndeploy:\n  port: 8080\n  healthcheck: /health\n  max_instances: 2\n';
    const opened = session.nextDiagnostics(uri2, { version: 1 });
    openDocument(session, uri2, base);
    await opened;
    const withLive = session.nextDiagnostics(uri2);
    session.connection.sendNotification('tinyforge/snapshot', { uri: uri2, snapshot });
    assert.deepEqual(summary((await withLive).diagnostics), ['drift@2:8-2:12 sev3', 'not-managed@4:2-4:15 sev2 tags1']);
    // A new line under port, then "m", "ma", "max": each text is a syntax error (a key without its colon).
    let version = 1;
    for (const typed of ['\n  ', '\n  m', '\n  ma', '\n  max']) {
      const published = session.nextDiagnostics(uri2, { version: ++version });
      changeDocument(session, uri2, base.replace('port: 8080', `port: 8080${typed}`), version);
      const shown = summary((await published).diagnostics);
      // max_instances moved down a line with the edit; port's drift stayed where it was.
      assert.ok(shown.includes('drift@2:8-2:12 sev3') && shown.includes('not-managed@5:2-5:15 sev2 tags1'), `after ${JSON.stringify(typed)}: ${shown.join(', ')}`);
    }
    // The colon: the line parses (an empty value is its own problem), and the live findings are computed afresh.
    const published = session.nextDiagnostics(uri2, { version: ++version });
    changeDocument(session, uri2, base.replace('port: 8080', 'port: 3000\n  max_instances:'), version);
    const shown = summary((await published).diagnostics);
    assert.ok(!shown.some((entry) => entry.startsWith('drift@')), `the port drift went with the new value: ${shown.join(', ')}`);
  });

  test('hover on a managed field shows editor, branch head (short commit) and live, with status and last sync', async () => {
    const published = session.nextDiagnostics(uri);
    session.connection.sendNotification('tinyforge/snapshot', { uri, snapshot: { ...snapshot, lastSyncAt: '2026-11-20T09:00:00Z', syncedCommitSha: '9c1e0aa77' } });
    await published;
    const hover = (await session.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 2, character: 3 } })) as { contents: { value: string } };
    const text = hover.contents.value;
    assert.match(text, /Workload \*\*shop-api\*\* \(dockerfile\) · GitOps status: \*\*ok\*\*/);
    assert.match(text, /\| Editor \| Branch main @ 4b2d0c1 \| Live \|\n\|---\|---\|---\|\n\| `3000` \| `8080` \| `3000` \|/);
    assert.match(text, /Last sync: 2026-11-20 09:00 UTC \(commit 9c1e0aa\)/);
    assert.match(text, /Container port/, 'the schema docs follow');
    const notManaged = (await session.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 4, character: 4 } })) as { contents: { value: string } };
    assert.match(notManaged.contents.value, /Not managed for dockerfile workloads: Sync ignores it\./);
    assert.equal(notManaged.contents.value.match(/Sync ignores/g)?.length, 1, 'said once: the schema\'s sentence is left out');
  });

  test('admins get Sync and "Use the live value" on each drift diagnostic, and both file-level actions; viewers get only the live-value ones', async () => {
    const ask = async (role: 'admin' | 'viewer') => {
      const published = session.nextDiagnostics(uri);
      session.connection.sendNotification('tinyforge/snapshot', { uri, snapshot: { ...snapshot, role, branchDrift: [{ field: 'deploy.port', repo_value: '8080', live_value: '3000' }] } });
      const { diagnostics } = await published;
      const drift = diagnostics.filter((d) => d.code === 'drift');
      const quickFixes = (await session.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: drift[0].range, context: { diagnostics: drift, only: ['quickfix'] } })) as Array<{ title: string; command?: { command: string; arguments: unknown[] }; edit?: { changes: Record<string, Array<{ newText: string }>> } }>;
      const source = (await session.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: drift[0].range, context: { diagnostics: [], only: ['source'] } })) as Array<{ title: string; kind: string }>;
      return { quickFixes, source };
    };
    const admin = await ask('admin');
    assert.deepEqual(
      admin.quickFixes.map((a) => [a.title, a.command?.command, a.command?.arguments, a.edit?.changes[uri].map((edit) => edit.newText)]),
      [
        ['Sync workload shop-api from main@4b2d0c1', 'tinyforge.sync', [uri], undefined],
        // The buffer says /ready since the last test; live says /health: only the differing letters are replaced.
        ['Use the live value (/health) in this file', undefined, undefined, ['health']],
      ],
    );
    assert.deepEqual(admin.source.map((a) => a.kind), ['source.useLiveValues.tinyforge', 'source.sync.tinyforge']);
    const viewer = await ask('viewer');
    assert.deepEqual(viewer.quickFixes.map((a) => a.title), ['Use the live value (/health) in this file']);
    assert.deepEqual(viewer.source.map((a) => a.kind), ['source.useLiveValues.tinyforge']);
  });

  test('a malformed snapshot is ignored (and logged), not trusted', async () => {
    const published = session.nextDiagnostics(uri);
    session.connection.sendNotification('tinyforge/snapshot', { uri, snapshot: { workloadId: 7 } });
    assert.deepEqual((await published).diagnostics, []);
    assert.ok(session.logs.some((line) => line.includes('malformed snapshot')));
  });

  test('a snapshot with a field of the wrong shape (no fetchedAt, a numeric commit) is ignored, and hover keeps its schema docs', async () => {
    for (const broken of [{ ...snapshot, fetchedAt: undefined }, { ...snapshot, branchHead: { raw: text, commitSha: 42 } }]) {
      const published = session.nextDiagnostics(uri);
      session.connection.sendNotification('tinyforge/snapshot', { uri, snapshot: broken });
      assert.deepEqual((await published).diagnostics, []);
      const hover = (await session.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 2, character: 3 } })) as { contents: { value: string } } | null;
      assert.match(hover?.contents.value ?? '', /port/i);
    }
  });

  test('clearing the snapshot removes every live finding', async () => {
    const withSnapshot = session.nextDiagnostics(uri);
    session.connection.sendNotification('tinyforge/snapshot', { uri, snapshot });
    assert.equal((await withSnapshot).diagnostics.length, 2);
    const cleared = session.nextDiagnostics(uri);
    session.connection.sendNotification('tinyforge/snapshot', { uri, snapshot: null });
    assert.deepEqual((await cleared).diagnostics, []);
  });
});
