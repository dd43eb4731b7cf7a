import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createLineIndex, lintText, liveFindings, type LiveSnapshot } from '../../core/src/index';
import { shopApiSnapshot } from '../support/snapshots';

const snapshot = shopApiSnapshot();

function located(text: string, snap: LiveSnapshot) {
  const index = createLineIndex(text);
  return liveFindings(lintText(text), snap).map((f) => ({ code: f.code, at: `${index.positionAt(f.span.start).line}:${index.positionAt(f.span.start).character}`, severity: f.severity, unnecessary: !!f.unnecessary, data: f.data?.drift }));
}

describe('live findings from a snapshot', () => {
  const text = 'version: 1\ndeploy:\n  port: 9090\n  healthcheck: /health\n  resources:\n    cpu_limit: 0.5\n';

  test('drift on the value with the three sides; not-managed on the key, faded', () => {
    assert.deepEqual(located(text, snapshot), [
      { code: 'drift', at: '2:8', severity: 'information', unnecessary: false, data: { field: 'deploy.port', editorValue: '9090', branchValue: '8080', liveValue: '3000', liveYaml: '3000', workloadId: 'wl_7f3a', commitSha: '4b2d0c1e' } },
      { code: 'not-managed', at: '5:4', severity: 'warning', unnecessary: true, data: undefined },
    ]);
  });

  test('the server\'s managed_fields list is the authority; without it, the v1 table for the source kind', () => {
    assert.deepEqual(located(text, { ...snapshot, managedFields: ['deploy.port', 'deploy.healthcheck', 'deploy.deploy_strategy', 'deploy.resources.cpu_limit'], liveConfig: { ...snapshot.liveConfig, cpu_limit: 0.5 } }).map((f) => f.code), ['drift']);
    assert.deepEqual(located(text, { ...snapshot, managedFields: undefined, sourceKind: 'static' }).map((f) => `${f.code}@${f.at}`), ['not-managed@2:2', 'not-managed@3:2', 'not-managed@5:4']);
  });

  test('GitOps disabled: nothing live is reported', () => {
    assert.deepEqual(located(text, { ...snapshot, status: 'disabled' }), []);
  });

  test('an unknown branch head leaves the branch side unknown, never guessed', () => {
    const [drift] = located(text, { ...snapshot, status: 'fetch_failed', branchHead: undefined });
    assert.equal(drift.data?.branchValue, undefined);
    assert.equal(drift.data?.commitSha, undefined);
  });
});
