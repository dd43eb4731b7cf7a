import type { Span } from './findings';
import { branchHeadFields, fieldSides, type LiveSnapshot } from './live';
import type { DeclaredField } from './drift';
import { managedFieldsOf } from './fields';
import { formatMessage, type Locale } from './messages';
import { sourceConfigKeys } from './fields';
import { nodeAt } from './nodeAt';
import type { ParsedConfig } from './parse';
import { fieldAt, type SchemaField } from './schemaModel';
import { markdownCode, markdownText, textLimits } from './untrusted';

/** Hover content (markdown) and the span it describes. */
export interface HoverInfo {
  markdown: string;
  span: Span;
}

function code(value: unknown): string {
  return `\`${typeof value === 'string' ? value : JSON.stringify(value)}\``;
}

// The schema's not-managed sentence (one wording, both languages): left out where the live part already says it.
const schemaNotManaged = /\s*(Not managed for dockerfile or static workloads in v1: Sync ignores (it|them)\.|В v1 не управля[^.]*: синхронизация (его|их) пропускает\.)/;

/** A field's title line: its name in the given language and its path. */
function fieldTitle(field: SchemaField, locale: Locale): string {
  return `**${field.docs[locale].title}** · \`${field.path}\``;
}

/** The schema's docs for one field, as hover markdown, in the given language (without its not-managed sentence, on request). */
export function describeField(field: SchemaField, locale: Locale = 'en', withoutNotManaged = false): string {
  const docs = field.docs[locale];
  const description = withoutNotManaged ? docs.markdownDescription.replace(schemaNotManaged, '') : docs.markdownDescription;
  const parts = [fieldTitle(field, locale), '', description];
  const facts: string[] = [];
  if (field.default !== undefined && field.type !== 'object') facts.push(formatMessage(locale, 'docsDefault', code(field.default)));
  if (field.enum) facts.push(formatMessage(locale, 'docsValues', field.enum.map(code).join(', ')));
  else if (field.examples.length && field.type !== 'object') facts.push(formatMessage(locale, 'docsExamples', field.examples.map(code).join(', ')));
  if (facts.length) parts.push('', facts.join(' · '));
  return parts.join('\n');
}

function shortTime(iso: string): string {
  return iso.replace('T', ' ').replace(/:\d\d(\.\d+)?Z$/, ' UTC');
}

/** A managed field's three sides (the editor, the branch head, live), or undefined. */
function sidesOf(parsed: ParsedConfig, field: string, snapshot: LiveSnapshot, branchDeclared?: Map<string, DeclaredField>): ReturnType<typeof fieldSides>[number] | undefined {
  return fieldSides(parsed, snapshot, branchDeclared ?? branchHeadFields(snapshot)).find((entry) => entry.field === field);
}

/** The live part of a hover: the three sides of a managed field, the status and the last sync; or why Sync ignores it. */
export function describeLive(parsed: ParsedConfig, field: string, snapshot: LiveSnapshot, locale: Locale, branchDeclared?: Map<string, DeclaredField>, sides = sidesOf(parsed, field, snapshot, branchDeclared)): string | undefined {
  if (!(field in sourceConfigKeys) || snapshot.status === 'disabled') return undefined;
  // Everything from the snapshot is outside text: escaped for Markdown, values as code spans it cannot leave.
  const sourceKind = markdownText(snapshot.sourceKind, textLimits.name);
  const header = formatMessage(locale, 'hoverWorkload', markdownText(snapshot.workloadName, textLimits.name), sourceKind, markdownText(snapshot.status, textLimits.name));
  if (!managedFieldsOf(snapshot).includes(field)) return `${header}\n\n${formatMessage(locale, 'hoverNotManaged', sourceKind)}`;
  if (!sides) return undefined;
  const cell = (value: string | undefined, missing: 'hoverNotDeclared' | 'hoverNotSet'): string => (value === undefined || value === '' ? `*${formatMessage(locale, missing)}*` : markdownCode(value, { inTable: true }));
  const branchLabel = snapshot.branchHead
    ? formatMessage(locale, 'hoverBranch', markdownText(snapshot.branch, textLimits.name), markdownText(snapshot.branchHead.commitSha.slice(0, 7)))
    : formatMessage(locale, 'hoverBranchUnknown', markdownText(snapshot.branch, textLimits.name));
  const fetched = markdownText(shortTime(snapshot.fetchedAt), textLimits.name);
  const footer = snapshot.lastSyncAt
    ? formatMessage(locale, 'hoverLastSync', markdownText(shortTime(snapshot.lastSyncAt), textLimits.name), markdownText((snapshot.syncedCommitSha ?? '').slice(0, 7)), fetched)
    : formatMessage(locale, 'hoverNeverSynced', fetched);
  // The sides side by side (two table rows, not four): with the problem and its actions the hover fits VS Code's
  // default height (250 px) without scrolling.
  return [
    header,
    '',
    `| ${formatMessage(locale, 'hoverEditor')} | ${branchLabel} | ${formatMessage(locale, 'hoverLive')} |`,
    '|---|---|---|',
    `| ${cell(sides.editor, 'hoverNotDeclared')} | ${snapshot.branchHead ? cell(sides.branch, 'hoverNotDeclared') : '?'} | ${cell(sides.live, 'hoverNotSet')} |`,
    '',
    footer,
  ].join('\n');
}

/** The schema's docs for the key or value under the cursor (plus the live sides when a snapshot is held), or undefined. */
export function hoverAt(parsed: ParsedConfig, offset: number, locale: Locale = 'en', live?: { snapshot: LiveSnapshot; branchDeclared?: Map<string, DeclaredField> }): HoverInfo | undefined {
  const target = nodeAt(parsed, offset);
  if (!target) return undefined;
  const field = fieldAt(target.path);
  if (!field) return undefined;
  // "Sync ignores it" is said once: by the live part when it says so, else by the schema's docs.
  const liveSaysNotManaged = !!live && live.snapshot.status !== 'disabled' && field.path in sourceConfigKeys && !managedFieldsOf(live.snapshot).includes(field.path);
  // The sides are worked out once, for the live part and for the choice below.
  const sides = live && sidesOf(parsed, field.path, live.snapshot, live.branchDeclared);
  const liveSection = live && describeLive(parsed, field.path, live.snapshot, locale, live.branchDeclared, sides);
  // On a value whose sides differ (a drift problem and its actions are in the same hover), the docs shrink to their
  // title (the key's hover has them whole): the sides, the problem and its actions fit the default hover unscrolled.
  const differs = !!liveSection && !!sides && (sides.editor !== sides.live || (!!live?.snapshot.branchHead && sides.branch !== sides.live));
  let markdown = differs && target.part === 'value' ? fieldTitle(field, locale) : describeField(field, locale, liveSaysNotManaged);
  if (target.part === 'value' && field.enum) {
    const index = field.enum.indexOf(String(target.value));
    const meaning = index >= 0 ? field.docs[locale].markdownEnumDescriptions?.[index] : undefined;
    if (meaning) markdown = `${code(target.value)}: ${meaning}\n\n---\n\n${markdown}`;
  }
  if (liveSection) markdown = `${liveSection}\n\n---\n\n${markdown}`;
  return { markdown, span: target.span };
}
