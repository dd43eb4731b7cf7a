import { buildConfigTree, type ConfigTree } from './configTree';
import { lineStartOf, removeKeyEdits, setValueEdits, type TextEdit } from './edits';
import type { Finding } from './findings';
import { formatMessage, type Locale } from './messages';
import type { ParsedConfig } from './parse';
import { minimalEdit, setFieldValues } from './setField';

export { applyEdits, type TextEdit } from './edits';

/** A quick fix for one finding. `safe` fixes never drop user content and may run in "fix all". */
export interface CodeFix {
  title: string;
  edits: TextEdit[];
  preferred: boolean;
  safe: boolean;
}

function setVersionEdits(text: string, tree: ConfigTree): TextEdit[] | undefined {
  const location = tree.locations.get('/version');
  return location && setValueEdits(text, location, '1');
}

function insertVersionEdits(text: string, tree: ConfigTree | undefined): TextEdit[] {
  const root = tree?.mappings.get('');
  if (root?.flow) {
    const at = root.span.start + 1;
    return [{ span: { start: at, end: at }, newText: root.keys.length ? 'version: 1, ' : 'version: 1' }];
  }
  if (root && root.keys.length) {
    const first = root.keys[0].span.start;
    const indent = text.slice(lineStartOf(text, first), first);
    // An indented root mapping gets `version` at its own column, or YAML reads the file as broken.
    if (/^[ ]+$/.test(indent)) return [{ span: { start: first, end: first }, newText: `version: 1\n${indent}` }];
    const at = lineStartOf(text, first);
    return [{ span: { start: at, end: at }, newText: 'version: 1\n' }];
  }
  const separator = text === '' || text.endsWith('\n') ? '' : '\n';
  return [{ span: { start: text.length, end: text.length }, newText: `${separator}version: 1\n` }];
}

/** The quick fixes for one finding of the current text. */
export function fixesFor(parsed: ParsedConfig, finding: Finding, locale: Locale = 'en'): CodeFix[] {
  return quickFixer(parsed, locale)(finding);
}

/** Quick fixes for many findings of one text (a code-action request, fix-all): the text's tree is built once, on first use. */
export function quickFixer(parsed: ParsedConfig, locale: Locale = 'en'): (finding: Finding) => CodeFix[] {
  let tree: ConfigTree | undefined;
  return (finding) => {
    if (!tree && parsed.document) tree = buildConfigTree(parsed.document);
    return fixesWithTree(parsed, tree, finding, locale);
  };
}

function fixesWithTree(parsed: ParsedConfig, tree: ConfigTree | undefined, finding: Finding, locale: Locale): CodeFix[] {
  if (!parsed.document && finding.code !== 'missing-required') return [];
  const fixes: CodeFix[] = [];
  switch (finding.code) {
    case 'unknown-key': {
      const key = finding.data?.key ?? parsed.text.slice(finding.span.start, finding.span.end);
      const suggestion = finding.data?.suggestion;
      if (suggestion) {
        fixes.push({ title: formatMessage(locale, 'fixRename', key, suggestion), edits: [{ span: finding.span, newText: suggestion }], preferred: true, safe: true });
      }
      const removal = tree && removeKeyEdits(parsed.text, tree, finding.span.start);
      if (removal) fixes.push({ title: formatMessage(locale, 'fixRemove', key), edits: removal, preferred: !suggestion, safe: false });
      break;
    }
    case 'not-managed': {
      // Sync ignores the field: removing it makes the file say only what Sync applies. Not safe for Fix all.
      const removal = tree && removeKeyEdits(parsed.text, tree, finding.span.start);
      const key = parsed.text.slice(finding.span.start, finding.span.end);
      if (removal) fixes.push({ title: formatMessage(locale, 'fixRemoveNotManaged', key), edits: removal, preferred: true, safe: false });
      break;
    }
    case 'invalid-version': {
      const edits = tree && setVersionEdits(parsed.text, tree);
      if (edits) fixes.push({ title: formatMessage(locale, 'fixSetVersion'), edits, preferred: true, safe: true });
      break;
    }
    case 'drift': {
      const drift = finding.data?.drift;
      if (!drift) break;
      const title = drift.liveYaml === undefined ? formatMessage(locale, 'fixUseLiveUnset', drift.field) : formatMessage(locale, 'fixUseLive', drift.liveValue);
      const after = setFieldValues(parsed.text, [{ field: drift.field, yaml: drift.liveYaml }]);
      if (after !== parsed.text) fixes.push({ title, edits: [minimalEdit(parsed.text, after)], preferred: false, safe: false });
      break;
    }
    case 'missing-required':
      if (finding.data?.key === 'version') {
        fixes.push({ title: formatMessage(locale, 'fixInsertVersion'), edits: insertVersionEdits(parsed.text, tree), preferred: false, safe: true });
      }
      break;
    default:
      break;
  }
  return fixes;
}

/** Every safe fix for the findings, as one non-overlapping edit list (the "fix all" source action). */
export function fixAllEdits(parsed: ParsedConfig, findings: readonly Finding[], locale: Locale = 'en'): TextEdit[] {
  // A misspelt `version` is fixed by its rename; inserting another `version` too would duplicate it.
  const renamesVersion = findings.some((f) => f.code === 'unknown-key' && f.data?.suggestion === 'version');
  const edits: TextEdit[] = [];
  const fixesOf = quickFixer(parsed, locale);
  // Two misspellings of one key (`prot`, `pott`) must not both become `port`: the first keeps the rename.
  const renamedTo = new Set<string>();
  for (const finding of findings) {
    if (finding.code === 'missing-required' && renamesVersion) continue;
    const suggestion = finding.code === 'unknown-key' ? finding.data?.suggestion : undefined;
    if (suggestion) {
      const target = `${finding.path.slice(0, finding.path.length - (finding.data?.key ?? '').length)}${suggestion}`;
      if (renamedTo.has(target)) continue;
      renamedTo.add(target);
    }
    const fix = fixesOf(finding).find((candidate) => candidate.safe);
    if (fix) edits.push(...fix.edits);
  }
  edits.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  const kept: TextEdit[] = [];
  for (const edit of edits) {
    const previous = kept[kept.length - 1];
    if (previous && edit.span.start < previous.span.end) continue;
    kept.push(edit);
  }
  return kept;
}

/**
 * "Use the live values": one edit that gives every drifted field of the text its live value (removing those live
 * does not set), keeping comments and layout; undefined when nothing drifts.
 */
export function useLiveValuesEdit(parsed: ParsedConfig, findings: readonly Finding[]): TextEdit | undefined {
  const values = findings.flatMap((finding) => (finding.code === 'drift' && finding.data?.drift ? [{ field: finding.data.drift.field, yaml: finding.data.drift.liveYaml }] : []));
  if (!values.length) return undefined;
  const after = setFieldValues(parsed.text, values);
  return after === parsed.text ? undefined : minimalEdit(parsed.text, after);
}
