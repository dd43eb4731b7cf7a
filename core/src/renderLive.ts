import { managedFieldsOf, sourceConfigKeys } from './fields';
import type { LiveSnapshot } from './live';
import { formatMessage, type Locale } from './messages';

/** A value as YAML text: plain when that reads back the same, quoted otherwise. */
export function yamlScalar(value: unknown): string {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : JSON.stringify(String(value));
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return /^[\w./-]+$/.test(text) && !/^(true|false|null|~|yes|no|on|off|[-+]?[\d._]+|0x[\da-f]+)$/i.test(text) ? text : JSON.stringify(text);
}

/**
 * The live config of the managed fields as a `.tinyforge.yml` text: the left side of "Compare with Live", or (with
 * `createdOn`, a date) the first file of a workload, "Create .tinyforge.yml from live config". The header says which.
 */
export function renderLiveConfig(snapshot: LiveSnapshot, locale: Locale = 'en', createdOn?: string): string {
  const deploy: string[] = [];
  const resources: string[] = [];
  for (const field of managedFieldsOf(snapshot)) {
    const key = sourceConfigKeys[field];
    if (!key) continue;
    const raw = snapshot.liveConfig[key];
    if (raw === undefined && field !== 'deploy.deploy_strategy') continue;
    const value = field === 'deploy.deploy_strategy' && (raw === undefined || raw === '') ? 'recreate' : raw;
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
