import type { DriftEntry, GitOpsStatus } from '../../core/src/index';

/** A user's role on the Tinyforge server. */
export type Role = 'admin' | 'viewer';

/** `GET /api/me`. */
export interface Me {
  username: string;
  role: Role;
}

/** A workload's source config as the API returns it (never with `access_token`). */
export interface SourceConfig {
  provider?: string;
  base_url?: string;
  repo_owner?: string;
  repo_name?: string;
  branch?: string;
  [key: string]: unknown;
}

/** `GET /api/workloads/{id}`. */
export interface Workload {
  id: string;
  name: string;
  source_kind: string;
  source_config: SourceConfig;
  gitops_enabled: boolean;
  gitops_path: string;
  gitops_last_sync_at: string;
  gitops_commit_sha: string;
}

/** `GET /api/workloads/{id}/gitops`. */
export interface GitOpsState {
  enabled: boolean;
  path: string;
  status: GitOpsStatus;
  message: string;
  commit_sha: string;
  synced_commit_sha: string;
  last_sync_at: string;
  raw: string;
  drift: DriftEntry[];
  /** The server's list of managed fields; when an answer lacks it, the v1 table for the source kind applies. */
  managed_fields?: string[];
}

/** `PUT /api/workloads/{id}/gitops` body. */
export interface GitOpsUpdate {
  enabled?: boolean;
  path?: string;
}

/** `POST /api/workloads/{id}/gitops/sync` body. */
export interface SyncRequest {
  expected_commit_sha?: string;
}

/** `POST /api/workloads/{id}/gitops/sync` answer. */
export interface SyncResult {
  commit_sha: string;
  last_sync_at: string;
  applied: string[];
  drift: DriftEntry[];
}

/** Every error answer: a stable code and one redacted line. */
export interface ApiErrorBody {
  error: string;
  message: string;
}
