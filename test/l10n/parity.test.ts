import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { repoRoot } from '../support/lspClient';

const readJson = (relative: string) => JSON.parse(readFileSync(join(repoRoot, relative), 'utf8'));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );
}

describe('English and Russian stay at parity', () => {
  test('package.nls.json and package.nls.ru.json have the same keys, none empty', () => {
    const english = readJson('package.nls.json');
    const russian = readJson('package.nls.ru.json');
    assert.deepEqual(Object.keys(russian).sort(), Object.keys(english).sort());
    for (const [key, value] of Object.entries(russian)) assert.ok(String(value).trim(), `${key} is empty`);
  });

  test('every %key% of the manifest is translated', () => {
    const manifest = readFileSync(join(repoRoot, 'package.json'), 'utf8');
    const english = readJson('package.nls.json');
    const keys = [...manifest.matchAll(/"%([^%"]+)%"/g)].map((match) => match[1]);
    assert.ok(keys.length >= 6);
    assert.deepEqual(keys.filter((key) => !(key in english)), []);
  });

  test('every vscode.l10n.t string of the client has a Russian translation, and no stale ones remain', () => {
    const used = new Set<string>();
    const unquote = (text: string): string => text.replace(/\\'/g, "'");
    for (const file of sourceFiles(join(repoRoot, 'client/src'))) {
      const source = readFileSync(file, 'utf8');
      for (const match of source.matchAll(/l10n\.t\(\s*'((?:[^'\\]|\\.)*)'/g)) used.add(unquote(match[1]));
      // A count's message (client/src/l10n/plural.ts): Russian needs its one, few, many (and fractional other) forms.
      for (const match of source.matchAll(/plural\([^,]+, \{ one: '((?:[^'\\]|\\.)*)', other: '((?:[^'\\]|\\.)*)' \}/g)) {
        used.add(`${unquote(match[1])}/plural:one`);
        for (const category of ['few', 'many', 'other']) used.add(`${unquote(match[2])}/plural:${category}`);
      }
    }
    assert.ok([...used].some((key) => key.endsWith('/plural:many')), 'no plural() call found');
    assert.deepEqual([...used].filter((key) => /\(s\)/.test(key)), [], 'a count written as "(s)": use plural()');
    const russian = readJson('l10n/bundle.l10n.ru.json');
    assert.ok(used.size >= 3, 'no l10n.t calls found');
    assert.deepEqual([...used].filter((text) => !(text in russian)), [], 'missing in Russian');
    assert.deepEqual(Object.keys(russian).filter((text) => !used.has(text)), [], 'translated but unused');
    const placeholders = (text: string) => [...new Set(text.match(/\{\d+\}/g) ?? [])].sort();
    assert.deepEqual(Object.entries(russian).filter(([english, translated]) => placeholders(english).join() !== placeholders(String(translated)).join()).map(([english]) => english), [], 'placeholders differ');
  });

  test("the standalone server's live-data messages: the same keys and placeholders in Russian, none empty", async () => {
    const { liveMessageCatalogs } = await import('../../server/src/live/messages');
    const placeholders = (text: string) => [...new Set(text.match(/\{\d+\}/g) ?? [])].sort().join();
    assert.deepEqual(Object.keys(liveMessageCatalogs.ru).sort(), Object.keys(liveMessageCatalogs.en).sort());
    for (const [id, english] of Object.entries(liveMessageCatalogs.en)) {
      const russian = liveMessageCatalogs.ru[id as keyof typeof liveMessageCatalogs.en];
      assert.ok(russian.trim() && russian !== english, id);
      assert.equal(placeholders(russian), placeholders(english), id);
    }
  });

  test('every documented node of the schema has its Russian docs in x-translations.ru: the same texts, none empty, one per enum value', () => {
    const documented = ['title', 'description', 'markdownDescription', 'enumDescriptions', 'markdownEnumDescriptions'];
    const problems: string[] = [];
    const visit = (node: Record<string, unknown>, path: string): void => {
      const english = documented.filter((key) => key in node);
      const russian = ((node['x-translations'] as Record<string, Record<string, unknown>> | undefined)?.ru ?? {}) as Record<string, unknown>;
      if (JSON.stringify(Object.keys(russian).sort()) !== JSON.stringify([...english].sort())) problems.push(`${path || '(root)'}: ${Object.keys(russian).join(', ') || 'no ru'} ≠ ${english.join(', ')}`);
      for (const key of english) {
        const [en, ru] = [node[key], russian[key]];
        if (Array.isArray(en) ? !Array.isArray(ru) || ru.length !== en.length || ru.some((text) => !String(text).trim()) : !String(ru ?? '').trim()) problems.push(`${path || '(root)'}.${key}`);
      }
      for (const [key, child] of Object.entries((node.properties ?? {}) as Record<string, Record<string, unknown>>)) visit(child, path ? `${path}.${key}` : key);
    };
    visit(readJson('schemas/tinyforge.v1.schema.json'), '');
    assert.deepEqual(problems, []);
  });
});
