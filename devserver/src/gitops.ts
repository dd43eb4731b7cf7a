import type { GitOpsState } from '../../api/src/index';
import { computeDrift, createLineIndex, declaredFields, lintBytes, managedFieldsFor, sourceConfigKeys, type DriftEntry, type Finding } from '../../core/src/index';
import { readBranchFile } from './git';
import type { DataStore, StoredWorkload } from './store';

/** The branch-head file of a workload, parsed: what GET …/gitops reports and what Sync applies. */
export interface FetchedFile {
  state: GitOpsState;
  /** The managed declared fields and their values, present only when the file is `ok`. */
  declared?: Map<string, { value: unknown }>;
}

/** The first error among a file's findings as one line: `line:col message`. */
function firstProblem(raw: string, findings: readonly Finding[]): string | undefined {
  const error = findings.find((finding) => finding.severity === 'error');
  if (!error) return undefined;
  const position = createLineIndex(raw).positionAt(error.span.start);
  return `${position.line + 1}:${position.character + 1}: ${error.message}`;
}

/** The live source_config without secrets (the API never returns `access_token`). */
export function publicSourceConfig(workload: StoredWorkload): StoredWorkload['source_config'] {
  const { access_token: _secret, ...rest } = workload.source_config as Record<string, unknown>;
  return rest as StoredWorkload['source_config'];
}

/** Fetches and parses a workload's file at its branch head; drift comes from the core's single drift engine. */
export async function fetchGitOps(store: DataStore, workload: StoredWorkload): Promise<FetchedFile> {
  const managed = [...managedFieldsFor(workload.source_kind)];
  const base: GitOpsState = {
    enabled: workload.gitops_enabled,
    path: workload.gitops_path,
    status: 'disabled',
    message: '',
    commit_sha: '',
    synced_commit_sha: workload.gitops_commit_sha,
    last_sync_at: workload.gitops_last_sync_at,
    raw: '',
    drift: [],
    managed_fields: managed,
  };
  if (!workload.gitops_enabled) return { state: base };
  const file = await readBranchFile(store.repoPath(workload), String(workload.source_config.branch ?? ''), workload.gitops_path);
  if (file.status === 'fetch_failed') return { state: { ...base, status: 'fetch_failed', message: file.message } };
  if (file.status === 'no_file') return { state: { ...base, status: 'no_file', commit_sha: file.commitSha } };
  if (file.status === 'too_large') {
    return { state: { ...base, status: 'invalid', commit_sha: file.commitSha, message: `the file is ${file.bytes} bytes; the limit is 65536` } };
  }
  const lint = lintBytes(file.bytes);
  const raw = lint.parsed.text;
  const problem = firstProblem(raw, lint.findings);
  if (problem) return { state: { ...base, status: 'invalid', commit_sha: file.commitSha, raw, message: problem } };
  const declared = declaredFields(lint.parsed, lint.findings);
  const drift: DriftEntry[] = computeDrift(declared, workload.source_config, managed);
  return { state: { ...base, status: 'ok', commit_sha: file.commitSha, raw, drift }, declared };
}

/** Checks a whole source_config the way Tinyforge validates before it writes; returns the first problem. */
export function validateSourceConfig(config: Record<string, unknown>): string | undefined {
  const integerIn = (key: string, min: number, max = Number.MAX_SAFE_INTEGER): string | undefined => {
    if (!(key in config) || config[key] === '' || config[key] === null) return undefined;
    const value = config[key];
    return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max ? undefined : `${key} must be an integer from ${min}${max < Number.MAX_SAFE_INTEGER ? ` to ${max}` : ''}`;
  };
  const problems = [
    integerIn('port', 1, 65535),
    integerIn('memory_limit', 1),
    integerIn('max_instances', 1),
    'cpu_limit' in config && config.cpu_limit !== '' && !(typeof config.cpu_limit === 'number' && config.cpu_limit > 0) ? 'cpu_limit must be a number greater than 0' : undefined,
    'healthcheck' in config && typeof config.healthcheck !== 'string' ? 'healthcheck must be a string' : undefined,
    'deploy_strategy' in config && !['', 'recreate', 'blue_green'].includes(String(config.deploy_strategy)) ? 'deploy_strategy must be recreate or blue_green' : undefined,
  ];
  return problems.find((problem) => problem !== undefined);
}

/** The source_config keys and values a Sync writes: managed, declared fields only (omitted fields keep live values). */
export function buildPatch(declared: ReadonlyMap<string, { value: unknown }>, managedFields: readonly string[]): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  for (const field of managedFields) {
    const entry = declared.get(field);
    if (entry) patch[sourceConfigKeys[field]] = entry.value;
  }
  return patch;
}
