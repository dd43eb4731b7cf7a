import type { LiveSnapshot } from '../../core/src/index';
import { core } from './core';
import { refreshDiagnostics } from './diagnostics';
import { snapshotMethod, type SnapshotParams } from './protocol';
import { runSafe } from './runSafe';
import type { ServerState } from './state';

/** A snapshot as received is untrusted JSON; keep it only if it has the shape the core relies on. */
function isSnapshot(value: unknown): value is LiveSnapshot {
  const snapshot = value as LiveSnapshot | null;
  const optionalString = (field: unknown) => field === undefined || typeof field === 'string';
  return (
    !!snapshot &&
    typeof snapshot.workloadId === 'string' &&
    typeof snapshot.workloadName === 'string' &&
    typeof snapshot.sourceKind === 'string' &&
    typeof snapshot.status === 'string' &&
    typeof snapshot.branch === 'string' &&
    typeof snapshot.fetchedAt === 'string' &&
    (snapshot.role === 'admin' || snapshot.role === 'viewer') &&
    !!snapshot.liveConfig &&
    typeof snapshot.liveConfig === 'object' &&
    (snapshot.managedFields === undefined || (Array.isArray(snapshot.managedFields) && snapshot.managedFields.every((field) => typeof field === 'string'))) &&
    (snapshot.branchHead === undefined || (typeof snapshot.branchHead?.raw === 'string' && typeof snapshot.branchHead.commitSha === 'string')) &&
    (snapshot.branchDrift === undefined || Array.isArray(snapshot.branchDrift)) &&
    optionalString(snapshot.lastSyncAt) &&
    optionalString(snapshot.syncedCommitSha) &&
    optionalString(snapshot.statusMessage)
  );
}

/** Holds (or, with null, forgets) a file's live snapshot and recomputes its diagnostics: the one way live data comes in. */
export function storeSnapshot(state: ServerState, uri: string, snapshot: LiveSnapshot | null): void {
  state.branchFields.delete(uri);
  if (snapshot === null) state.snapshots.delete(uri);
  else {
    state.snapshots.set(uri, snapshot);
    state.branchFields.set(uri, core().branchHeadFields(snapshot));
  }
  refreshDiagnostics(state, uri);
}

/** Wires `tinyforge/snapshot`: the client's live data for a file, kept only if it has the shape the core relies on. */
export function registerSnapshots(state: ServerState): void {
  state.connection.onNotification(snapshotMethod, (params: SnapshotParams) =>
    runSafe(state, 'snapshot', undefined, undefined, () => {
      if (params.snapshot !== null && !isSnapshot(params.snapshot)) state.connection.console.warn(`ignored a malformed snapshot for ${params.uri}`);
      storeSnapshot(state, params.uri, params.snapshot === null || isSnapshot(params.snapshot) ? params.snapshot : null);
    }),
  );
}
