import { buildConfigTree } from './configTree';
import { applyEdits, removeKeyEdits, setValueEdits, type TextEdit } from './edits';
import { parseConfig } from './parse';

/** A field to set in a file: its dotted path and its new value as YAML text, or undefined to remove the field. */
export interface FieldValue {
  field: string;
  yaml?: string;
}

/**
 * The text with each field set (or removed) in place, one after the other, so comments and layout stay as they were.
 * A field the text does not declare, or a text that does not parse, is left alone.
 */
export function setFieldValues(text: string, values: readonly FieldValue[]): string {
  let current = text;
  for (const { field, yaml } of values) {
    const parsed = parseConfig(current);
    if (!parsed.document || parsed.syntaxProblem || parsed.tooLarge) continue;
    const tree = buildConfigTree(parsed.document);
    const location = tree.locations.get(`/${field.split('.').join('/')}`);
    if (!location?.keySpan) continue;
    const edits = yaml === undefined ? removeKeyEdits(current, tree, location.keySpan.start) : setValueEdits(current, location, yaml);
    if (edits) current = applyEdits(current, edits);
  }
  return current;
}

/** One edit that turns `before` into `after`: the span between their common start and common end. */
export function minimalEdit(before: string, after: string): TextEdit {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  // Never cut a surrogate pair: back off to the start of the character.
  if (start > 0 && isHighSurrogate(before.charCodeAt(start - 1))) start--;
  let end = 0;
  while (end < before.length - start && end < after.length - start && before[before.length - 1 - end] === after[after.length - 1 - end]) end++;
  if (end > 0 && isLowSurrogate(before.charCodeAt(before.length - end))) end--;
  return { span: { start, end: before.length - end }, newText: after.slice(start, after.length - end) };
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
