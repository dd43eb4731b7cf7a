import { isMap, isScalar, isSeq, type Node, type Pair } from 'yaml';
import type { Span } from './findings';
import type { ParsedConfig } from './parse';

/** The key or value under an offset, with its key path. */
export interface NodeAtOffset {
  path: string[];
  part: 'key' | 'value';
  span: Span;
  /** The scalar value under the cursor (values only). */
  value?: unknown;
}

function contains(node: Node | null | undefined, offset: number): node is Node {
  return !!node?.range && node.range[0] <= offset && offset <= node.range[1] && node.range[1] > node.range[0];
}

/** Finds the key or scalar value at an offset in the first document (works on partly broken YAML). */
export function nodeAt(parsed: ParsedConfig, offset: number): NodeAtOffset | undefined {
  let node = parsed.document?.contents as Node | null | undefined;
  const path: string[] = [];
  while (isMap(node)) {
    const pairs = node.items as Pair[];
    const pair = pairs.find((candidate) => contains(candidate.key as Node, offset) || contains(candidate.value as Node, offset));
    if (!pair) return undefined;
    const key = isScalar(pair.key) ? String(pair.key.value ?? '') : '';
    path.push(key);
    const keyNode = pair.key as Node;
    if (contains(keyNode, offset)) return { path, part: 'key', span: { start: keyNode.range![0], end: keyNode.range![1] } };
    node = pair.value as Node;
  }
  if (isScalar(node) && contains(node, offset) && !isSeq(node)) {
    return { path, part: 'value', span: { start: node.range![0], end: node.range![1] }, value: node.value };
  }
  return undefined;
}
