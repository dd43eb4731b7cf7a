import type { Span } from './findings';
import { lineOfOffset } from './lineIndex';
import { flowKey, flowMappingLine, openFlowMappings, openingQuote, unquote, type OpenFlowMappings } from './flowContext';

/** What the cursor is on, read from the lines around it so it works while the YAML is still broken. */
export type CursorContext =
  | {
      kind: 'key';
      parentPath: string[];
      indent: number;
      presentKeys: string[];
      replace: Span;
      hasColon: boolean;
      emptyFile: boolean;
      /** Inside a one-line flow mapping (`{ … }`). */
      flow: boolean;
      /** Inside one, with another entry after the cursor: an inserted entry needs its `, `. */
      entryFollows: boolean;
    }
  | { kind: 'value'; path: string[]; replace: Span }
  | { kind: 'none' };

interface Line {
  start: number;
  text: string;
}

const keyLine = /^(\s*)([^\s#:'"][^:#]*?|"[^"]*"|'[^']*')\s*:(?:\s+|$)(.*)$/;

function lineAround(text: string, offset: number): Line {
  // lastIndexOf with a negative start still inspects index 0, hence the guard.
  const start = offset <= 0 ? 0 : text.lastIndexOf('\n', offset - 1) + 1;
  const newline = text.indexOf('\n', offset);
  const end = newline < 0 ? text.length : newline;
  return { start, text: text.slice(start, end).replace(/\r$/, '') };
}

/** A text's lines (split at `\n`, a trailing `\r` dropped), each sliced only when read: completion looks at a few. */
interface TextLines {
  readonly length: number;
  at(index: number): string;
  /** The line an offset is on. */
  lineOf(offset: number): number;
}

function textLines(text: string): TextLines {
  const starts = [0];
  for (let newline = text.indexOf('\n'); newline >= 0; newline = text.indexOf('\n', newline + 1)) starts.push(newline + 1);
  return {
    length: starts.length,
    at(index) {
      const line = text.slice(starts[index], index + 1 < starts.length ? starts[index + 1] - 1 : text.length);
      return line.endsWith('\r') ? line.slice(0, -1) : line;
    },
    lineOf: (offset) => lineOfOffset(starts, offset),
  };
}

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}

function isBlankOrComment(line: string): boolean {
  const trimmed = line.trim();
  return trimmed === '' || trimmed.startsWith('#');
}

/** The chain of `key:` lines that open the blocks enclosing a line at `indent`, outermost first. */
function parentChain(lines: TextLines, lineNumber: number, indent: number): string[] | undefined {
  const path: string[] = [];
  let limit = indent;
  for (let i = lineNumber - 1; i >= 0 && limit > 0; i--) {
    const line = lines.at(i);
    if (isBlankOrComment(line)) continue;
    const lineIndent = indentOf(line);
    if (lineIndent >= limit) continue;
    const match = keyLine.exec(line);
    // A less-indented line that is not an open `key:` means the cursor sits under a scalar: no context.
    if (!match || (match[3] && !match[3].trimStart().startsWith('#'))) return undefined;
    path.unshift(unquote(match[2]));
    limit = lineIndent;
  }
  return path;
}

/** Keys already present in the block the cursor is in (same indent, same parent), except on the cursor's line. */
function siblingKeys(lines: TextLines, lineNumber: number, indent: number): string[] {
  const keys: string[] = [];
  const scan = (from: number, step: 1 | -1): void => {
    for (let i = from; i >= 0 && i < lines.length; i += step) {
      const line = lines.at(i);
      if (isBlankOrComment(line)) continue;
      const lineIndent = indentOf(line);
      if (lineIndent < indent) return;
      if (lineIndent > indent) continue;
      const match = keyLine.exec(line);
      if (match) keys.push(unquote(match[2]));
    }
  };
  scan(lineNumber - 1, -1);
  scan(lineNumber + 1, 1);
  return keys;
}

function everyLineBlankOrComment(lines: TextLines): boolean {
  for (let i = 0; i < lines.length; i++) if (!isBlankOrComment(lines.at(i))) return false;
  return true;
}

/** Works out whether the cursor is on a key or a value, and where, for completion. */
export function cursorContext(text: string, offset: number): CursorContext {
  const line = lineAround(text, offset);
  const column = offset - line.start;
  const before = line.text.slice(0, column);
  const after = line.text.slice(column);
  if (before.includes('#')) return { kind: 'none' };
  const lines = textLines(text);
  const lineNumber = lines.lineOf(line.start);
  const flow = openFlowMappings(before);
  if (flow) return flowMappingContext(flow, lines, lineNumber, line, offset, after);

  const valueMatch = /^(\s*)([^\s#:'"][^:#]*?|"[^"]*"|'[^']*')\s*:\s+(\S*)$/.exec(before) ?? /^(\s*)([^\s#:'"][^:#]*?)\s*:()$/.exec(before);
  if (valueMatch) {
    const indent = valueMatch[1].length;
    const parents = parentChain(lines, lineNumber, indent);
    if (!parents) return { kind: 'none' };
    const typed = valueMatch[3];
    const rest = /^\S*/.exec(after)?.[0] ?? '';
    // Inside quotes only the text between them is replaced, so the editor filters on what was typed, not on the quote.
    const quote = openingQuote(typed);
    const start = offset - typed.length + (quote ? 1 : 0);
    const end = offset + rest.length - (quote && rest.endsWith(quote) ? 1 : 0);
    return { kind: 'value', path: [...parents, unquote(valueMatch[2])], replace: { start, end } };
  }

  const keyMatch = /^(\s*)([\w-]*)$/.exec(before);
  if (!keyMatch) return { kind: 'none' };
  const indent = keyMatch[1].length;
  const parents = parentChain(lines, lineNumber, indent);
  if (!parents) return { kind: 'none' };
  const restOfWord = /^[\w-]*/.exec(after)?.[0] ?? '';
  return {
    kind: 'key',
    parentPath: parents,
    indent,
    presentKeys: siblingKeys(lines, lineNumber, indent),
    replace: { start: offset - keyMatch[2].length, end: offset + restOfWord.length },
    hasColon: /^[\w-]*\s*:/.test(after),
    emptyFile: everyLineBlankOrComment(lines),
    flow: false,
    entryFollows: false,
  };
}

const flowKeyThenValue = new RegExp(String.raw`^\s*${flowKey}\s*:\s*(\S*)$`);

/** The span of the value token at the cursor in a flow mapping, quotes included when the cursor is before one. */
function flowValueSpan(typed: string, offset: number, after: string): Span {
  const quote = openingQuote(typed);
  if (quote) {
    // Inside quotes: replace what is between them, as in a block mapping.
    const closing = after.indexOf(quote);
    return { start: offset - typed.length + 1, end: offset + (closing >= 0 ? closing : (/^[^,}]*/.exec(after)?.[0].length ?? 0)) };
  }
  if (!typed && (after[0] === '"' || after[0] === "'")) {
    const closing = after.indexOf(after[0], 1);
    if (closing > 0) return { start: offset, end: offset + closing + 1 };
  }
  return { start: offset - typed.length, end: offset + (/^[^\s,}]*/.exec(after)?.[0].length ?? 0) };
}

// Inside `{ … }` on the cursor's line: the path is the block keys above plus the key each open `{` belongs to.
function flowMappingContext(flow: OpenFlowMappings, lines: TextLines, lineNumber: number, line: Line, offset: number, after: string): CursorContext {
  const indent = indentOf(line.text);
  const blockParents = parentChain(lines, lineNumber, indent);
  const mapping = flowMappingLine(line.text, flow.innermostStart);
  // A mapping continued on other lines holds keys and commas this line does not show: better nothing than a wrong edit.
  if (!blockParents || !mapping.closed) return { kind: 'none' };
  const parents = [...blockParents, ...flow.keys];
  const value = flowKeyThenValue.exec(flow.segment);
  if (value) return { kind: 'value', path: [...parents, unquote(value[1].trim())], replace: flowValueSpan(value[2], offset, after) };
  const key = /^\s*([\w-]*)$/.exec(flow.segment);
  if (!key || flow.afterNestedMapping) return { kind: 'none' };
  const restOfWord = /^[\w-]*/.exec(after)?.[0] ?? '';
  const hasColon = /^[\w-]*\s*:/.test(after);
  const column = offset - line.start;
  // Only an entry the cursor is on (its key before a colon) is being replaced; a key merely typed again is not it.
  const present = mapping.entries.filter((entry) => !(hasColon && entry.start <= column && column <= entry.end)).map((entry) => entry.key);
  const next = after.slice(restOfWord.length).trimStart();
  return {
    kind: 'key',
    parentPath: parents,
    indent,
    presentKeys: present,
    replace: { start: offset - key[1].length, end: offset + restOfWord.length },
    hasColon,
    emptyFile: false,
    flow: true,
    entryFollows: !hasColon && next !== '' && next[0] !== '}' && next[0] !== ',',
  };
}
