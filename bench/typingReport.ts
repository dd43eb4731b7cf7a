// The real-typing part of the report: its goals and its table.
import type { Budget } from './budget';
import { personGapMs, type TypingFigures, type TypingPair } from './typingBench';

const ratio = (pair: TypingPair, key: 'p50' | 'p99'): number => pair.ours[key] / pair.floor[key];
const ms = (value: number): string => (value >= 100 ? value.toFixed(0) : value.toPrecision(3));

/** Per script and pace: p50 ≤ 2× and p99 ≤ 2.5× the floor's. */
export function typingBudgets(figures: readonly TypingFigures[]): Budget[] {
  return figures.flatMap((script) =>
    ([['back to back', script.backToBack], [`${personGapMs} ms between keys`, script.paced]] as const).map(([pace, pair]) => ({
      what: `real typing: ${script.label}, ${pace} (p50, p99)`,
      limit: "p50 ≤ 2×, p99 ≤ 2.5× the floor's",
      measured: `${ratio(pair, 'p50').toFixed(2)}×, ${ratio(pair, 'p99').toFixed(2)}× (p50 ${ms(pair.ours.p50)} against ${ms(pair.floor.p50)} ms)`,
      pass: ratio(pair, 'p50') <= 2 && ratio(pair, 'p99') <= 2.5,
    })),
  );
}

/** The table of every script, both paces. */
export function typingSection(figures: readonly TypingFigures[]): string[] {
  const row = (script: TypingFigures, pace: string, pair: TypingPair): string =>
    `| ${script.label} | ${pace} | ${pair.ours.count} | ${ms(pair.ours.p50)} | ${ms(pair.ours.p99)} | ${ms(pair.floor.p50)} | ${ms(pair.floor.p99)} | ${ratio(pair, 'p50').toFixed(2)}× | ${ratio(pair, 'p99').toFixed(2)}× |`;
  return [
    '### Real typing: keystroke → diagnostics over stdio, every intermediate text, ms',
    '',
    'A key and its value typed a character at a time (Enter with its indentation is one keystroke), then deleted with Backspace; each text is sent as a `didChange` and its diagnostics pulled, as VS Code does. ' +
      figures.map((script) => `${script.label}: ${script.keystrokes} keystrokes, ${script.invalidTexts} of whose texts have a problem`).join('; ') +
      '.',
    '',
    '| Script | pace | ours: n | ours p50 | ours p99 | floor p50 | floor p99 | ours / floor p50 | ours / floor p99 |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|',
    ...figures.flatMap((script) => [row(script, 'back to back', script.backToBack), row(script, `${personGapMs} ms between keys`, script.paced)]),
    '',
    'Where the core\'s time goes on the same texts, in process and hot (mean µs per keystroke, the builds that ship): yaml\'s lexer alone, its parser (lexer + concrete syntax tree), its whole parse (+ composer, what the core calls for any text the simple-mapping fast path declines), and our whole `lintText`. ' +
      'The floor does none of it: its answer is the transport alone, so the back-to-back ratio is roughly 1 + (our in-server work ÷ the floor\'s round trip).',
    '',
    '| Script | yaml lexer | yaml parser (CST) | yaml parse | our lintText | yaml parse ÷ lintText |',
    '|---|---:|---:|---:|---:|---:|',
    ...figures.map(({ label, core }) => `| ${label} | ${ms(core.lexUs)} | ${ms(core.cstUs)} | ${ms(core.yamlUs)} | ${ms(core.lintUs)} | ${((core.yamlUs / core.lintUs) * 100).toFixed(0)}% |`),
    '',
  ];
}
