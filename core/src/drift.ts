import { buildConfigTree } from './configTree';
import type { Finding, Span } from './findings';
import type { ParsedConfig } from './parse';
import { leafFields } from './schemaModel';
import { validateConfig } from './validate';
import { sourceConfigKeys } from './fields';

/** One drifted field, as the API reports it (values rendered as strings). */
export interface DriftEntry {
  field: string;
  repo_value: string;
  live_value: string;
}

/** A leaf the file declares with a valid value, and where it is. */
export interface DeclaredField {
  field: string;
  value: unknown;
  keySpan: Span;
  valueSpan?: Span;
}

/**
 * The leaves a file declares with a value that passes validation, by dotted field path (pass the file's findings
 * when you have them, to skip validating again). A file that does not
 * parse, or a leaf with an error, declares nothing: drift from a value Tinyforge would reject would be a guess.
 */
export function declaredFields(parsed: ParsedConfig, findings: readonly Finding[] = validateConfig(parsed)): Map<string, DeclaredField> {
  const declared = new Map<string, DeclaredField>();
  if (!parsed.document || parsed.tooLarge || parsed.syntaxProblem) return declared;
  if (findings.some((finding) => finding.code === 'yaml-syntax' || (finding.code === 'invalid-type' && finding.path === ''))) return declared;
  const faulty = new Set(findings.map((finding) => finding.path));
  const tree = buildConfigTree(parsed.document);
  for (const leaf of leafFields()) {
    if (!(leaf.path in sourceConfigKeys)) continue;
    if (faulty.has(leaf.path) || faulty.has(leaf.path.split('.').slice(0, -1).join('.'))) continue;
    const pointer = `/${leaf.path.split('.').join('/')}`;
    const location = tree.locations.get(pointer);
    if (!location?.keySpan) continue;
    let value: unknown = tree.value;
    for (const key of leaf.path.split('.')) value = (value as Record<string, unknown> | null)?.[key];
    if (value === undefined || value === null) continue;
    declared.set(leaf.path, { field: leaf.path, value, keySpan: location.keySpan, valueSpan: location.valueSpan });
  }
  return declared;
}

/** JSON text of a value, at most `depth` levels deep (deeper ones are `…`), so any value renders in bounded stack. */
function boundedJson(value: unknown, depth: number): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (depth === 0) return Array.isArray(value) ? '[…]' : '{…}';
  if (Array.isArray(value)) return `[${value.slice(0, 20).map((item) => boundedJson(item, depth - 1)).join(',')}${value.length > 20 ? ',…' : ''}]`;
  const entries = Object.entries(value as Record<string, unknown>);
  const shown = entries.slice(0, 20).map(([key, item]) => `${JSON.stringify(key)}:${boundedJson(item, depth - 1)}`);
  return `{${shown.join(',')}${entries.length > 20 ? ',…' : ''}}`;
}

/** A value rendered as the API renders it: numbers without a trailing `.0`, strings as they are, missing as "". */
export function renderValue(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  return typeof value === 'string' ? value : boundedJson(value, 8);
}

/** The value a field stands for after the contract's normalization (empty deploy_strategy means recreate). */
function normalized(field: string, value: unknown): unknown {
  if (field === 'deploy.deploy_strategy' && (value === undefined || value === null || value === '')) return 'recreate';
  return value;
}

/**
 * Numbers compare by value (`8080`, `8080.0`, `"8080"` from JSON are one value); everything else as text. Only a
 * plain decimal string counts as a number: `"0x1F90"` is not 8080.
 */
function sameValue(repo: unknown, live: unknown): boolean {
  const asNumber = (value: unknown): number | undefined => {
    if (typeof value === 'number') return value;
    if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value)) return Number(value);
    return undefined;
  };
  const repoNumber = asNumber(repo);
  const liveNumber = asNumber(live);
  if (typeof repo === 'number' && liveNumber !== undefined) return repoNumber === liveNumber;
  if (typeof live === 'number' && repoNumber !== undefined) return repoNumber === liveNumber;
  return renderValue(repo) === renderValue(live);
}

/**
 * Drift (contract section 2): the managed, declared leaves whose value differs from the live `source_config`
 * after normalization. An omitted field is never drift; a declared one missing from live is drift with "".
 */
export function computeDrift(declared: ReadonlyMap<string, { value: unknown }>, liveConfig: Readonly<Record<string, unknown>>, managedFields: readonly string[]): DriftEntry[] {
  const drift: DriftEntry[] = [];
  for (const field of managedFields) {
    const entry = declared.get(field);
    const key = sourceConfigKeys[field];
    if (!entry || !key) continue;
    const repo = normalized(field, entry.value);
    const hasLive = Object.prototype.hasOwnProperty.call(liveConfig, key);
    const live = normalized(field, hasLive ? liveConfig[key] : undefined);
    if (!hasLive && field !== 'deploy.deploy_strategy') {
      drift.push({ field, repo_value: renderValue(repo), live_value: '' });
    } else if (!sameValue(repo, live)) {
      drift.push({ field, repo_value: renderValue(repo), live_value: renderValue(live) });
    }
  }
  return drift;
}
