/**
 * The one boundary for text that came from outside (a Tinyforge server, a git provider, a file's values): every
 * output (CLI text, JSON and SARIF, LSP diagnostics, hovers and logs, the extension's UI) shows such text through
 * these functions. Server text is text: the token is redacted, control characters are shown as escapes, Markdown
 * is escaped, and lengths are capped. No imports: the client bundles this file on its own.
 */

/** How long each kind of outside text may be when shown, in UTF-16 code units, the ellipsis included. */
export const textLimits = {
  /** A workload's name, id, source kind, a branch, a path, a user name. */
  name: 120,
  /** A field's value (repo, branch head or live). */
  value: 200,
  /** A server's message (its own cap is 240 bytes; this leaves room for one in another language). */
  message: 400,
} as const;

// C0 (tab and newlines included: shown text is one line), DEL, C1, line and paragraph separators, the bidi controls
// that can reorder what a reader sees ("Trojan Source"), and the invisible ones (zero-width, word joiner, BOM).
const controlCharacters = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;
const namedEscapes: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escapeControl(character: string): string {
  const named = namedEscapes[character];
  if (named) return named;
  const code = character.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** `text` cut to `max` code units, ending in "…" when it was longer; never splits a surrogate pair. */
export function capLength(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, Math.max(0, max - 1));
  const last = cut.charCodeAt(cut.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut = cut.slice(0, -1);
  return `${cut}…`;
}

/**
 * Outside text as one line of plain text: every control character and escape sequence introducer shown as an
 * escape (`\x1b`, `\n`, `\u202e`) so it can neither act on a terminal nor hide, and the length capped.
 */
export function plainText(text: string, max: number = textLimits.message): string {
  const capped = capLength(text, max);
  controlCharacters.lastIndex = 0;
  if (!controlCharacters.test(capped)) return capped;
  return capLength(capped.replace(controlCharacters, escapeControl), max);
}

// The characters that open Markdown or HTML inline (emphasis, code, links, images, tags, entities, table cells,
// theme icons `$(…)`), escaped wherever they stand; a line-start block marker (`-`, `=`, `1.`) at the start; and the
// GFM autolinks (`http://`, `www.`, `a@b`) broken. Every one is a CommonMark backslash escape, so the text reads
// the same; the rest of the punctuation (`-` inside a word, `.`, `:` in a time) stays as it is.
const markdownSpecials = /[\\`*_{}[\]()#+!|<>~$&@]|:(?=\/\/)/g;

/** Outside text for a Markdown surface (hovers, tooltips): plain text whose Markdown is shown, never rendered. */
export function markdownText(text: string, max: number = textLimits.message): string {
  return plainText(text, max)
    .replace(markdownSpecials, '\\$&')
    .replace(/^(\d+)\./, '$1\\.')
    .replace(/^[-=]/, '\\$&')
    .replace(/(www)\./gi, '$1\\.');
}

/**
 * Outside text as a Markdown code span that it cannot break out of: the fence is one backtick longer than any run
 * of backticks inside; in a table cell `|` is shown as `∣`, so the row keeps its cells.
 */
export function markdownCode(text: string, options: { max?: number; inTable?: boolean } = {}): string {
  const plain = plainText(text, options.max ?? textLimits.value);
  // In a table cell a pipe ends the cell whatever escapes it (GFM counts the backslashes before it): shown as ∣.
  const cell = options.inTable ? plain.replace(/\|/g, '\u2223') : plain;
  const longestRun = Math.max(0, ...(cell.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  const padded = cell.startsWith('`') || cell.endsWith('`') || cell === '' ? ` ${cell} ` : cell;
  return `${fence}${padded}${fence}`;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A function that replaces each secret in a text by `***`: as it is, and percent-encoded in either hex case. */
export function secretRedactor(secrets: readonly string[]): (text: string) => string {
  const forms = new Set<string>();
  for (const secret of secrets) {
    if (!secret) continue;
    forms.add(secret);
    forms.add(encodeURIComponent(secret));
  }
  if (forms.size === 0) return (text) => text;
  const pattern = new RegExp([...forms].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|'), 'gi');
  const lowered = [...forms].map((form) => form.toLowerCase());
  return (text) => {
    // Most strings hold no secret; the pattern matches any case, so the quick check does too.
    const lower = text.toLowerCase();
    if (!lowered.some((form) => lower.includes(form))) return text;
    pattern.lastIndex = 0;
    return text.replace(pattern, '***');
  };
}

/**
 * A parsed JSON answer with every secret redacted from every string in it, keys included. Walks with its own stack,
 * so a value nested 10,000 levels deep costs memory, not the call stack. Returns a new value; the input is unchanged.
 */
export function redactJson(value: unknown, redactText: (text: string) => string): unknown {
  if (typeof value === 'string') return redactText(value);
  if (value === null || typeof value !== 'object') return value;
  const copy = (node: object): Record<string, unknown> | unknown[] => (Array.isArray(node) ? [...node] : { ...(node as Record<string, unknown>) });
  const root = copy(value);
  const stack: Array<Record<string, unknown> | unknown[]> = [root];
  while (stack.length) {
    const node = stack.pop()!;
    if (Array.isArray(node)) {
      for (let index = 0; index < node.length; index++) node[index] = visit(node[index]);
      continue;
    }
    for (const key of Object.keys(node)) {
      const clean = redactText(key);
      const item = visit(node[key]);
      if (clean !== key) delete node[key];
      // defineProperty, not assignment: a "__proto__" key from JSON stays a plain key.
      Object.defineProperty(node, clean, { value: item, enumerable: true, writable: true, configurable: true });
    }
  }
  return root;

  function visit(item: unknown): unknown {
    if (typeof item === 'string') return redactText(item);
    if (item === null || typeof item !== 'object') return item;
    const child = copy(item);
    stack.push(child);
    return child;
  }
}

/**
 * Outside text that a VS Code notification or status bar may show: plain text in which a Markdown link (`[x](…)`,
 * which notifications turn into a link, `command:` ones included) and a theme icon (`$(…)`) no longer parse.
 */
export function noticeText(text: string, max: number = textLimits.message): string {
  // The spaces it adds may push the text past `max`: cut again.
  return capLength(plainText(text, max).replace(/\]\(/g, '] (').replace(/\$\(/g, '$ ('), max);
}

/** A list of outside names for one line: the first `max` of them, then how many more ("a, b, c and 19,997 more"). */
export function nameList(names: readonly string[], more: (count: number) => string, max = 5): string {
  const shown = names.slice(0, max).map((name) => plainText(name, textLimits.name)).join(', ');
  return names.length > max ? `${shown} ${more(names.length - max)}` : shown;
}
