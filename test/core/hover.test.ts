import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { hoverAt, parseConfig } from '../../core/src/index';
import { repoRoot } from '../support/lspClient';

const schema = JSON.parse(readFileSync(join(repoRoot, 'schemas/tinyforge.v1.schema.json'), 'utf8'));

function hover(marked: string, locale: 'en' | 'ru' = 'en') {
  const offset = marked.indexOf('|');
  const text = marked.slice(0, offset) + marked.slice(offset + 1);
  const info = hoverAt(parseConfig(text), offset, locale);
  return info && { ...info, covered: text.slice(info.span.start, info.span.end) };
}

describe('hover', () => {
  test('a key shows the schema file\'s title and markdownDescription, over the key', () => {
    const info = hover('version: 1\ndeploy:\n  po|rt: 8080\n');
    assert.ok(info);
    assert.equal(info.covered, 'port');
    assert.ok(info.markdown.includes(schema.properties.deploy.properties.port.title));
    assert.ok(info.markdown.includes(schema.properties.deploy.properties.port.markdownDescription));
    assert.match(info.markdown, /Default: `8080`/);
  });

  test('an enum value explains that value first', () => {
    const info = hover('version: 1\ndeploy:\n  deploy_strategy: blue_gr|een\n');
    assert.ok(info);
    assert.equal(info.covered, 'blue_green');
    assert.ok(info.markdown.startsWith(`\`blue_green\`: ${schema.properties.deploy.properties.deploy_strategy.markdownEnumDescriptions[1]}`));
  });

  test('in Russian: the schema file\'s x-translations.ru, and the facts line in Russian', () => {
    const port = schema.properties.deploy.properties.port;
    const info = hover('version: 1\ndeploy:\n  po|rt: 8080\n', 'ru');
    assert.ok(info);
    assert.ok(info.markdown.includes(`**${port['x-translations'].ru.title}**`), info.markdown);
    assert.ok(info.markdown.includes(port['x-translations'].ru.markdownDescription));
    assert.match(info.markdown, /По умолчанию: `8080` · Примеры: `8080`, `3000`/);
    assert.doesNotMatch(info.markdown, /The port|Default/);
    const strategy = schema.properties.deploy.properties.deploy_strategy;
    assert.ok(hover('version: 1\ndeploy:\n  deploy_strategy: blue_gr|een\n', 'ru')?.markdown.startsWith(`\`blue_green\`: ${strategy['x-translations'].ru.markdownEnumDescriptions[1]}`));
  });

  test('nested keys and version have docs', () => {
    assert.match(hover('version: 1\ndeploy:\n  resources:\n    memory_li|mit: 512\n')?.markdown ?? '', /MiB/);
    assert.match(hover('vers|ion: 1\n')?.markdown ?? '', /only the integer `1`/);
  });

  test('nothing for unknown keys, comments and blank space', () => {
    assert.equal(hover('version: 1\npr|ot: 1\n'), undefined);
    assert.equal(hover('# a com|ment\nversion: 1\n'), undefined);
    assert.equal(hover('version: 1\n|\n'), undefined);
  });
});

describe('hover: "Sync ignores it" once', () => {
  test('without live data the schema says it; with a snapshot the live part says it and the schema\'s sentence goes, in both languages', async () => {
    const { shopApiSnapshot } = await import('../support/snapshots');
    const text = 'version: 1\ndeploy:\n  max_instances: 2\n';
    const offset = text.indexOf('max_instances') + 2;
    for (const [locale, phrase] of [['en', /Sync ignores/g], ['ru', /синхронизация (его|их) пропускает/g]] as const) {
      const offline = hoverAt(parseConfig(text), offset, locale)!.markdown;
      assert.equal(offline.match(phrase)?.length, 1, `${locale} offline: ${offline}`);
      const linked = hoverAt(parseConfig(text), offset, locale, { snapshot: shopApiSnapshot() })!.markdown;
      assert.equal(linked.match(phrase)?.length, 1, `${locale} linked: ${linked}`);
    }
  });
});

describe('hover: the three sides fit the default hover', () => {
  test('on a drifted value: the sides in one row of a three-column table and the docs\' title only; on its key, the docs whole', async () => {
    const { shopApiSnapshot } = await import('../support/snapshots');
    const text = 'version: 1\ndeploy:\n  port: 8080\n';
    const snapshot = shopApiSnapshot({ liveConfig: { port: 3000 } });
    const onValue = hoverAt(parseConfig(text), text.indexOf('8080') + 1, 'en', { snapshot })!.markdown;
    assert.match(onValue, /\| Editor \| Branch main @ [0-9a-f]{7} \| Live \|\n\|---\|---\|---\|\n\| `8080` \| `\d+` \| `3000` \|/);
    assert.match(onValue, /\*\*Container port\*\* · `deploy\.port`/);
    assert.doesNotMatch(onValue, /The port the container listens on/);
    // A hover line is ~22 px in VS Code, a table row ~25: header, 2 table rows, footer, title and rules stay under 12 lines.
    assert.ok(onValue.split('\n').length <= 12, `${onValue.split('\n').length} lines:\n${onValue}`);
    const onKey = hoverAt(parseConfig(text), text.indexOf('port') + 1, 'en', { snapshot })!.markdown;
    assert.match(onKey, /The port the container listens on/);
  });
});

describe('hover: a value that matches live keeps its docs whole', () => {
  test('the same three sides, all equal: no problem in the hover, so the docs are not cut to their title', async () => {
    const { shopApiSnapshot } = await import('../support/snapshots');
    const text = 'version: 1\ndeploy:\n  port: 8080\n';
    const snapshot = shopApiSnapshot({ liveConfig: { port: 8080 } });
    const onValue = hoverAt(parseConfig(text), text.indexOf('8080') + 1, 'en', { snapshot })!.markdown;
    assert.match(onValue, /\| `8080` \| `8080` \| `8080` \|/);
    assert.match(onValue, /The port the container listens on/);
  });
});
