import type { LiveSnapshot } from '../../core/src/index';

/** A dockerfile workload's snapshot (live port 3000, branch head port 8080), with overrides for one test. */
export function shopApiSnapshot(overrides: Partial<LiveSnapshot> = {}): LiveSnapshot {
  return {
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
    ...overrides,
  };
}
