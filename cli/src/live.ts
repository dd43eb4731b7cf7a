import { createApiClient, findWorkload, snapshotFrom, TinyforgeApiError } from '../../api/src/index';
import type { LiveSnapshot } from '../../core/src/index';

/** Fetches the live snapshot of a workload for the CLI; throws an Error with a one-line reason (never the token). */
export async function fetchSnapshot(url: string, idOrName: string, token: string, caFile?: string): Promise<LiveSnapshot> {
  const api = createApiClient({ baseUrl: url, token, caFile });
  try {
    const [me, workloads] = await Promise.all([api.me(), api.listWorkloads()]);
    const workload = findWorkload(workloads, idOrName);
    if (!workload) throw new Error(`no single workload with the id or name ${JSON.stringify(idOrName)} on ${url}`);
    const gitops = await api.getGitOps(workload.id);
    return snapshotFrom(workload, gitops, me, new Date());
  } catch (error) {
    if (error instanceof TinyforgeApiError) throw new Error(`${url}: ${error.message} (${error.kind})`);
    throw error;
  }
}
