import type { GitOpsStatus } from './live';

/** The group a workload shows under in the fleet view, from what Tinyforge said about it. */
export type FleetGroup = 'drifted' | 'invalid' | 'fetch_failed' | 'no_file' | 'in_sync' | 'disabled' | 'unknown';

/** The order of the groups: what needs doing first; `unknown` (not fetched yet, or the fetch failed) last. */
export const fleetGroupOrder: readonly FleetGroup[] = ['drifted', 'invalid', 'fetch_failed', 'no_file', 'in_sync', 'disabled', 'unknown'];

/**
 * A workload's group. A workload with GitOps off is `disabled` from the list alone (no state is fetched for it);
 * an enabled one without a fetched state is `unknown`, never guessed.
 */
export function fleetGroupOf(gitopsEnabled: boolean, state: { status: GitOpsStatus; drift?: readonly unknown[] } | undefined): FleetGroup {
  if (!gitopsEnabled) return 'disabled';
  if (!state) return 'unknown';
  switch (state.status) {
    case 'ok':
      return (state.drift?.length ?? 0) > 0 ? 'drifted' : 'in_sync';
    case 'disabled':
      return 'disabled';
    default:
      return state.status;
  }
}
