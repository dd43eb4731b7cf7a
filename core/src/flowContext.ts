/** The flow mappings (`{ … }`) open at the cursor on its line, read from the text before it. */
export interface OpenFlowMappings {
  /** The key each open `{` is the value of, outermost first (the first may be the block key of the line). */
  keys: string[];
  /** Offset in the line of the innermost open `{`. */
  innermostStart: number;
  /** The text typed since the innermost mapping's `{` or its last `,`. */
  segment: string;
  /** Whether that text follows a nested mapping's `}` (an entry just ended; a `,` must come first). */
  afterNestedMapping: boolean;
}

/** A key inside a flow mapping, quoted or plain (no flow indicator in a plain one), as a regular-expression group. */
export const flowKey = String.raw`("[^"]*"|'[^']*'|[^\s"'{},:[\]][^{},:[\]]*?)`;

const keyBeforeColon = new RegExp(String.raw`(?:^|[\s{,])${flowKey}\s*:\s*$`);
const entryKey = new RegExp(String.raw`^\s*${flowKey}\s*:`);

/** A key as written, without its quotes. */
export function unquote(key: string): string {
  return /^(["']).*\1$/.test(key) ? key.slice(1, -1) : key;
}

/** The quote a typed value opens with (`"` or `'`), or ''. */
export function openingQuote(typed: string): string {
  return typed[0] === '"' || typed[0] === "'" ? typed[0] : '';
}

/**
 * The flow mappings open at the end of `before` (a line up to the cursor), or undefined when the cursor is not in
 * one, or is somewhere completion cannot help (a flow sequence, a mapping used as a key, a comment).
 */
export function openFlowMappings(before: string): OpenFlowMappings | undefined {
  const stack: Array<{ key: string; start: number }> = [];
  let segmentStart = 0;
  let afterNestedMapping = false;
  let quote = '';
  for (let i = 0; i < before.length; i++) {
    const char = before[i];
    if (quote) {
      if (char === quote) quote = '';
      continue;
    }
    if (char === '"' || char === "'") quote = char;
    else if (char === '#' && (i === 0 || /\s/.test(before[i - 1]))) return undefined;
    else if (char === '[' || char === ']') return undefined;
    else if (char === '{') {
      const match = keyBeforeColon.exec(before.slice(stack.length ? segmentStart : 0, i));
      // `{` at the start of the line is the root mapping written in flow style; elsewhere it must be a key's value.
      if (!match && before.slice(0, i).trim() !== '') return undefined;
      stack.push({ key: match ? unquote(match[1].trim()) : '', start: i });
      segmentStart = i + 1;
      afterNestedMapping = false;
    } else if (char === '}') {
      stack.pop();
      segmentStart = i + 1;
      afterNestedMapping = true;
    } else if (char === ',' && stack.length) {
      segmentStart = i + 1;
      afterNestedMapping = false;
    }
  }
  // An open quote is fine: the cursor may be inside a quoted value, which value completion handles.
  if (!stack.length) return undefined;
  return { keys: stack.map((entry) => entry.key).filter(Boolean), innermostStart: stack[stack.length - 1].start, segment: before.slice(segmentStart), afterNestedMapping };
}

/** What the flow mapping opening at `line[start]` (`{`) holds on that line: its top-level entries, and whether its `}` is there too. */
export interface FlowMappingLine {
  /** Each top-level entry's key and where the entry starts and ends in the line. */
  entries: Array<{ key: string; start: number; end: number }>;
  closed: boolean;
}

/** Reads the flow mapping that opens at `line[start]` on its line. */
export function flowMappingLine(line: string, start: number): FlowMappingLine {
  const entries: FlowMappingLine['entries'] = [];
  let depth = 0;
  let entryStart = start + 1;
  let quote = '';
  const take = (end: number): void => {
    const match = entryKey.exec(line.slice(entryStart, end));
    if (match) entries.push({ key: unquote(match[1].trim()), start: entryStart, end });
  };
  for (let i = start + 1; i < line.length; i++) {
    const char = line[i];
    if (quote) {
      if (char === quote) quote = '';
    } else if (char === '"' || char === "'") quote = char;
    else if (char === '{' || char === '[') depth++;
    else if (char === '}' || char === ']') {
      if (depth === 0) {
        take(i);
        return { entries, closed: true };
      }
      depth--;
    } else if (char === ',' && depth === 0) {
      take(i);
      entryStart = i + 1;
    }
  }
  take(line.length);
  return { entries, closed: false };
}
