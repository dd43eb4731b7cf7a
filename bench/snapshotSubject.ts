import type { LiveSnapshot } from '../core/src/index';
import { openDocument, type LspSession } from '../test/support/lspClient';

const text = 'version: 1\ndeploy:\n  port: 8080\n  healthcheck: /healthz\n  deploy_strategy: recreate\n  resources:\n    cpu_limit: 0.5\n';

function snapshot(port: number): LiveSnapshot {
  return {
    workloadId: 'wl_bench',
    workloadName: 'bench',
    sourceKind: 'dockerfile',
    managedFields: ['deploy.port', 'deploy.healthcheck', 'deploy.deploy_strategy'],
    liveConfig: { port, healthcheck: '/healthz', deploy_strategy: '' },
    branch: 'main',
    status: 'ok',
    branchHead: { raw: text, commitSha: '0123456789abcdef' },
    role: 'admin',
    fetchedAt: new Date().toISOString(),
  };
}

/** Times `tinyforge/snapshot` → the diagnostics it changes, alternating two snapshots (drift, then none). */
export async function timeSnapshots(session: LspSession, count: number): Promise<number[]> {
  const uri = 'file:///tmp/bench/snapshot/.tinyforge.yml';
  const opened = session.nextDiagnostics(uri, { version: 1 });
  openDocument(session, uri, text);
  await opened;
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    const published = session.nextDiagnostics(uri);
    const started = performance.now();
    session.connection.sendNotification('tinyforge/snapshot', { uri, snapshot: snapshot(i % 2 === 0 ? 3000 : 8080) });
    const { diagnostics } = await published;
    samples.push(performance.now() - started);
    if (diagnostics.length !== (i % 2 === 0 ? 2 : 1)) throw new Error(`snapshot ${i}: ${diagnostics.length} diagnostics`);
  }
  return samples;
}
