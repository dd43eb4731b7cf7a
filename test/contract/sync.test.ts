import assert from 'node:assert/strict';
import { once } from 'node:events';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { createApiClient, TinyforgeApiError, type SyncResult } from '../../api/src/index';
import { DataStore } from '../../devserver/src/store';
import { seedDataDir, startDevServer } from '../support/devServer';

const auditLines = (dataDir: string): string[] => readFileSync(join(dataDir, 'audit.jsonl'), 'utf8').split('\n').filter(Boolean);

describe('Sync on the dev server', () => {
  test('concurrent syncs of one workload apply exactly once; the others get 409 sync_in_progress', async () => {
    const server = await startDevServer({ flags: ['--fault-sync-delay-ms', '300'] });
    try {
      const client = createApiClient({ baseUrl: server.url, token: server.adminToken });
      const outcomes = await Promise.allSettled(Array.from({ length: 5 }, () => client.sync('wl_shop', {})));
      const applied = outcomes.filter((o): o is PromiseFulfilledResult<SyncResult> => o.status === 'fulfilled');
      const refused = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected').map((o) => (o.reason as TinyforgeApiError).code);
      assert.equal(applied.length, 1);
      assert.deepEqual(applied[0].value.applied, ['deploy.port', 'deploy.deploy_strategy']);
      assert.deepEqual(refused, ['sync_in_progress', 'sync_in_progress', 'sync_in_progress', 'sync_in_progress']);
      assert.equal(auditLines(server.dataDir).length, 1);
    } finally {
      await server.stop();
    }
  });

  test('an invalid merged config answers 422 and leaves the stored config byte for byte as it was', async () => {
    const seeded = seedDataDir();
    const path = join(seeded.dataDir, 'workloads.json');
    const store = JSON.parse(readFileSync(path, 'utf8'));
    // A live value the file does not declare (so Sync keeps it) that fails validation of the merged result.
    store.workloads.find((w: { id: string }) => w.id === 'wl_shop').source_config.max_instances = 0;
    writeFileSync(path, JSON.stringify(store, null, 2));
    const before = readFileSync(path);
    const server = await startDevServer({ seeded });
    try {
      const client = createApiClient({ baseUrl: server.url, token: server.adminToken });
      const error = (await client.sync('wl_shop', {}).catch((e: unknown) => e)) as TinyforgeApiError;
      assert.deepEqual([error.status, error.code], [422, 'invalid']);
      assert.match(error.message, /max_instances/);
      assert.ok(readFileSync(path).equals(before), 'the store changed');
      assert.equal(auditLines(seeded.dataDir).length, 0);
    } finally {
      await server.stop();
    }
  });

  test('fields the file omits, and fields the source does not manage, keep their live values; one audit line per sync', async () => {
    const server = await startDevServer();
    try {
      const client = createApiClient({ baseUrl: server.url, token: server.adminToken });
      await client.sync('wl_shop', {});
      await client.sync('wl_worker', {});
      const shop = await client.getWorkload('wl_shop');
      assert.deepEqual(shop.source_config, { provider: 'gitea', base_url: 'https://git.example.com', repo_owner: 'acme', repo_name: 'shop-api', branch: 'main', port: 8080, healthcheck: '/healthz', deploy_strategy: 'blue_green', cpu_limit: 1 });
      // The worker's file declares port and healthcheck only: its live deploy_strategy stays.
      assert.equal((await client.getWorkload('wl_worker')).source_config.deploy_strategy, 'recreate');
      const lines = auditLines(server.dataDir).map((line) => JSON.parse(line));
      assert.deepEqual(lines.map((l) => [l.event, l.actor, l.workload_id, l.applied]), [['gitops.sync', 'admin', 'wl_shop', ['deploy.port', 'deploy.deploy_strategy']], ['gitops.sync', 'admin', 'wl_worker', []]]);
      const stored = readFileSync(join(server.dataDir, 'workloads.json'), 'utf8');
      assert.ok(stored.includes('demo-provider-secret-wl_shop'), 'the secret is kept in the store, only hidden from answers');
    } finally {
      await server.stop();
    }
  });

  test('SIGKILL in the middle of a sync leaves a store that loads, with the old or the new config, never a mix', async () => {
    const oldConfig = { port: 3000, deploy_strategy: '' };
    const newConfig = { port: 8080, deploy_strategy: 'blue_green' };
    const outcomes = new Set<string>();
    // Kill inside the write window (temp file written, not yet renamed), then at a spread of other moments.
    const plans: Array<{ flags: string[]; killAfterMs?: number }> = [{ flags: ['--fault-sync-write-pause-ms', '3000'] }];
    for (const killAfterMs of [0, 5, 15, 40, 80, 200]) plans.push({ flags: [], killAfterMs });
    for (const plan of plans) {
      const server = await startDevServer({ flags: plan.flags });
      const client = createApiClient({ baseUrl: server.url, token: server.adminToken, timeoutMs: 5000 });
      const pending = client.sync('wl_shop', {}).catch(() => undefined);
      if (plan.killAfterMs === undefined) {
        const deadline = Date.now() + 5000;
        while (!readdirSync(server.dataDir).some((name) => name.includes('.tmp-'))) {
          assert.ok(Date.now() < deadline, 'the sync never reached its write');
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
      } else await new Promise((resolve) => setTimeout(resolve, plan.killAfterMs));
      server.process.kill('SIGKILL');
      await pending;
      // A process killed by a signal keeps exitCode null; signalCode says it is gone.
      if (server.process.exitCode === null && server.process.signalCode === null) await once(server.process, 'exit');
      const shop = new DataStore(server.dataDir).getWorkload('wl_shop')!;
      const seen = { port: shop.source_config.port, deploy_strategy: shop.source_config.deploy_strategy };
      assert.ok(JSON.stringify(seen) === JSON.stringify(oldConfig) || JSON.stringify(seen) === JSON.stringify(newConfig), `a mix: ${JSON.stringify(seen)}`);
      if (plan.killAfterMs === undefined) assert.deepEqual(seen, oldConfig, 'killed before the rename, the old config stays');
      outcomes.add(JSON.stringify(seen));
    }
    assert.ok(outcomes.size >= 1);
  });
});
