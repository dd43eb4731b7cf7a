import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { isMap, isScalar, parseDocument, type Document } from 'yaml';
import { benchDocuments } from '../../bench/documents';
import { lintText, validateConfig } from '../../core/src/index';
import { parseConfig, parseOptions } from '../../core/src/parse';
import { parseSimpleMapping } from '../../core/src/simpleMapping';
import { loadDiagnosticFixtures } from '../support/fixtures';
import { repoRoot } from '../support/lspClient';

/** A node as the core reads it: kinds, values, quoting, ranges [0] and [1], flow, anchors. */
function shapeOf(node: unknown): unknown {
  if (node === null || node === undefined) return null;
  if (isMap(node)) {
    return {
      map: node.range?.slice(0, 2),
      flow: node.flow ?? false,
      anchor: node.anchor,
      items: node.items.map((pair) => [shapeOf(pair.key), shapeOf(pair.value)]),
    };
  }
  if (isScalar(node)) {
    // Object.is tells -0 from 0; String(NaN) keeps NaN comparable.
    const value = typeof node.value === 'number' ? `${Object.is(node.value, -0) ? '-0' : String(node.value)}:number` : node.value;
    return { scalar: node.range?.slice(0, 2), value, type: node.type, source: node.source, anchor: node.anchor, minFractionDigits: node.minFractionDigits, format: node.format };
  }
  return { other: String(node) };
}

function documentShape(document: Document.Parsed): unknown {
  return { range: document.range.slice(0, 2), contents: shapeOf(document.contents) };
}

/** A small seeded generator, so every run tries the same texts and a failure is reproducible. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state ^ (state >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    state = (state ^ (state >>> 13)) >>> 0;
    return state / 2 ** 32;
  };
}

// What the mutations insert: YAML's indicators, the values the schema takes, and the shapes this parser declines.
const insertions = [' ', '  ', '\n', '\n\n', '#', ' # note', '# c\n', '  # c\n', ':', ': ', '"', "'", '-', '- ', 'a', 'x: 1\n', '  y:\n', '1', '0', '.', '.5', '~', '\t', '\r\n', '\r', '@', '%', '=', '/', '\\', '[', '{', '&a ', '*a', '!', '|', '>', '?', ',', 'null', 'True', '0x1F', '1e3', '.inf', '---\n', '...\n', 'é', '\uFEFF', '\u00A0', '\u2028', '\u0085', '\u3000', '""', "''"];

function mutate(text: string, next: () => number): string {
  const at = Math.floor(next() * (text.length + 1));
  const choice = next();
  if (choice < 0.55) return text.slice(0, at) + insertions[Math.floor(next() * insertions.length)] + text.slice(at);
  if (choice < 0.8) return text.slice(0, at) + text.slice(at + 1 + Math.floor(next() * 3));
  const lines = text.split('\n');
  const line = Math.floor(next() * lines.length);
  if (choice < 0.9) lines.splice(line, 0, lines[Math.floor(next() * lines.length)]);
  else lines[line] = choice < 0.95 ? ` ${lines[line]}` : lines[line].replace(/^ /, '');
  return lines.join('\n');
}

/** The example workspaces' files, as a user would open them. */
const exampleFiles = ['examples/valid/.tinyforge.yml', 'examples/static-site/.tinyforge.yaml', 'examples/broken/.tinyforge.yml'].map((path) => readFileSync(join(repoRoot, path), 'utf8'));

function seedTexts(): string[] {
  const texts = [...loadDiagnosticFixtures().map((fixture) => fixture.text), ...exampleFiles, ...benchDocuments().flatMap((document) => [document.text, document.typingText])];
  // VS Code on Windows saves CRLF by default.
  return [...texts, ...texts.map((text) => text.replace(/\n/g, '\r\n'))];
}

/** Asserts the simple parser either declines a text or builds exactly what `yaml` builds from it (and `yaml` finds no error). */
function assertAgrees(text: string): boolean {
  const simple = parseSimpleMapping(text, parseOptions);
  if (!simple) return false;
  const reference = parseDocument(text, parseOptions);
  assert.deepEqual([...reference.errors, ...reference.warnings].map((problem) => problem.code), [], `yaml finds problems in a text the simple parser took: ${JSON.stringify(text)}`);
  assert.deepEqual(documentShape(simple), documentShape(reference), `different trees for ${JSON.stringify(text)}`);
  const parsed = parseConfig(text);
  assert.deepEqual(validateConfig({ ...parsed, document: simple }, { locale: 'en' }), validateConfig({ ...parsed, document: reference }, { locale: 'en' }), `different findings for ${JSON.stringify(text)}`);
  return true;
}

describe('the simple-mapping parser builds what yaml builds, or leaves the text to yaml', () => {
  test('the shapes of real files take the fast path: the typical file, comments, the 60 KiB file, the examples', () => {
    for (const document of benchDocuments()) {
      assert.ok(assertAgrees(document.text), `declined the ${document.name} bench document`);
      assert.ok(assertAgrees(document.typingText), `declined the ${document.name} bench document with an empty line`);
      assert.ok(assertAgrees(document.text.replace(/\n/g, '\r\n')), `declined the ${document.name} bench document with CRLF`);
    }
    // The broken example's problems are the schema's (a misspelt key, a string version, a duplicate), not YAML's.
    for (const text of exampleFiles) assert.ok(assertAgrees(text), `declined ${JSON.stringify(text.slice(0, 40))}`);
  });

  test('every diagnostic fixture: the same tree when taken, and the same findings from lintText either way', () => {
    let taken = 0;
    for (const fixture of loadDiagnosticFixtures()) if (assertAgrees(fixture.text)) taken++;
    // Not vacuous: most fixtures are plain mappings.
    assert.ok(taken >= 12, `only ${taken} fixtures took the fast path`);
  });

  test('values resolve as the YAML 1.2 core schema says: numbers, floats with their digits, booleans, nulls, quoted strings', () => {
    const text = ['a: 1', 'b: -0', 'c: +7', 'd: 0.50', 'e: .5', 'f: 3.', 'g: true', 'h: FALSE', 'i: ~', 'j: Null', 'k:', 'l: "8080"', "m: 'x y'", 'n: x y  z  ', 'o: /healthz', 'null: 1', 'True: 2', 'q: ~x', 'r: "a # b"  # c', ''].join('\n');
    assert.ok(assertAgrees(text));
  });

  test('comments where real files have them: above a key at its indent, after a value, at the top and the end', () => {
    for (const text of ['# top\n\nversion: 1 # one\ndeploy:\n  # above port\n  port: 8080  # web\n\n  # above\n  healthcheck: /h\n# end\n', 'a:\n  b:\n    c: 1\n# out\nd: 2', 'a:  # the parent\n  b: 1\n']) {
      assert.ok(assertAgrees(text), JSON.stringify(text));
    }
  });

  test('forms left to yaml are declined: tabs, lone CRs, flow, anchors, block scalars, escapes, hex, exponents, .inf, documents, lists, keys over 1024 characters', () => {
    for (const text of ['a:\t1\n', 'a: 1\rb: 2', 'a: 1\r', 'a: "x\ry"\r\n', '# a\rb: 1\r\nc: 2\r\n', 'a: {b: 1}\n', 'a: &x 1\nb: *x\n', 'a: |\n  x\n', 'a: "\\n"\n', "a: 'it''s'\n", 'a: 0x1F\n', 'a: 1e3\n', 'a: 1.2.3\n', 'a: .inf\n', '---\na: 1\n', 'a:\n  - 1\n', 'a:\n  b: 1\n  # indented, last\n', `${'k'.repeat(1025)}: 1\n`, `a:\n${'k'.repeat(1024)}: 1\n`, `a:\n  b:\n${'\n'.repeat(1023)}c: 1\n`, `a:\n  b:\n${' '.repeat(1022)}\nc: 1\n`, '  a: 1\n', 'a: b: c\n', 'a: 1\n  b: 2\n', '', '# only a comment\n']) {
      assert.equal(parseSimpleMapping(text, parseOptions), undefined, JSON.stringify(text));
    }
  });

  test('20,000 mutated texts: every one it takes gives yaml\'s tree, and parseConfig the same findings as without the fast path', (t) => {
    const seeds = seedTexts();
    const next = random(20261202);
    let taken = 0;
    let tried = 0;
    for (let round = 0; round < 20_000; round++) {
      let text = seeds[round % seeds.length];
      const edits = 1 + Math.floor(next() * 3);
      for (let edit = 0; edit < edits; edit++) text = mutate(text, next);
      tried++;
      if (assertAgrees(text)) taken++;
    }
    // Mutations break many texts; enough must still take the fast path for this to test it.
    t.diagnostic(`${taken} of ${tried} mutated texts took the fast path`);
    assert.ok(taken > tried * 0.1, `only ${taken} of ${tried} mutated texts took the fast path`);
  });

  test('parseConfig takes the fast path only for a clean text: a forbidden character still comes first', () => {
    // In a comment, which the simple parser skips: only the check before it can find the character.
    const text = 'version: 1\n# a bell \u0007 here\ndeploy:\n  port: 80\n';
    assert.ok(parseSimpleMapping(text, parseOptions), 'the simple parser takes the text on its own');
    assert.deepEqual(parseConfig(text).syntaxProblem?.span, { start: text.indexOf('\u0007'), end: text.indexOf('\u0007') + 1 });
    assert.deepEqual(lintText('version: 1\ndeploy:\n  port: 8080\n').findings, []);
  });
});
