import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { liveSideOf, type LiveSnapshot } from '../../core/src/index';

const snapshot = (liveConfig: Record<string, unknown>): LiveSnapshot => ({
  workloadId: 'wl_shop', workloadName: 'shop-api', sourceKind: 'dockerfile', liveConfig, branch: 'main', status: 'ok', role: 'admin', fetchedAt: '2026-12-07T10:00:00Z',
});

const file = '# Shop API: deploy settings\nversion: 1\ndeploy:\n  port: 8080   # the app port\n  healthcheck: /healthz\n  deploy_strategy: blue_green\n  resources:\n    cpu_limit: 0.5\n';

describe('Compare with Live: the live side differs from the file only where Sync would change it', () => {
  test('drifted managed values take their live values; comments, layout and the field Sync ignores stay', () => {
    assert.equal(liveSideOf(file, snapshot({ port: 3000, healthcheck: '/healthz', deploy_strategy: '', cpu_limit: 2 })), file.replace('port: 8080', 'port: 3000').replace('blue_green', 'recreate'));
  });

  test('in sync, or a file that does not parse: the same text, no difference at all', () => {
    assert.equal(liveSideOf(file, snapshot({ port: 8080, healthcheck: '/healthz', deploy_strategy: 'blue_green' })), file);
    const broken = 'version: 1\ndeploy:\n  port: [8080\n';
    assert.equal(liveSideOf(broken, snapshot({ port: 3000 })), broken);
  });

  test('a managed field live does not set is removed on the live side; an omitted one is no difference', () => {
    const side = liveSideOf('version: 1\ndeploy:\n  port: 8080\n  healthcheck: /healthz\n', snapshot({ port: 8080 }));
    assert.equal(side, 'version: 1\ndeploy:\n  port: 8080\n');
  });
});
