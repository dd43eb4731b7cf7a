import { parentPointer, type ConfigTree, type FieldLocation, type MappingInfo } from './configTree';
import type { Span } from './findings';

// Edits of a file's text by offsets, shared by the quick fixes and by setting fields in place.

/** One replacement in the text, by offsets. */
export interface TextEdit {
  span: Span;
  newText: string;
}

/** The offset where the line holding `offset` starts. */
export function lineStartOf(text: string, offset: number): number {
  // lastIndexOf with a negative start still inspects index 0, hence the guard.
  return offset <= 0 ? 0 : text.lastIndexOf('\n', offset - 1) + 1;
}

function lineEndIncludingBreak(text: string, offset: number): number {
  const newline = text.indexOf('\n', offset);
  return newline < 0 ? text.length : newline + 1;
}

/** The offset just past the first `:` at or after `offset` (the key's colon), or `offset` when there is none. */
export function colonAfter(text: string, offset: number): number {
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
export function removeKeyEdits(text: string, tree: ConfigTree, start: number): TextEdit[] | undefined {
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

/** Edits that give the key at `location` the scalar `newText`, whatever its value is now (empty, plain, quoted, a block). */
export function setValueEdits(text: string, location: FieldLocation, newText: string): TextEdit[] | undefined {
  if (!location.keySpan) return undefined;
  const colon = colonAfter(text, location.keySpan.end);
  if (!location.valueSpan) return [{ span: { start: colon, end: colon }, newText: ` ${newText}` }];
  // A block value (`|`, a nested mapping or list) ends with its line break, which must stay; the whole of it is replaced.
  let end = location.valueSpan.end;
  while (end > location.valueSpan.start && (text[end - 1] === '\n' || text[end - 1] === '\r')) end--;
  if (!/[\r\n]/.test(text.slice(colon, end))) return [{ span: location.valueSpan, newText }];
  // A comment between the key and a value on a later line stays: only the value is replaced, where it is.
  if (text.slice(colon, location.valueSpan.start).includes('#')) return [{ span: { start: location.valueSpan.start, end }, newText }];
  return [{ span: { start: colon, end }, newText: ` ${newText}` }];
}

/** Applies offset edits to a text (edits must not overlap). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const ordered = [...edits].sort((a, b) => b.span.start - a.span.start || b.span.end - a.span.end);
  let result = text;
  for (const edit of ordered) result = result.slice(0, edit.span.start) + edit.newText + result.slice(edit.span.end);
  return result;
}
