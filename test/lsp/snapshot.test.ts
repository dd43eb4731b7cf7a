import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import type { LiveSnapshot } from '../../core/src/index';
import { changeDocument, openDocument, startLspSession, type LspSession } from '../support/lspClient';

const snapshot: LiveSnapshot = {
  workloadId: 'wl_7f3a',
  workloadName: 'shop-api',
  sourceKind: 'dockerfile',
  managedFields: ['deploy.port', 'deploy.healthcheck', 'deploy.deploy_strategy'],
  liveConfig: { port: 3000, healthcheck: '/health', deploy_strategy: '' },
  branch: 'main',
  status: 'ok',
  branchHead: { raw: 'version: 1\ndeploy:\n  port: 8080\n', commitSha: '4b2d0c1e' },
  role: 'admin',
  fetchedAt: '2026-11-23T10:00:00Z',
};

function summary(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((d) => `${d.code}@${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} sev${d.severity}${d.tags?.length ? ` tags${d.tags.join(',')}` : ''}`);
}

describe('live snapshots in the language server', () => {
  let session: LspSession;
  const uri = 'file:///ws/live/.tinyforge.yml';
  const text = 'version: 1\ndeploy:\n  port: 8080\n  healthcheck: /health\n  max_instances: 2\n';
  before(async () => {
    session = await startLspSession({});
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

  test('a malformed snapshot is ignored (and logged), not trusted', async () => {
    const published = session.nextDiagnostics(uri);
    session.connection.sendNotification('tinyforge/snapshot', { uri, snapshot: { workloadId: 7 } });
    assert.deepEqual((await published).diagnostics, []);
    assert.ok(session.logs.some((line) => line.includes('malformed snapshot')));
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
