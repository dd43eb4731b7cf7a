import { parse } from 'yaml';
import { managedFieldsOf, sourceConfigKeys } from './fields';
import type { LiveSnapshot } from './live';
import { formatMessage, type Locale } from './messages';
import { plainText, textLimits } from './untrusted';

/** Whether `text`, written plainly after a key, reads back (YAML 1.2 core schema) as exactly `value`. */
function readsBackAs(text: string, value: unknown): boolean {
  if (text === '' || text !== text.trim() || /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/.test(text)) return false;
  try {
    return Object.is(parse(`v: ${text}`, { schema: 'core' })?.v, value);
  } catch {
    return false;
  }
}

/** A value as YAML text: plain when that reads back as the same value (`8080`, `/healthz`), double-quoted otherwise (`"1e3"`, `"-"`, `"a: b"`). */
export function yamlScalar(value: unknown): string {
  const plain = typeof value === 'number' ? String(value) : typeof value === 'string' ? value : JSON.stringify(value);
  if (readsBackAs(plain, value)) return plain;
  // JSON escapes C0; YAML also forbids DEL and C1 unescaped, and a bidi control must not reorder the line: `\uXXXX`.
  return JSON.stringify(typeof value === 'string' ? value : plain).replace(/[\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);
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
  // The header is a YAML comment: a name with a line break in it must not add lines to the file.
  const name = plainText(snapshot.workloadName, textLimits.name);
  const id = plainText(snapshot.workloadId, textLimits.name);
  const header = createdOn ? formatMessage(locale, 'createdFromLive', name, id, createdOn) : formatMessage(locale, 'liveConfigHeader', name, id, snapshot.fetchedAt);
  const lines = [`# ${header}`, 'version: 1'];
  if (deploy.length || resources.length) {
    lines.push('deploy:', ...deploy.map((line) => `  ${line}`));
    if (resources.length) lines.push('  resources:', ...resources.map((line) => `    ${line}`));
  }
  return `${lines.join('\n')}\n`;
}
