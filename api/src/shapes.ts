import type { DriftEntry, GitOpsStatus } from '../../core/src/index';
import type { GitOpsState, Me, SyncResult, Workload } from './types';

/** An answer that parsed as JSON but is not what the contract describes; the message names the first wrong field. */
export class ShapeProblem extends Error {}

type Json = Record<string, unknown>;

const statuses: readonly GitOpsStatus[] = ['disabled', 'ok', 'no_file', 'fetch_failed', 'invalid'];

/** A value as a short phrase for a message: `"root"`, `5`, `an array`. */
function shown(value: unknown): string {
  if (value === undefined) return 'missing';
  if (Array.isArray(value)) return 'an array';
  if (value === null || typeof value === 'object') return value === null ? 'null' : 'an object';
  const text = JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 37)}…` : text;
}

function objectAt(value: unknown, where: string): Json {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new ShapeProblem(`${where} is ${shown(value)}, not an object`);
  return value as Json;
}

function arrayAt(value: unknown, where: string): unknown[] {
  if (!Array.isArray(value)) throw new ShapeProblem(`${where} is ${shown(value)}, not a list`);
  return value;
}

function text(object: Json, key: string, where: string, missing?: string): string {
  const value = object[key];
  if (value === undefined && missing !== undefined) return missing;
  if (typeof value !== 'string') throw new ShapeProblem(`${where}${key} is ${shown(value)}, not a string`);
  return value;
}

function flag(object: Json, key: string, where: string): boolean {
  const value = object[key];
  if (typeof value !== 'boolean') throw new ShapeProblem(`${where}${key} is ${shown(value)}, not true or false`);
  return value;
}

function texts(value: unknown, where: string): string[] {
  return arrayAt(value, where).map((item, index) => {
    if (typeof item !== 'string') throw new ShapeProblem(`${where}[${index}] is ${shown(item)}, not a string`);
    return item;
  });
}

function driftEntries(value: unknown, where: string): DriftEntry[] {
  return arrayAt(value, where).map((item, index) => {
    const entry = objectAt(item, `${where}[${index}]`);
    const at = `${where}[${index}].`;
    return { field: text(entry, 'field', at), repo_value: text(entry, 'repo_value', at), live_value: text(entry, 'live_value', at) };
  });
}

/** `GET /api/me`, checked. */
export function readMe(value: unknown): Me {
  const me = objectAt(value, 'the answer');
  const role = me.role;
  if (role !== 'admin' && role !== 'viewer') throw new ShapeProblem(`role is ${shown(role)}, not admin or viewer`);
  return { username: text(me, 'username', ''), role };
}

/** One `Workload`, checked; an `access_token` a server should never send is dropped, not kept. */
export function readWorkload(value: unknown, where = ''): Workload {
  const workload = objectAt(value, where ? where.replace(/\.$/, '') : 'the answer');
  const id = text(workload, 'id', where);
  if (!id) throw new ShapeProblem(`${where}id is empty`);
  const { access_token: _secret, ...sourceConfig } = objectAt(workload.source_config, `${where}source_config`);
  return {
    id,
    name: text(workload, 'name', where),
    source_kind: text(workload, 'source_kind', where),
    source_config: sourceConfig,
    gitops_enabled: flag(workload, 'gitops_enabled', where),
    gitops_path: text(workload, 'gitops_path', where),
    gitops_last_sync_at: text(workload, 'gitops_last_sync_at', where, ''),
    gitops_commit_sha: text(workload, 'gitops_commit_sha', where, ''),
  };
}

/** `GET /api/workloads`, checked item by item. */
export function readWorkloads(value: unknown): Workload[] {
  return arrayAt(value, 'the answer').map((item, index) => readWorkload(item, `workload [${index}].`));
}

/** A `GitOpsState`, checked: `drift` must be a list when the status is `ok` (no drift is `[]`, never absent). */
export function readGitOps(value: unknown): GitOpsState {
  const state = objectAt(value, 'the answer');
  const status = state.status as GitOpsStatus;
  if (!statuses.includes(status)) throw new ShapeProblem(`status is ${shown(state.status)}, not one of ${statuses.join(', ')}`);
  const drift = state.drift === undefined && status !== 'ok' ? [] : driftEntries(state.drift, 'drift');
  return {
    enabled: flag(state, 'enabled', ''),
    path: text(state, 'path', ''),
    status,
    message: text(state, 'message', '', ''),
    commit_sha: text(state, 'commit_sha', '', ''),
    synced_commit_sha: text(state, 'synced_commit_sha', '', ''),
    last_sync_at: text(state, 'last_sync_at', '', ''),
    raw: text(state, 'raw', '', ''),
    drift,
    managed_fields: state.managed_fields === undefined ? undefined : texts(state.managed_fields, 'managed_fields'),
  };
}

/** A `SyncResult`, checked. */
export function readSyncResult(value: unknown): SyncResult {
  const result = objectAt(value, 'the answer');
  return {
    commit_sha: text(result, 'commit_sha', ''),
    last_sync_at: text(result, 'last_sync_at', ''),
    applied: texts(result.applied, 'applied'),
    drift: driftEntries(result.drift, 'drift'),
  };
}
