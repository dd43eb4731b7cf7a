import type { ErrorObject } from 'ajv';
import validateSchema from './generated/validateV1';
import { buildConfigTree, dottedPath, locate, parentPointer, pointerSegment, type ConfigTree } from './configTree';
import { severityOf, type DiagnosticCode, type Finding, type FindingData, type Span } from './findings';
import { formatMessage, type Locale, type MessageId } from './messages';
import type { ParsedConfig, SyntaxProblem } from './parse';
import { fieldAt } from './schemaModel';
import { suggestKey } from './suggest';

/** Options for validation. */
export interface ValidateOptions {
  locale?: Locale;
}

function finding(code: DiagnosticCode, message: string, span: Span, path: string, data?: FindingData): Finding {
  return data ? { code, severity: severityOf[code], message, span, path, data } : { code, severity: severityOf[code], message, span, path };
}

function firstLineSpan(text: string): Span {
  const newline = text.search(/\r?\n|\r/);
  return { start: 0, end: newline < 0 ? text.length : newline };
}

function syntaxFinding(problem: SyntaxProblem, locale: Locale): Finding {
  const messageId: MessageId = {
    parser: 'yamlSyntax',
    'too-deep': 'nestingTooDeep',
    'forbidden-character': 'forbiddenCharacter',
    'unresolved-alias': 'unresolvedAlias',
    'recursive-alias': 'recursiveAlias',
    'invalid-utf8': 'invalidUtf8',
  }[problem.kind] as MessageId;
  return finding('yaml-syntax', formatMessage(locale, messageId, problem.detail), problem.span, '', { yamlProblem: problem.kind });
}

// Characters a message would show as nothing, or as a line break.
const invisible = /[\u0000-\u001f\u007f-\u00a0\u00ad\u2000-\u200f\u2028-\u202f\u205f-\u206f\ufeff]/g;

/**
 * A one-line value as written after `key:` on the key's line (tag and anchor included, comment left out), for a
 * message that says what to change; undefined when the value starts on a later line or is a block scalar.
 */
function writtenAfterColon(text: string, keyEnd: number): string | undefined {
  const lineEnd = text.slice(keyEnd).search(/\r|\n/);
  const rest = text.slice(keyEnd, lineEnd < 0 ? text.length : keyEnd + lineEnd);
  // Only spaces and tabs are trimmed: YAML does not count a no-break space as blank, and neither does the message.
  const written = rest.replace(/^[ \t]*:/, '').replace(/[ \t]#.*$/, '').replace(/^[ \t]+|[ \t]+$/g, '');
  if (!written || /^[|>]/.test(written)) return undefined;
  const shown = written.replace(invisible, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
  const codePoints = Array.from(shown);
  return codePoints.length > 40 ? `${codePoints.slice(0, 39).join('')}…` : shown;
}

function describeType(value: unknown): MessageId {
  if (value === null || value === undefined) return 'typeNull';
  if (Array.isArray(value)) return 'typeArray';
  if (typeof value === 'number') return Number.isInteger(value) ? 'typeInteger' : Number.isFinite(value) ? 'typeFloat' : 'typeInfinity';
  if (typeof value === 'string') return 'typeString';
  if (typeof value === 'boolean') return 'typeBoolean';
  if (typeof value === 'object') return 'typeObject';
  return 'typeString';
}

const expectedTypeMessage: Record<string, MessageId> = {
  object: 'typeObject',
  integer: 'typeInteger',
  number: 'typeNumber',
  string: 'typeString',
};

function valueAt(root: unknown, pointer: string): unknown {
  let current = root;
  for (const segment of pointer.split('/').slice(1)) {
    const key = segment.replace(/~1/g, '/').replace(/~0/g, '~');
    current = current !== null && typeof current === 'object' ? (current as Record<string, unknown>)[key] : undefined;
  }
  return current;
}

/** What mapping one ajv error needs; `presentKeys` is memoized per mapping so a file of many unknown keys stays linear. */
interface MappingContext {
  tree: ConfigTree;
  text: string;
  locale: Locale;
  presentKeys(pointer: string): Set<string>;
}

/** Maps one ajv error to the contract's code and range. */
function mapSchemaError(error: ErrorObject, { tree, text, locale, presentKeys }: MappingContext): Finding | undefined {
  const pointer = error.instancePath;
  const path = dottedPath(pointer);
  if (error.keyword === 'additionalProperties') {
    const key = String((error.params as { additionalProperty: string }).additionalProperty);
    const childPointer = `${pointer}/${pointerSegment(key)}`;
    const { location, exact } = locate(tree, childPointer);
    const present = presentKeys(pointer);
    const candidates = (fieldAt(path ? path.split('.') : [])?.children ?? []).map((field) => field.key).filter((k) => !present.has(k));
    const suggestion = suggestKey(key, candidates);
    const childPath = path ? `${path}.${key}` : key;
    const message = suggestion
      ? formatMessage(locale, 'unknownKeySuggestion', key, suggestion)
      : formatMessage(locale, pointer === '' ? 'unknownKeyRoot' : 'unknownKey', key);
    // Inside an aliased mapping the alias itself is what the user wrote (contract rule 9).
    const span = (exact ? location.keySpan : (location.valueSpan ?? location.keySpan)) ?? { start: 0, end: 0 };
    return finding('unknown-key', message, span, childPath, suggestion ? { key, suggestion } : { key });
  }
  if (error.keyword === 'required') {
    const missing = String((error.params as { missingProperty: string }).missingProperty);
    const mapping = tree.mappings.get(pointer);
    // A misspelt key that suggests the missing one carries both findings (contract rule 8).
    const candidates = mapping?.keys.filter((entry) => entry.key !== missing) ?? [];
    const misspelt = candidates.find((entry) => suggestKey(entry.key, [missing]) === missing);
    const span = misspelt?.span ?? mapping?.keys[0]?.span ?? mapping?.span ?? { start: 0, end: 0 };
    const message = missing === 'version' ? formatMessage(locale, 'missingVersion') : formatMessage(locale, 'missingRequired', missing);
    return finding('missing-required', message, span, path ? `${path}.${missing}` : missing, { key: missing });
  }

  const { location, exact } = locate(tree, pointer);
  const valueSpan = location.valueSpan;
  const span = valueSpan ?? location.keySpan ?? { start: 0, end: 0 };
  const value = valueAt(tree.value, pointer);
  if (pointer === '/version') {
    if (!valueSpan) return finding('invalid-version', formatMessage(locale, 'versionEmpty'), span, path);
    const written = location.keySpan && writtenAfterColon(text, location.keySpan.end);
    const found = written || formatMessage(locale, describeType(value));
    return finding('invalid-version', formatMessage(locale, 'invalidVersion', found), span, path);
  }
  const field = fieldAt(path.split('.'));
  const label = field?.key ?? path;
  switch (error.keyword) {
    case 'type': {
      const expected = formatMessage(locale, expectedTypeMessage[String((error.params as { type: string }).type)] ?? 'typeString');
      // Through an alias the actual value may be shared; the alias itself is what the user wrote.
      const message =
        exact && !valueSpan
          ? formatMessage(locale, 'emptyValue', label, expected)
          : formatMessage(locale, 'expectedType', label, expected, formatMessage(locale, describeType(value)));
      return finding('invalid-type', message, span, path);
    }
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum': {
      const limit = (error.params as { limit: number }).limit;
      const id: MessageId = error.keyword === 'minimum' ? 'outOfRangeMin' : error.keyword === 'maximum' ? 'outOfRangeMax' : 'exclusiveMin';
      return finding('invalid-value', formatMessage(locale, id, label, limit), span, path);
    }
    case 'minLength':
      return finding('invalid-value', formatMessage(locale, 'emptyString', label), span, path);
    case 'enum':
      return finding('invalid-value', formatMessage(locale, 'notInEnum', label, (field?.enum ?? []).join(', ')), span, path);
    default:
      return finding('invalid-value', formatMessage(locale, 'notInEnum', label, error.message ?? ''), span, path);
  }
}

/** The root's kind when it is not a mapping; undefined for a mapping or an empty document. */
function rootProblem(tree: ConfigTree, parsed: ParsedConfig): 'empty' | 'not-mapping' | undefined {
  const contents = parsed.document?.contents;
  if (!contents) return 'empty';
  const rootLocation = tree.locations.get('');
  if (tree.value === null && !rootLocation?.valueSpan) return 'empty';
  if (tree.value === null || typeof tree.value !== 'object' || Array.isArray(tree.value)) return 'not-mapping';
  return undefined;
}

/** Validates a parsed `.tinyforge.yml` against contract section 4: codes, severities and ranges. Never throws. */
export function validateConfig(parsed: ParsedConfig, options: ValidateOptions = {}): Finding[] {
  const locale = options.locale ?? 'en';
  const { text } = parsed;
  if (parsed.tooLarge) {
    return [finding('file-too-large', formatMessage(locale, 'fileTooLarge', parsed.byteLength.toLocaleString('en-US')), firstLineSpan(text), '')];
  }
  if (parsed.syntaxProblem) return [syntaxFinding(parsed.syntaxProblem, locale)];
  const document = parsed.document;
  const tree = document ? buildConfigTree(document) : undefined;
  if (tree?.aliasProblem) return [syntaxFinding(tree.aliasProblem, locale)];

  const findings: Finding[] = [];
  if (parsed.secondDocumentStart !== undefined) {
    const start = parsed.secondDocumentStart;
    const end = text.startsWith('---', start) ? start + 3 : Math.max(start, firstLineSpan(text.slice(start)).end + start);
    findings.push(finding('multiple-documents', formatMessage(locale, 'multipleDocuments'), { start, end }, ''));
  }
  const problem = tree ? rootProblem(tree, parsed) : 'empty';
  if (problem === 'empty') {
    findings.unshift(finding('missing-required', formatMessage(locale, 'missingVersion'), firstLineSpan(text), 'version', { key: 'version' }));
    return findings;
  }
  if (problem === 'not-mapping' || !tree) {
    // Contract rule 4: a root that is not a mapping gets this one finding and nothing else.
    const kind = formatMessage(locale, describeType(tree?.value));
    return [finding('invalid-type', formatMessage(locale, 'rootNotMapping', kind), firstLineSpan(text), '')];
  }

  for (const duplicate of tree.duplicates) {
    const parentPath = dottedPath(parentPointer(duplicate.pointer));
    // Nothing under an unknown key, or under a known one whose value is not a mapping, is reported (contract rule 8).
    if (parentPath && fieldAt(parentPath.split('.'))?.type !== 'object') continue;
    findings.push(finding('duplicate-key', formatMessage(locale, 'duplicateKey', duplicate.key), duplicate.span, dottedPath(duplicate.pointer), { key: duplicate.key }));
  }
  if (!validateSchema(tree.value)) {
    const seen = new Set<string>();
    const presentKeySets = new Map<string, Set<string>>();
    const context: MappingContext = {
      tree,
      text,
      locale,
      presentKeys(pointer) {
        let present = presentKeySets.get(pointer);
        if (!present) presentKeySets.set(pointer, (present = new Set(tree.mappings.get(pointer)?.keys.map((entry) => entry.key))));
        return present;
      },
    };
    for (const error of validateSchema.errors ?? []) {
      const mapped = mapSchemaError(error, context);
      if (!mapped) continue;
      const identity = `${mapped.code}:${mapped.span.start}:${mapped.span.end}:${mapped.path}`;
      if (seen.has(identity)) continue;
      seen.add(identity);
      findings.push(mapped);
    }
  }
  // One finding per value: a value of the wrong type is not also out of range or outside the enum.
  const wrongTypePaths = new Set(findings.filter((entry) => entry.code === 'invalid-type').map((entry) => entry.path));
  return findings
    .filter((entry) => entry.code !== 'invalid-value' || !wrongTypePaths.has(entry.path))
    .sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end || a.code.localeCompare(b.code));
}
