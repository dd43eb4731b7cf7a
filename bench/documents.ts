import { utf8ByteLength, maxFileBytes } from '../core/src/index';

/** A position in a document, as LSP counts it (zero-based line, UTF-16 character). */
export interface BenchPosition {
  line: number;
  character: number;
}

/** One benchmark document: the text every subject sees, a slightly different twin to alternate with, and where to ask for completion and hover. */
export interface BenchDocument {
  /** Short name used in URIs and the report. */
  name: string;
  /** One-line description for the report. */
  label: string;
  text: string;
  /** The same text with `8080` changed to `8081`, so a change really changes content. */
  twin: string;
  /** Whether the core should find no problem in it (checked before timing). */
  valid: boolean;
  /** The text completion and hover run on: `text` with an empty indented line inserted as the first child of `deploy:`. */
  typingText: string;
  /** In `typingText`: the start of the empty indented line inside `deploy:` (key completion). */
  completeKeyAt: BenchPosition;
  /** In `typingText`: just after `deploy_strategy: ` (value completion). */
  completeValueAt: BenchPosition;
  /** In `typingText`: on the key hover is asked about. */
  hoverAt: BenchPosition;
  /** The key `hoverAt` points into. */
  hoverKey: string;
}

const typicalLines = [
  'version: 1',
  'deploy:',
  '  port: 8080',
  '  healthcheck: /healthz',
  '  deploy_strategy: recreate',
  '  resources:',
  '    cpu_limit: 0.5',
  '    memory_limit: 512',
];

const invalidLines = [
  'version: "1"',
  'deploy:',
  '  prot: 8080',
  '  healthcheck: ""',
  '  deploy_strategy: Recreate',
  '  max_instances: 2',
  '  max_instances: 3',
];

/** The typical lines with `perGap` comment lines before each of them (indented like the line they precede). */
function withComments(perGap: number, commentText: (gap: number, index: number) => string): string[] {
  const lines: string[] = [];
  typicalLines.forEach((line, gap) => {
    const indent = line.length - line.trimStart().length;
    for (let index = 0; index < perGap; index++) lines.push(`${' '.repeat(indent)}# ${commentText(gap, index)}`);
    lines.push(line);
  });
  return lines;
}

function lineAndColumn(lines: readonly string[], needle: string): BenchPosition {
  const line = lines.findIndex((candidate) => candidate.includes(needle));
  if (line < 0) throw new Error(`bench document has no line containing ${JSON.stringify(needle)}`);
  return { line, character: lines[line].indexOf(needle) };
}

function makeDocument(name: string, label: string, lines: string[], valid: boolean, hoverKey: string): BenchDocument {
  const text = `${lines.join('\n')}\n`;
  if (utf8ByteLength(text) >= maxFileBytes) throw new Error(`bench document ${name} is ${utf8ByteLength(text)} bytes, over the ${maxFileBytes}-byte limit`);
  const deployLine = lines.indexOf('deploy:');
  const typingLines = [...lines.slice(0, deployLine + 1), '  ', ...lines.slice(deployLine + 1)];
  const valueAt = lineAndColumn(typingLines, 'deploy_strategy: ');
  const hover = lineAndColumn(typingLines, `${hoverKey}:`);
  return {
    name,
    label,
    text,
    twin: text.replace('8080', '8081'),
    valid,
    typingText: `${typingLines.join('\n')}\n`,
    completeKeyAt: { line: deployLine + 1, character: 2 },
    completeValueAt: { line: valueAt.line, character: valueAt.character + 'deploy_strategy: '.length },
    hoverAt: { line: hover.line, character: hover.character + 1 },
    hoverKey,
  };
}

const filler = 'Tinyforge reads this field from the repository; an admin applies changes with an explicit Sync.';

/** The four documents of the benchmark, generated so their sizes are exact and checked. */
export function benchDocuments(): BenchDocument[] {
  const commented = withComments(24, (gap, index) => `Note ${gap}.${index}: ${filler}`);
  // ~61,000 bytes: 8 gaps of 73 comment lines of ~105 bytes each, plus the fields; under the 64 KiB limit.
  const large = withComments(73, (gap, index) => `${String(gap * 100 + index).padStart(4, '0')} ${filler}`);
  const largeBytes = utf8ByteLength(`${large.join('\n')}\n`);
  return [
    makeDocument('typical', 'typical, 8 lines', typicalLines, true, 'port'),
    makeDocument('commented', `mostly comments, ${commented.length} lines`, commented, true, 'port'),
    makeDocument('large', `large, ${large.length} lines, ${largeBytes.toLocaleString('en')} bytes`, large, true, 'port'),
    makeDocument('invalid', 'invalid, 5 problems', invalidLines, false, 'healthcheck'),
  ];
}
