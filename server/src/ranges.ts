import type { Range } from 'vscode-languageserver/node';
import type { LineIndex, Span } from '../../core/src/index';

/** The one place offsets become LSP ranges. */
export function toLspRange(lineIndex: LineIndex, span: Span): Range {
  return { start: lineIndex.positionAt(span.start), end: lineIndex.positionAt(span.end) };
}

/** The offset an LSP position stands for. */
export function toOffset(lineIndex: LineIndex, position: Range['start']): number {
  return lineIndex.offsetAt(position);
}
