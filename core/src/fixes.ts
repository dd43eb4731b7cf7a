import { buildConfigTree, parentPointer, type ConfigTree, type MappingInfo } from './configTree';
import type { Finding, Span } from './findings';
import { formatMessage, type Locale } from './messages';
import type { ParsedConfig } from './parse';

/** One replacement in the text, by offsets. */
export interface TextEdit {
  span: Span;
  newText: string;
}

/** A quick fix for one finding. `safe` fixes never drop user content and may run in "fix all". */
export interface CodeFix {
  title: string;
  edits: TextEdit[];
  preferred: boolean;
  safe: boolean;
}

function lineStartOf(text: string, offset: number): number {
  // lastIndexOf with a negative start still inspects index 0, hence the guard.
  return offset <= 0 ? 0 : text.lastIndexOf('\n', offset - 1) + 1;
}

function lineEndIncludingBreak(text: string, offset: number): number {
  const newline = text.indexOf('\n', offset);
  return newline < 0 ? text.length : newline + 1;
}

function colonAfter(text: string, offset: number): number {
  const colon = text.indexOf(':', offset);
  return colon < 0 ? offset : colon + 1;
}

function mappingWithKeyAt(tree: ConfigTree, start: number): { pointer: string; mapping: MappingInfo; index: number } | undefined {
  for (const [pointer, mapping] of tree.mappings) {
    const index = mapping.keys.findIndex((entry) => entry.span.start === start);
    if (index >= 0) return { pointer, mapping, index };
  }
  return undefined;
}

/** Edits that delete one key (and everything under it) without leaving a broken mapping behind. */
function removeKeyEdits(text: string, tree: ConfigTree, start: number): TextEdit[] | undefined {
  const found = mappingWithKeyAt(tree, start);
  if (!found) return undefined;
  const { pointer, mapping, index } = found;
  const pair = mapping.keys[index].pairSpan;
  if (mapping.flow) {
    let from = pair.start;
    let to = pair.end;
    const after = /^\s*,\s*/.exec(text.slice(to));
    if (after) to += after[0].length;
    else {
      const before = /,\s*$/.exec(text.slice(mapping.span.start, from));
      if (before) from -= before[0].length;
    }
    return [{ span: { start: from, end: to }, newText: '' }];
  }
  const beforeKey = text.slice(lineStartOf(text, pair.start), pair.start);
  // An explicit key (`? key` / `: value`) spans lines in ways a line-wise delete would break; no removal is offered.
  if (/\?\s*$/.test(beforeKey)) return undefined;
  const onlyWhitespaceBefore = beforeKey.trim() === '';
  const from = onlyWhitespaceBefore ? lineStartOf(text, pair.start) : pair.start;
  const to = lineEndIncludingBreak(text, Math.max(pair.end - 1, pair.start));
  const edits: TextEdit[] = [{ span: { start: from, end: to }, newText: '' }];
  // The last key of a nested block mapping leaves `parent:` empty, which is invalid-type: make it `parent: {}`.
  const parentKey = tree.locations.get(pointer)?.keySpan;
  const repeatedKeyRemains = tree.duplicates.some((duplicate) => parentPointer(duplicate.pointer) === pointer);
  if (mapping.keys.length === 1 && !repeatedKeyRemains && pointer !== '' && parentKey) {
    // After the parent's anchor or tag, if any: `deploy: &d {}`, not `deploy: {} &d`.
    const colon = colonAfter(text, parentKey.end);
    const at = colon + (/^(?:[ \t]+[&!][^\s#]*)*/.exec(text.slice(colon))?.[0].length ?? 0);
    edits.unshift({ span: { start: at, end: at }, newText: ' {}' });
  }
  return edits;
}

function setVersionEdits(text: string, tree: ConfigTree): TextEdit[] | undefined {
  const location = tree.locations.get('/version');
  if (!location?.keySpan) return undefined;
  const colon = colonAfter(text, location.keySpan.end);
  if (!location.valueSpan) return [{ span: { start: colon, end: colon }, newText: ' 1' }];
  // A block value (`|`, a nested mapping or list) ends with its line break, which must stay; the whole of it becomes ` 1`.
  let end = location.valueSpan.end;
  while (end > location.valueSpan.start && (text[end - 1] === '\n' || text[end - 1] === '\r')) end--;
  if (!/[\r\n]/.test(text.slice(colon, end))) return [{ span: location.valueSpan, newText: '1' }];
  return [{ span: { start: colon, end }, newText: ' 1' }];
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
    case 'invalid-version': {
      const edits = tree && setVersionEdits(parsed.text, tree);
      if (edits) fixes.push({ title: formatMessage(locale, 'fixSetVersion'), edits, preferred: true, safe: true });
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

/** Applies offset edits to a text (edits must not overlap). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const ordered = [...edits].sort((a, b) => b.span.start - a.span.start || b.span.end - a.span.end);
  let result = text;
  for (const edit of ordered) result = result.slice(0, edit.span.start) + edit.newText + result.slice(edit.span.end);
  return result;
}
