import { parseAllDocuments, parseDocument, type Document } from 'yaml';
import type { Span } from './findings';
import { parseSimpleMapping } from './simpleMapping';

/** The most bytes (UTF-8) the Tinyforge server accepts for the file. */
export const maxFileBytes = 65_536;

/** A YAML syntax problem: where the parser points, and its message without the echoed source. */
export interface SyntaxProblem {
  span: Span;
  /** Parser's one-line message, or a forbidden character's code point in hex. */
  detail: string;
  kind: 'parser' | 'too-deep' | 'forbidden-character' | 'unresolved-alias' | 'recursive-alias' | 'invalid-utf8';
}

/** The result of parsing a `.tinyforge.yml` text once; every other core function reads from it. */
export interface ParsedConfig {
  text: string;
  byteLength: number;
  tooLarge: boolean;
  /** The first syntax problem anywhere in the text, if any. */
  syntaxProblem?: SyntaxProblem;
  /** The first YAML document (absent for an empty stream or a too-large file). */
  document?: Document.Parsed;
  /** Offset of the second document's start (its `---`), when there is one. */
  secondDocumentStart?: number;
}

const nonAscii = /[^\x00-\x7f]/;

/** UTF-8 byte length of a JS string, counted without allocating. */
export function utf8ByteLength(text: string): number {
  // One native scan skips the ASCII prefix (all of most files): a 60 KiB file in ~35 µs instead of ~270.
  const firstWide = text.search(nonAscii);
  if (firstWide < 0) return text.length;
  let bytes = firstWide;
  for (let i = firstWide; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

// YAML 1.2 printable set, inverted: C0 controls but tab/LF/CR, DEL, C1 but NEL, lone surrogates, U+FFFE/FFFF.
const forbiddenCharacter =
  /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x84\x86-\x9F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

// Every character the pattern above can match, and nothing with look-arounds: a plain scan, ~7× faster on non-ASCII text.
const maybeForbidden = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\uD800-\uDFFF\uFFFE\uFFFF]/;

// Tab, line breaks and printable ASCII: a text made of nothing else (nearly every file) needs neither scan above.
const beyondPrintableAscii = /[^\t\n\r\x20-\x7e]/;

function findForbiddenCharacter(text: string): SyntaxProblem | undefined {
  if (!maybeForbidden.test(text)) return undefined;
  const match = forbiddenCharacter.exec(text);
  if (!match) return undefined;
  const codePoint = match[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
  return { span: { start: match.index, end: match.index + 1 }, detail: codePoint, kind: 'forbidden-character' };
}

function endOfLine(text: string, offset: number): number {
  const lineBreak = /\r|\n/g;
  lineBreak.lastIndex = offset;
  return lineBreak.exec(text)?.index ?? text.length;
}

function firstLine(message: string): string {
  return message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '').trim();
}

/** What the file's raw bytes said, when the text came from them (`decodeConfigBytes`). */
export interface ConfigSource {
  byteLength?: number;
  encodingProblem?: SyntaxProblem;
}

// YAML 1.2 and the editor take a lone CR as a line break; `yaml` v2 does not. Same length, so offsets hold.
function withLoneCarriageReturnsAsLineFeeds(text: string): string {
  return text.includes('\r') ? text.replace(/\r(?!\n)/g, '\n') : text;
}

/** YAML 1.2 core schema whatever a `%YAML` directive says; duplicate keys kept for the validator; no source tokens kept. */
export const parseOptions = { schema: 'core', uniqueKeys: false, merge: false, prettyErrors: false, keepSourceTokens: false } as const;

/** The documents of a text as `yaml` parses them: the first alone when it is the only one (~20% faster), else the whole stream. */
function parseDocuments(text: string): Document.Parsed[] {
  // yaml's errors are Errors: each captured a stack trace nobody reads (~9 µs apiece, most of an invalid keystroke's error cost).
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return parseDocumentsOnce(text);
  } catch {
    // yaml threw (it should only report): parse again with stack traces on, so what reaches the log says where.
    Error.stackTraceLimit = stackTraceLimit;
    return parseDocumentsOnce(text);
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
  }
}

function parseDocumentsOnce(text: string): Document.Parsed[] {
  const single = parseDocument(text, parseOptions);
  if (single.contents !== null && !single.errors.some((error) => error.code === 'MULTIPLE_DOCS')) return [single];
  const all = parseAllDocuments(text, parseOptions);
  return Array.isArray(all) ? all : [];
}

/** Parses the text with `yaml` v2 (YAML 1.2 core schema, whatever a `%YAML` directive says), never throwing; duplicate keys are left to the validator. */
export function parseConfig(text: string, source: ConfigSource = {}): ParsedConfig {
  // One scan settles both the byte count and the forbidden characters of a text in printable ASCII (~40% of a keystroke's scanning).
  const plainAscii = !beyondPrintableAscii.test(text);
  const byteLength = source.byteLength ?? (plainAscii ? text.length : utf8ByteLength(text));
  if (byteLength > maxFileBytes) return { text, byteLength, tooLarge: true };

  // Bytes that are not UTF-8 come first, then forbidden characters (see below); a clean text of the usual shape skips `yaml`.
  const forbidden = plainAscii ? undefined : findForbiddenCharacter(text);
  const simple = source.encodingProblem || forbidden ? undefined : parseSimpleMapping(text, parseOptions);
  if (simple) return { text, byteLength, tooLarge: false, syntaxProblem: undefined, document: simple, secondDocumentStart: undefined };

  const list = parseDocuments(withLoneCarriageReturnsAsLineFeeds(text));
  const firstError = list.find((document) => document.errors.length)?.errors[0];
  let parserProblem: SyntaxProblem | undefined;
  if (firstError) {
    // The parser may point one past the end of the text (an unterminated flow collection); keep spans inside it.
    const start = Math.min(firstError.pos[0], text.length);
    const end = Math.min(Math.max(firstError.pos[1], start), text.length);
    // yaml reports a stack overflow on deep nesting as an error; its text names the engine's limit, not the file's.
    parserProblem = firstError.code === 'RESOURCE_EXHAUSTION' ? { span: { start, end }, detail: '', kind: 'too-deep' } : { span: { start, end }, detail: firstLine(firstError.message), kind: 'parser' };
  }
  // Bytes that are not UTF-8 come first. A forbidden character on or before the parser's error line is its likely cause
  // (the parser often points at the start of that line); one on a later line waits its turn (contract rule 1).
  const forbiddenFirst = forbidden && (!parserProblem || forbidden.span.start <= endOfLine(text, parserProblem.span.start));
  const syntaxProblem = source.encodingProblem ?? (forbiddenFirst ? forbidden : parserProblem);
  return {
    text,
    byteLength,
    tooLarge: false,
    syntaxProblem,
    document: list[0],
    secondDocumentStart: list.length > 1 ? list[1].range[0] : undefined,
  };
}
