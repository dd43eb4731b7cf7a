import { cursorContext } from './cursorContext';
import type { Span } from './findings';
import { formatMessage, type Locale } from './messages';
import { fieldAt, leafFields, type SchemaField } from './schemaModel';

/** One completion proposal; `insertText` is an LSP snippet when `snippet` is true. */
export interface CompletionProposal {
  label: string;
  kind: 'property' | 'value' | 'snippet';
  detail: string;
  documentation: string;
  insertText: string;
  snippet: boolean;
  replace: Span;
  sortText: string;
}

function escapeSnippet(value: string): string {
  return value.replace(/[\\$}]/g, (ch) => `\\${ch}`);
}

/** The text an LSP snippet leaves when its placeholders keep their defaults (first choice) and the cursor stops are dropped. */
export function snippetAsPlainText(snippet: string): string {
  return snippet
    .replace(/\$\{\d+\|((?:[^|,\\]|\\.)*)[^}]*\}/g, '$1')
    .replace(/\$\{\d+:((?:[^}\\]|\\.)*)\}/g, '$1')
    .replace(/\$\d+/g, '')
    .replace(/\\([\\$}])/g, '$1');
}

/**
 * What a client without snippet support inserts: one line, never a line break (ALE and others insert text as it
 * comes, a newline as NUL): the snippet's first line as plain text, `resources:` for a mapping, `port: 8080` for a leaf.
 */
export function oneLinePlainText(snippet: string): string {
  return snippetAsPlainText(snippet).split(/\r?\n/)[0].trimEnd();
}

function fieldDocs(field: SchemaField, locale: Locale): string {
  const lines = [field.docs[locale].markdownDescription];
  if (field.default !== undefined && field.type !== 'object') lines.push('', formatMessage(locale, 'docsDefault', `\`${JSON.stringify(field.default)}\``));
  return lines.join('\n');
}

function valueDetail(field: SchemaField, value: unknown, locale: Locale): string {
  const title = field.docs[locale].title;
  return value === field.default ? formatMessage(locale, 'docsDefaultValue', title) : title;
}

function keyInsertText(field: SchemaField, indent: number, hasColon: boolean, flow: boolean): string {
  if (hasColon) return field.key;
  const childIndent = ' '.repeat(indent + 2);
  if (field.type === 'object') return flow ? `${field.key}: { $0 }` : `${field.key}:\n${childIndent}$0`;
  if (field.enum) return `${field.key}: \${1|${field.enum.join(',')}|}`;
  if (field.type === 'const') return `${field.key}: ${String(field.constValue)}`;
  if (field.default !== undefined) return `${field.key}: \${1:${escapeSnippet(String(field.default))}}`;
  return `${field.key}: `;
}

/** The `deploy:` block snippet, indented to where it is inserted. */
function deployBlockSnippet(indent: number): string {
  const pad = ' '.repeat(indent + 2);
  return [
    'deploy:',
    `${pad}port: \${1:8080}`,
    `${pad}healthcheck: \${2:/healthz}`,
    `${pad}deploy_strategy: \${3|recreate,blue_green|}`,
  ].join('\n');
}

/** What the workload's live data says Sync manages, when the file is linked: keys it ignores are offered last, marked. */
export interface CompletionLive {
  managedFields: readonly string[];
  sourceKind: string;
}

/** Whether Sync manages a field: a leaf in the list, or a mapping with such a leaf under it. */
function managedIn(field: SchemaField, managed: readonly string[]): boolean {
  return field.type === 'object' ? leafFields(field).some((leaf) => managed.includes(leaf.path)) : managed.includes(field.path);
}

function keyProposals(parent: SchemaField, present: Set<string>, indent: number, hasColon: boolean, flow: boolean, separator: string, replace: Span, locale: Locale, live?: CompletionLive): CompletionProposal[] {
  return parent.children
    .filter((field) => !present.has(field.key))
    .map((field, index) => {
      const ignored = live !== undefined && !managedIn(field, live.managedFields);
      return {
        label: field.key,
        kind: 'property' as const,
        // One wording for not-managed: the finding's, the hover's and this one say "Sync ignores it".
        detail: ignored ? formatMessage(locale, 'hoverNotManaged', live!.sourceKind) : field.docs[locale].title,
        documentation: fieldDocs(field, locale),
        insertText: keyInsertText(field, indent, hasColon, flow) + separator,
        snippet: !hasColon,
        replace,
        sortText: `${ignored ? 9 : 0}${String(index).padStart(2, '0')}`,
      };
    });
}

function valueProposals(field: SchemaField, replace: Span, locale: Locale): CompletionProposal[] {
  if (field.type === 'const') {
    return [{ label: String(field.constValue), kind: 'value', detail: field.docs[locale].title, documentation: fieldDocs(field, locale), insertText: String(field.constValue), snippet: false, replace, sortText: '0' }];
  }
  if (field.enum) {
    return field.enum.map((value, index) => ({
      label: value,
      kind: 'value' as const,
      detail: valueDetail(field, value, locale),
      documentation: field.docs[locale].markdownEnumDescriptions?.[index] ?? '',
      insertText: value,
      snippet: false,
      replace,
      sortText: String(index),
    }));
  }
  if (field.type === 'object') return [];
  return field.examples.map((example, index) => ({
    label: String(example),
    kind: 'value' as const,
    detail: valueDetail(field, example, locale),
    documentation: fieldDocs(field, locale),
    insertText: String(example),
    snippet: false,
    replace,
    sortText: String(index),
  }));
}

/**
 * Completion proposals at an offset: keys valid at the cursor's level (never one already present), enum and `version`
 * values, snippets. With the workload's live data, the keys Sync ignores for its source come last, saying so.
 */
export function completeAt(text: string, offset: number, locale: Locale = 'en', live?: CompletionLive): CompletionProposal[] {
  const context = cursorContext(text, offset);
  if (context.kind === 'none') return [];
  if (context.kind === 'value') {
    const field = fieldAt(context.path);
    const proposals = field ? valueProposals(field, context.replace, locale) : [];
    // Right after the colon (`port:|`) a value needs its space, or YAML reads `port:8080` as one plain scalar.
    if (text[context.replace.start - 1] !== ':') return proposals;
    return proposals.map((proposal) => ({ ...proposal, insertText: ` ${proposal.insertText}` }));
  }
  const parent = fieldAt(context.parentPath);
  if (!parent || parent.type !== 'object') return [];
  const present = new Set(context.presentKeys);
  const proposals = keyProposals(parent, present, context.indent, context.hasColon, context.flow, context.entryFollows ? ', ' : '', context.replace, locale, live);
  // The block snippets span lines: they fit neither before an existing colon nor inside `{ … }`.
  if (context.hasColon || context.flow) return proposals;
  if (context.parentPath.length === 0 && !present.has('deploy')) {
    proposals.push({
      label: formatMessage(locale, 'snippetDeployBlock'),
      kind: 'snippet',
      detail: 'deploy: port, healthcheck, deploy_strategy',
      documentation: fieldAt(['deploy'])?.docs[locale].markdownDescription ?? '',
      insertText: deployBlockSnippet(context.indent),
      snippet: true,
      replace: context.replace,
      sortText: '1',
    });
  }
  if (context.emptyFile) {
    proposals.unshift({
      label: formatMessage(locale, 'snippetWholeFile'),
      kind: 'snippet',
      detail: formatMessage(locale, 'snippetWholeFileDetail'),
      documentation: formatMessage(locale, 'snippetWholeFileDocs'),
      insertText: `version: 1\n${deployBlockSnippet(0)}\n`,
      snippet: true,
      replace: context.replace,
      sortText: '00',
    });
  }
  return proposals;
}
