import { parse } from 'yaml';
import { managedFieldsOf, sourceConfigKeys } from './fields';
import type { LiveSnapshot } from './live';
import { formatMessage, type Locale } from './messages';

/** Whether `text`, written plainly after a key, reads back (YAML 1.2 core schema) as exactly `value`. */
function readsBackAs(text: string, value: unknown): boolean {
  if (text === '' || text !== text.trim() || /[\r\n]/.test(text)) return false;
  try {
    return Object.is(parse(`v: ${text}`, { schema: 'core' })?.v, value);
  } catch {
    return false;
  }
}

/** A value as YAML text: plain when that reads back as the same value (`8080`, `/healthz`), double-quoted otherwise (`"1e3"`, `"-"`, `"a: b"`). */
export function yamlScalar(value: unknown): string {
  const plain = typeof value === 'number' ? String(value) : typeof value === 'string' ? value : JSON.stringify(value);
  return readsBackAs(plain, value) ? plain : JSON.stringify(typeof value === 'string' ? value : plain);
}

/**
 * A managed field's live value after the contract's normalization: an empty or missing `deploy_strategy` is
 * `recreate`; an empty or missing value of any other field is not set (undefined).
 */
export function liveFieldValue(field: string, liveConfig: Readonly<Record<string, unknown>>): unknown {
  const key = sourceConfigKeys[field];
  const raw = key === undefined ? undefined : liveConfig[key];
  const unset = raw === undefined || raw === null || raw === '';
  if (field === 'deploy.deploy_strategy') return unset ? 'recreate' : raw;
  return unset ? undefined : raw;
}

/**
 * The live config of the managed fields as a `.tinyforge.yml` text: the left side of "Compare with Live", or (with
 * `createdOn`, a date) the first file of a workload, "Create .tinyforge.yml from live config". The header says which.
 */
export function renderLiveConfig(snapshot: LiveSnapshot, locale: Locale = 'en', createdOn?: string): string {
  const deploy: string[] = [];
  const resources: string[] = [];
  for (const field of managedFieldsOf(snapshot)) {
    if (!sourceConfigKeys[field]) continue;
    const value = liveFieldValue(field, snapshot.liveConfig);
    if (value === undefined) continue;
    const text = yamlScalar(value);
    const leaf = field.split('.').pop()!;
    (field.startsWith('deploy.resources.') ? resources : deploy).push(`${leaf}: ${text}`);
  }
  const header = createdOn
    ? formatMessage(locale, 'createdFromLive', snapshot.workloadName, snapshot.workloadId, createdOn)
    : formatMessage(locale, 'liveConfigHeader', snapshot.workloadName, snapshot.workloadId, snapshot.fetchedAt);
  const lines = [`# ${header}`, 'version: 1'];
  if (deploy.length || resources.length) {
    lines.push('deploy:', ...deploy.map((line) => `  ${line}`));
    if (resources.length) lines.push('  resources:', ...resources.map((line) => `    ${line}`));
  }
  return `${lines.join('\n')}\n`;
}
