import type { Span } from './findings';
import { nodeAt } from './nodeAt';
import type { ParsedConfig } from './parse';
import { fieldAt, type SchemaField } from './schemaModel';

/** Hover content (markdown) and the span it describes. */
export interface HoverInfo {
  markdown: string;
  span: Span;
}

function code(value: unknown): string {
  return `\`${typeof value === 'string' ? value : JSON.stringify(value)}\``;
}

/** The schema's docs for one field, as hover markdown. */
export function describeField(field: SchemaField): string {
  const parts = [`**${field.title}** · \`${field.path}\``, '', field.markdownDescription];
  const facts: string[] = [];
  if (field.default !== undefined && field.type !== 'object') facts.push(`Default: ${code(field.default)}`);
  if (field.enum) facts.push(`Values: ${field.enum.map(code).join(', ')}`);
  else if (field.examples.length && field.type !== 'object') facts.push(`Examples: ${field.examples.map(code).join(', ')}`);
  if (facts.length) parts.push('', facts.join(' · '));
  return parts.join('\n');
}

/** The schema's docs for the key or value under the cursor, or undefined where the schema says nothing. */
export function hoverAt(parsed: ParsedConfig, offset: number): HoverInfo | undefined {
  const target = nodeAt(parsed, offset);
  if (!target) return undefined;
  const field = fieldAt(target.path);
  if (!field) return undefined;
  let markdown = describeField(field);
  if (target.part === 'value' && field.enum) {
    const index = field.enum.indexOf(String(target.value));
    const meaning = index >= 0 ? field.markdownEnumDescriptions?.[index] : undefined;
    if (meaning) markdown = `${code(target.value)}: ${meaning}\n\n---\n\n${markdown}`;
  }
  return { markdown, span: target.span };
}
