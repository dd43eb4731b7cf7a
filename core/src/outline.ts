import { isMap, isScalar, isSeq, type Node, type Pair } from 'yaml';
import type { Span } from './findings';
import type { ParsedConfig } from './parse';
import { fieldAt } from './schemaModel';

/** One entry of the document outline. */
export interface OutlineSymbol {
  name: string;
  /** The scalar value, shown beside the name. */
  detail: string;
  kind: 'object' | 'number' | 'string' | 'enum' | 'key';
  span: Span;
  selectionSpan: Span;
  children: OutlineSymbol[];
}

/** A foldable region, by offsets of its first and last character. */
export interface FoldingRegion {
  start: number;
  end: number;
}

function symbolKind(path: string[], value: Node | null): OutlineSymbol['kind'] {
  if (isMap(value)) return 'object';
  const field = fieldAt(path);
  if (!field) return 'key';
  if (field.enum) return 'enum';
  if (field.type === 'integer' || field.type === 'number' || field.type === 'const') return 'number';
  return 'string';
}

function symbolsOf(node: unknown, path: string[]): OutlineSymbol[] {
  if (!isMap(node)) return [];
  const symbols: OutlineSymbol[] = [];
  for (const pair of node.items as Pair[]) {
    const key = pair.key as Node | null;
    if (!key?.range) continue;
    const name = isScalar(key) ? String(key.value ?? '') : '?';
    const value = pair.value as Node | null;
    const end = value?.range && value.range[1] > key.range[1] ? value.range[1] : key.range[1];
    const childPath = [...path, name];
    symbols.push({
      name,
      detail: isScalar(value) && value.value !== null ? String(value.value) : '',
      kind: symbolKind(childPath, value),
      span: { start: key.range[0], end },
      selectionSpan: { start: key.range[0], end: key.range[1] },
      children: symbolsOf(value, childPath),
    });
  }
  return symbols;
}

/** The outline of the first document: one symbol per key, nested like the file. */
export function outlineOf(parsed: ParsedConfig): OutlineSymbol[] {
  return symbolsOf(parsed.document?.contents, []);
}

/** Foldable regions: every key whose value is a collection spanning more than its own line. */
export function foldingRegionsOf(parsed: ParsedConfig): FoldingRegion[] {
  const regions: FoldingRegion[] = [];
  const visit = (node: unknown): void => {
    if (isSeq(node)) node.items.forEach(visit);
    if (!isMap(node)) return;
    for (const pair of node.items as Pair[]) {
      const key = pair.key as Node | null;
      const value = pair.value as Node | null;
      if (key?.range && (isMap(value) || isSeq(value)) && value.range) {
        regions.push({ start: key.range[0], end: Math.max(value.range[1] - 1, key.range[0]) });
      }
      visit(value);
    }
  };
  visit(parsed.document?.contents);
  return regions;
}
