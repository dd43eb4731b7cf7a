import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createApiClient } from '../../api/src/index';
import { fleetGroupOf } from '../../core/src/index';
import { seedDataDir, startDevServer } from '../support/devServer';

describe('the dev server with --demo-fleet', () => {
  test('N generated workloads beside the demo\'s: 15% with GitOps on, in every state', async () => {
    const server = await startDevServer({ seeded: seedDataDir({ fleet: 200 }) });
    try {
      const api = createApiClient({ baseUrl: server.url, token: server.viewerToken });
      const workloads = await api.listWorkloads();
      const fleet = workloads.filter((workload) => workload.id.startsWith('wl_f'));
      assert.deepEqual([workloads.length, fleet.length, fleet.filter((workload) => workload.gitops_enabled).length], [207, 200, 30]);
      assert.ok(fleet.some((workload) => workload.source_kind === 'static') && fleet.some((workload) => workload.source_kind === 'dockerfile'));
      const groups = new Map<string, number>();
      for (const workload of fleet) {
        const state = workload.gitops_enabled ? await api.getGitOps(workload.id) : undefined;
        const group = fleetGroupOf(workload.gitops_enabled, state);
        groups.set(group, (groups.get(group) ?? 0) + 1);
      }
      assert.deepEqual(Object.fromEntries([...groups].sort()), { disabled: 170, drifted: 9, fetch_failed: 3, in_sync: 12, invalid: 3, no_file: 3 });
    } finally {
      await server.stop();
    }
  });
});
