import { isAlias, isMap, isScalar, isSeq, type Alias, type Document, type Node, type Pair } from 'yaml';
import type { Span } from './findings';
import type { SyntaxProblem } from './parse';

/** Where one field of the file sits in the text. */
export interface FieldLocation {
  /** The key's span (absent for the root and list items). */
  keySpan?: Span;
  /** The value's span; absent when the value is empty (`port:`). */
  valueSpan?: Span;
  /** Key start through value end; what removing the field deletes. */
  pairSpan?: Span;
  /** True when the value is an alias (its content is reported on the alias). */
  isAlias: boolean;
}

/** The keys of one mapping, in text order, for suggestions, fixes and "first key" ranges. */
export interface MappingInfo {
  keys: Array<{ key: string; span: Span; pairSpan: Span }>;
  span: Span;
  flow: boolean;
}

/** The document as plain data for the schema validator, plus the index from JSON pointers back to text. */
export interface ConfigTree {
  value: unknown;
  /** JSON pointer (`/deploy/port`) → location. Values reached through an alias are not indexed. */
  locations: Map<string, FieldLocation>;
  mappings: Map<string, MappingInfo>;
  duplicates: Array<{ key: string; span: Span; pointer: string }>;
  aliasProblem?: SyntaxProblem;
}

/** Escapes one JSON-pointer segment (RFC 6901). */
export function pointerSegment(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** The pointer of the mapping that holds a pointer's last key (`/deploy` for `/deploy/port`, `` for `/version`). */
export function parentPointer(pointer: string): string {
  return pointer.slice(0, Math.max(0, pointer.lastIndexOf('/')));
}

/** The dotted field path (`deploy.port`) of a JSON pointer. */
export function dottedPath(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
    .join('.');
}

function spanOf(node: Node | null | undefined): Span | undefined {
  if (!node?.range) return undefined;
  const [start, valueEnd] = node.range;
  return valueEnd > start ? { start, end: valueEnd } : undefined;
}

/** The text a scalar key stands for; other keys (a mapping, a list) never match a schema key. */
function keyText(key: unknown): string {
  if (isScalar(key)) return key.value === null || key.value === undefined ? '' : String(key.value);
  return '[complex key]';
}

function aliasSpan(alias: Alias): Span {
  return spanOf(alias) ?? { start: alias.range?.[0] ?? 0, end: (alias.range?.[0] ?? 0) + 1 };
}

/**
 * Converts a parsed document to plain data without expanding aliases: an alias yields the value its anchor
 * already produced (shared, never copied), so an alias bomb costs no more than its text.
 */
export function buildConfigTree(document: Document.Parsed): ConfigTree {
  const tree: ConfigTree = { value: null, locations: new Map(), mappings: new Map(), duplicates: [] };
  const anchors = new Map<string, Node>();
  const values = new Map<Node, unknown>();
  const inProgress = new Set<Node>();

  const convert = (node: unknown, pointer: string): unknown => {
    if (isAlias(node)) {
      const target = anchors.get(node.source);
      const span = aliasSpan(node);
      if (!target) tree.aliasProblem ??= { span, detail: node.source, kind: 'unresolved-alias' };
      else if (inProgress.has(target)) tree.aliasProblem ??= { span, detail: node.source, kind: 'recursive-alias' };
      return values.get(target as Node) ?? null;
    }
    if (!isScalar(node) && !isMap(node) && !isSeq(node)) return null;
    if (node.anchor) {
      anchors.set(node.anchor, node);
      inProgress.add(node);
    }
    let result: unknown;
    if (isScalar(node)) result = node.value ?? null;
    else if (isSeq(node)) {
      result = node.items.map((item, index) => {
        const itemPointer = `${pointer}/${index}`;
        tree.locations.set(itemPointer, { valueSpan: spanOf(item as Node), isAlias: isAlias(item) });
        return convert(item, itemPointer);
      });
    } else result = convertMap(node.items as Pair[], pointer, node.flow ?? false, spanOf(node));
    if (node.anchor) {
      values.set(node, result);
      inProgress.delete(node);
    }
    return result;
  };

  // An alias key stands for its anchor's scalar (`&k port: 1` … `*k : 2` repeats `port`); one with no anchor is a YAML error.
  const aliasKeyText = (alias: Alias): string => {
    const target = anchors.get(alias.source);
    if (target) return keyText(target);
    tree.aliasProblem ??= { span: aliasSpan(alias), detail: alias.source, kind: 'unresolved-alias' };
    return `*${alias.source}`;
  };

  const convertMap = (pairs: Pair[], pointer: string, flow: boolean, span: Span | undefined): unknown => {
    // A null prototype keeps keys such as `__proto__` ordinary data.
    const object: Record<string, unknown> = Object.create(null);
    const info: MappingInfo = { keys: [], span: span ?? { start: 0, end: 0 }, flow };
    tree.mappings.set(pointer, info);
    for (const pair of pairs) {
      const key = isAlias(pair.key) ? aliasKeyText(pair.key) : keyText(pair.key);
      const keyNode = pair.key as Node | null;
      const keyStart = keyNode?.range?.[0] ?? (pair.value as Node | null)?.range?.[0] ?? 0;
      const keySpan = spanOf(keyNode) ?? { start: keyStart, end: keyStart };
      const valueNode = pair.value as Node | null;
      const valueSpan = spanOf(valueNode);
      const pairSpan = { start: keySpan.start, end: valueSpan?.end ?? keySpan.end };
      const childPointer = `${pointer}/${pointerSegment(key)}`;
      if (isScalar(keyNode) && keyNode.anchor) convert(keyNode, childPointer);
      if (key in object) {
        tree.duplicates.push({ key, span: keySpan, pointer: childPointer });
        convert(valueNode, `${childPointer}#duplicate`);
        continue;
      }
      info.keys.push({ key, span: keySpan, pairSpan });
      tree.locations.set(childPointer, { keySpan, valueSpan, pairSpan, isAlias: isAlias(valueNode) });
      object[key] = convert(valueNode, childPointer);
    }
    return object;
  };

  tree.locations.set('', { valueSpan: spanOf(document.contents as Node | null), isAlias: false });
  tree.value = convert(document.contents, '');
  return tree;
}

/** The location of a pointer, or of its nearest indexed ancestor (an alias whose content is at fault). */
export function locate(tree: ConfigTree, pointer: string): { location: FieldLocation; exact: boolean } {
  let current = pointer;
  let exact = true;
  for (;;) {
    const location = tree.locations.get(current);
    if (location) return { location, exact };
    if (current === '') return { location: { isAlias: false }, exact: false };
    current = current.slice(0, current.lastIndexOf('/'));
    exact = false;
  }
}
