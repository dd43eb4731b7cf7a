import { noticeText } from '../../core/src/untrusted';
import type { LiveSnapshot } from '../../core/src/index';
import type { GitOpsState, Me, Workload } from './types';

/** The snapshot the language server and the CLI compute live findings from, built from three API answers. */
export function snapshotFrom(workload: Workload, gitops: GitOpsState, me: Me, fetchedAt: Date): LiveSnapshot {
  return {
    workloadId: workload.id,
    workloadName: workload.name,
    sourceKind: workload.source_kind,
    managedFields: gitops.managed_fields,
    liveConfig: workload.source_config,
    // A git branch name has no control character and is at most 255 bytes: this changes no real one.
    branch: noticeText(String(workload.source_config.branch ?? ''), 255),
    status: gitops.status,
    branchHead: gitops.commit_sha && gitops.status !== 'no_file' && gitops.status !== 'disabled' && gitops.raw ? { raw: gitops.raw, commitSha: gitops.commit_sha } : undefined,
    role: me.role,
    fetchedAt: fetchedAt.toISOString(),
    lastSyncAt: gitops.last_sync_at || undefined,
    syncedCommitSha: gitops.synced_commit_sha || undefined,
    branchDrift: gitops.drift,
    statusMessage: gitops.message || undefined,
  };
}

/** Finds a workload by id or, failing that, by name; undefined when neither (or a name shared by several). */
export function findWorkload(workloads: readonly Workload[], idOrName: string): Workload | undefined {
  const byId = workloads.find((workload) => workload.id === idOrName);
  if (byId) return byId;
  const byName = workloads.filter((workload) => workload.name === idOrName);
  return byName.length === 1 ? byName[0] : undefined;
}
