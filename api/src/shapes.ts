import type { DriftEntry, GitOpsStatus } from '../../core/src/index';
import { liveValueTypes, sourceConfigKeys } from '../../core/src/fields';
import { noticeText, textLimits } from '../../core/src/untrusted';
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

/** Text a user only reads (a name, a message, a time): one line, no control character, no link or icon, capped. */
function shownText(object: Json, key: string, where: string, max: number, missing?: string): string {
  return noticeText(text(object, key, where, missing), max);
}

/**
 * The repository coordinates and the path: strings (or absent), since binding lowercases and compares them; made safe
 * to show (a real remote, branch or path has no control character, link or icon, and fits in 255).
 */
function checkCoordinates(sourceConfig: Json, where: string): void {
  for (const key of ['provider', 'base_url', 'repo_owner', 'repo_name', 'branch']) {
    const value = sourceConfig[key];
    if (value === undefined || value === null) continue;
    if (typeof value !== 'string') throw new ShapeProblem(`${where}source_config.${key} is ${shown(value)}, not a string`);
    sourceConfig[key] = noticeText(value, 255);
  }
}

/** A commit hash, or "" when the server has none: it goes back to the server (expected_commit_sha) and onto screens. */
function commitSha(object: Json, key: string, where: string): string {
  const value = text(object, key, where, '');
  if (value !== '' && !/^[0-9a-f]{4,64}$/i.test(value)) throw new ShapeProblem(`${where}${key} is ${shown(value)}, not a commit hash`);
  return value;
}

/** What a JSON value is, in the words of a message: "an array", "a string", "a number with a fraction". */
function jsonKind(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  if (typeof value === 'number') return Number.isInteger(value) ? 'an integer' : 'a number with a fraction';
  if (typeof value === 'boolean') return 'a boolean';
  return typeof value === 'string' ? 'a string' : 'an object';
}

const typeWords = { integer: 'an integer', number: 'a number', string: 'a string' } as const;

/**
 * The managed fields' live values must have the schema's types: drift against a value of another type (`[3000]`,
 * `"0x1F90"`, `{"path": …}`) would be a guess, so such an answer is an error that names the field. Unset (missing,
 * null or "") is allowed: the contract shows it as drift with an empty live value.
 */
function checkLiveValues(sourceConfig: Json, where: string): void {
  for (const [field, key] of Object.entries(sourceConfigKeys)) {
    const value = sourceConfig[key];
    if (value === undefined || value === null || value === '') continue;
    const expected = liveValueTypes[field];
    const fits = expected === 'string' ? typeof value === 'string' : typeof value === 'number' && Number.isFinite(value) && (expected === 'number' || Number.isInteger(value));
    if (!fits) throw new ShapeProblem(`${where}live ${field} (source_config.${key}) is ${jsonKind(value)}, not ${typeWords[expected]}`);
  }
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
    return {
      field: shownText(entry, 'field', at, textLimits.name),
      repo_value: shownText(entry, 'repo_value', at, textLimits.value),
      live_value: shownText(entry, 'live_value', at, textLimits.value),
    };
  });
}

/** `GET /api/me`, checked. */
export function readMe(value: unknown): Me {
  const me = objectAt(value, 'the answer');
  const role = me.role;
  if (role !== 'admin' && role !== 'viewer') throw new ShapeProblem(`role is ${shown(role)}, not admin or viewer`);
  return { username: shownText(me, 'username', '', textLimits.name), role };
}

/** One `Workload`, checked; an `access_token` a server should never send is dropped, not kept. */
export function readWorkload(value: unknown, where = ''): Workload {
  const workload = objectAt(value, where ? where.replace(/\.$/, '') : 'the answer');
  const id = text(workload, 'id', where);
  if (!id) throw new ShapeProblem(`${where}id is empty`);
  const { access_token: _secret, ...sourceConfig } = objectAt(workload.source_config, `${where}source_config`);
  checkLiveValues(sourceConfig, where);
  checkCoordinates(sourceConfig, where);
  return {
    // The id goes back into request paths as sent; every display of it goes through the untrusted-text module.
    id,
    name: shownText(workload, 'name', where, textLimits.name),
    source_kind: shownText(workload, 'source_kind', where, textLimits.name),
    source_config: sourceConfig,
    gitops_enabled: flag(workload, 'gitops_enabled', where),
    gitops_path: shownText(workload, 'gitops_path', where, 255),
    gitops_last_sync_at: shownText(workload, 'gitops_last_sync_at', where, textLimits.name, ''),
    gitops_commit_sha: commitSha(workload, 'gitops_commit_sha', where),
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
    message: shownText(state, 'message', '', textLimits.message, ''),
    commit_sha: commitSha(state, 'commit_sha', ''),
    synced_commit_sha: commitSha(state, 'synced_commit_sha', ''),
    last_sync_at: shownText(state, 'last_sync_at', '', textLimits.name, ''),
    raw: text(state, 'raw', '', ''),
    drift,
    managed_fields: state.managed_fields === undefined ? undefined : texts(state.managed_fields, 'managed_fields'),
  };
}

/** A `SyncResult`, checked. */
export function readSyncResult(value: unknown): SyncResult {
  const result = objectAt(value, 'the answer');
  return {
    commit_sha: commitSha(result, 'commit_sha', ''),
    last_sync_at: shownText(result, 'last_sync_at', '', textLimits.name),
    applied: texts(result.applied, 'applied'),
    drift: driftEntries(result.drift, 'drift'),
  };
}
