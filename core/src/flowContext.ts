/** The flow mappings (`{ … }`) open at the cursor on its line, read from the text before it. */
export interface OpenFlowMappings {
  /** The key each open `{` is the value of, outermost first (the first may be the block key of the line). */
  keys: string[];
  /** Offset in the line of the innermost open `{`. */
  innermostStart: number;
  /** The text typed since the innermost mapping's `{` or its last `,`. */
  segment: string;
}

const keyBeforeColon = /(?:^|[\s{,])("[^"]*"|'[^']*'|[^\s"'{},:[\]][^{},:[\]]*?)\s*:\s*$/;

/** A key as written, without its quotes. */
export function unquote(key: string): string {
  return /^(["']).*\1$/.test(key) ? key.slice(1, -1) : key;
}

/**
 * The flow mappings open at the end of `before` (a line up to the cursor), or undefined when the cursor is not in
 * one, or is somewhere completion cannot help (a flow sequence, a mapping used as a key, a comment).
 */
export function openFlowMappings(before: string): OpenFlowMappings | undefined {
  const stack: Array<{ key: string; start: number }> = [];
  let segmentStart = 0;
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
    } else if (char === '}') {
      stack.pop();
      segmentStart = i + 1;
    } else if (char === ',' && stack.length) segmentStart = i + 1;
  }
  if (!stack.length || quote) return undefined;
  return { keys: stack.map((entry) => entry.key).filter(Boolean), innermostStart: stack[stack.length - 1].start, segment: before.slice(segmentStart) };
}

/** The keys written at the top level of the flow mapping that opens at `line[start]` (`{`), on that line. */
export function flowMappingKeys(line: string, start: number): string[] {
  const keys: string[] = [];
  let depth = 0;
  let segment = '';
  let quote = '';
  const take = (): void => {
    const match = /^\s*("[^"]*"|'[^']*'|[^\s"'{},:[\]][^{},:[\]]*?)\s*:/.exec(segment);
    if (match) keys.push(unquote(match[1].trim()));
    segment = '';
  };
  for (let i = start + 1; i < line.length; i++) {
    const char = line[i];
    if (quote) {
      if (char === quote) quote = '';
    } else if (char === '"' || char === "'") quote = char;
    else if (char === '{' || char === '[') depth++;
    else if (char === '}' || char === ']') {
      if (depth === 0) break;
      depth--;
    } else if (char === ',' && depth === 0) {
      take();
      continue;
    }
    if (depth === 0) segment += char;
  }
  take();
  return keys;
}
