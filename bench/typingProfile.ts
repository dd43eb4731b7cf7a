// Where a real-typing keystroke's core time goes, in process: yaml's lexer, its parser (lexer + CST), its whole
// parse (+ composer), and our whole lint, each over every text of a script, with the builds that ship.
import { join } from 'node:path';
import { repoRoot } from '../test/support/lspClient';
import type { TypingScript } from './typingScripts';

const { lintText } = require(join(repoRoot, 'dist/core.js')) as typeof import('../core/src/index');
const shippedYaml = require(join(repoRoot, 'node_modules/yaml/browser/index.js')) as typeof import('yaml');

/** Mean µs per keystroke text of each stage, hot (after warm-up, in a loop). */
export interface TypingCoreProfile {
  lexUs: number;
  cstUs: number;
  yamlUs: number;
  lintUs: number;
}

const warmUps = 30;
const passes = 200;

function meanUs(texts: readonly string[], run: (text: string) => unknown): number {
  for (let pass = 0; pass < warmUps; pass++) for (const text of texts) run(text);
  const started = performance.now();
  for (let pass = 0; pass < passes; pass++) for (const text of texts) run(text);
  return ((performance.now() - started) * 1000) / passes / texts.length;
}

/** The four stages over a script's keystroke texts. */
export function profileTypingCore(script: TypingScript): TypingCoreProfile {
  const texts = script.keystrokes;
  const stackTraceLimit = Error.stackTraceLimit;
  // As the core calls yaml: its errors without stack traces.
  Error.stackTraceLimit = 0;
  try {
    return {
      lexUs: meanUs(texts, (text) => {
        for (const _ of new shippedYaml.Lexer().lex(text));
      }),
      cstUs: meanUs(texts, (text) => {
        for (const _ of new shippedYaml.Parser().parse(text));
      }),
      yamlUs: meanUs(texts, (text) => shippedYaml.parseDocument(text, { uniqueKeys: false, keepSourceTokens: false })),
      lintUs: meanUs(texts, (text) => lintText(text)),
    };
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
  }
}
