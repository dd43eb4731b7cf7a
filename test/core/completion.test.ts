import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { applyEdits, completeAt, fieldAt, lintText, snippetAsPlainText, type CompletionProposal } from '../../core/src/index';

/** Completes at the `|` in a text. */
function complete(marked: string): { text: string; offset: number; items: CompletionProposal[] } {
  const offset = marked.indexOf('|');
  const text = marked.slice(0, offset) + marked.slice(offset + 1);
  return { text, offset, items: completeAt(text, offset) };
}

function labels(marked: string): string[] {
  return complete(marked).items.map((item) => item.label);
}

function accept(marked: string, label: string): string {
  const { text, items } = complete(marked);
  const item = items.find((candidate) => candidate.label === label);
  assert.ok(item, `no proposal ${label}`);
  return applyEdits(text, [{ span: item.replace, newText: item.snippet ? snippetAsPlainText(item.insertText) : item.insertText }]);
}

describe('completion for a linked file: the keys Sync ignores for its source come last, saying so', () => {
  const dockerfile = { managedFields: ['deploy.port', 'deploy.healthcheck', 'deploy.deploy_strategy'], sourceKind: 'dockerfile' };

  test('dockerfile: port, healthcheck and deploy_strategy first; resources and max_instances last, "Sync ignores it"', () => {
    const text = 'version: 1\ndeploy:\n  \n';
    const items = completeAt(text, text.indexOf('  \n') + 2, 'en', dockerfile);
    const ordered = [...items].sort((a, b) => a.sortText.localeCompare(b.sortText));
    assert.deepEqual(ordered.map((item) => item.label), ['port', 'healthcheck', 'deploy_strategy', 'resources', 'max_instances']);
    const detail = Object.fromEntries(items.map((item) => [item.label, item.detail]));
    assert.equal(detail.max_instances, 'Not managed for dockerfile workloads: Sync ignores it.');
    assert.equal(detail.resources, 'Not managed for dockerfile workloads: Sync ignores it.');
    assert.equal(detail.port, 'Container port');
  });

  test('static manages deploy_strategy only; without live data nothing is marked', () => {
    const text = 'version: 1\ndeploy:\n  \n';
    const offset = text.indexOf('  \n') + 2;
    const marked = completeAt(text, offset, 'en', { managedFields: ['deploy.deploy_strategy'], sourceKind: 'static' }).filter((item) => item.sortText.startsWith('9'));
    assert.deepEqual(marked.map((item) => item.label), ['port', 'healthcheck', 'resources', 'max_instances']);
    assert.ok(completeAt(text, offset).every((item) => item.sortText.startsWith('0')));
  });
});

describe('completion', () => {
  test('an empty file offers a whole-file snippet and the top-level keys', () => {
    assert.deepEqual(labels('|'), ['Tinyforge file (version 1)', 'version', 'deploy', 'deploy block']);
    assert.deepEqual(lintText(accept('|', 'Tinyforge file (version 1)')).findings, []);
  });

  test('top level: only keys not already present', () => {
    assert.deepEqual(labels('version: 1\n|'), ['deploy', 'deploy block']);
    assert.deepEqual(labels('|\ndeploy:\n  port: 1\n'), ['version']);
  });

  test('inside deploy: the deploy keys, minus those present above or below the cursor', () => {
    assert.deepEqual(labels('version: 1\ndeploy:\n  |\n'), ['port', 'healthcheck', 'deploy_strategy', 'resources', 'max_instances']);
    assert.deepEqual(labels('version: 1\ndeploy:\n  port: 1\n  |\n  max_instances: 2\n'), ['healthcheck', 'deploy_strategy', 'resources']);
  });

  test('a file with Windows line endings completes as one with \\n: the same keys, values and edits', () => {
    assert.deepEqual(labels('version: 1\r\ndeploy:\r\n  port: 1\r\n  |\r\n  max_instances: 2\r\n'), ['healthcheck', 'deploy_strategy', 'resources']);
    assert.equal(accept('version: 1\r\ndeploy:\r\n  deploy_strategy: r|\r\n', 'recreate'), 'version: 1\r\ndeploy:\r\n  deploy_strategy: recreate\r\n');
    assert.deepEqual(labels('# only a comment\r\n|'), ['Tinyforge file (version 1)', 'version', 'deploy', 'deploy block']);
  });

  test('inside resources: the resource keys', () => {
    assert.deepEqual(labels('version: 1\ndeploy:\n  resources:\n    |\n'), ['cpu_limit', 'memory_limit']);
  });

  test('a partly typed key is replaced whole', () => {
    const { text, items } = complete('version: 1\ndeploy:\n  he|\n');
    const item = items.find((candidate) => candidate.label === 'healthcheck')!;
    assert.equal(text.slice(item.replace.start, item.replace.end), 'he');
    assert.equal(lintText(accept('version: 1\ndeploy:\n  he|\n', 'healthcheck')).findings.length, 0);
  });

  test('before an existing colon only the key name is inserted', () => {
    const result = accept('version: 1\ndeploy:\n  pr|t: 8080\n', 'port');
    assert.equal(result, 'version: 1\ndeploy:\n  port: 8080\n');
  });

  test('values: the enum of deploy_strategy with its docs, and 1 for version', () => {
    const { items } = complete('version: 1\ndeploy:\n  deploy_strategy: |\n');
    assert.deepEqual(items.map((item) => item.label), ['recreate', 'blue_green']);
    assert.match(items[1].documentation, /switch traffic/);
    assert.deepEqual(labels('version: |\n'), ['1']);
    assert.equal(accept('version: 1\ndeploy:\n  deploy_strategy: bl|\n', 'blue_green'), 'version: 1\ndeploy:\n  deploy_strategy: blue_green\n');
  });

  test('a value completed right after the colon gets its space, so the file stays valid', () => {
    assert.equal(accept('version:|', '1'), 'version: 1');
    assert.equal(accept('version: 1\ndeploy:\n  deploy_strategy:|\n', 'recreate'), 'version: 1\ndeploy:\n  deploy_strategy: recreate\n');
    assert.deepEqual(lintText(accept('version:|\ndeploy: {}\n', '1')).findings, []);
  });

  test('inside a quoted value only the text between the quotes is replaced', () => {
    assert.equal(accept('version: 1\ndeploy:\n  deploy_strategy: "blu|"\n', 'blue_green'), 'version: 1\ndeploy:\n  deploy_strategy: "blue_green"\n');
    assert.equal(accept("version: 1\ndeploy:\n  deploy_strategy: 're|\n", 'recreate'), "version: 1\ndeploy:\n  deploy_strategy: 'recreate\n");
  });

  test('snippets as plain text (for clients without snippet support) leave what accepting every default leaves', () => {
    assert.equal(snippetAsPlainText('deploy:\n  port: ${1:8080}\n  deploy_strategy: ${3|recreate,blue_green|}$0'), 'deploy:\n  port: 8080\n  deploy_strategy: recreate');
    assert.equal(snippetAsPlainText('healthcheck: ${1:/a\\}b}'), 'healthcheck: /a}b');
  });

  test('in Russian: titles, docs and snippet labels from the schema\'s x-translations.ru and the core catalog', () => {
    const offset = 'version: 1\ndeploy:\n  '.length;
    const items = completeAt('version: 1\ndeploy:\n  \n', offset, 'ru');
    const port = items.find((item) => item.label === 'port');
    assert.ok(port);
    assert.equal(port.detail, fieldAt(['deploy', 'port'])!.docs.ru.title);
    assert.equal(port.detail, 'Порт контейнера');
    assert.match(port.documentation, /^Порт, который слушает контейнер[\s\S]*По умолчанию: `8080`$/);
    const strategy = completeAt('version: 1\ndeploy:\n  deploy_strategy: \n', 'version: 1\ndeploy:\n  deploy_strategy: '.length, 'ru');
    assert.deepEqual(strategy.map((item) => item.detail), ['Стратегия развёртывания (по умолчанию)', 'Стратегия развёртывания']);
    assert.match(strategy[0].documentation, /^Остановить старый контейнер/);
    assert.deepEqual(completeAt('', 0, 'ru').map((item) => item.label), ['Файл Tinyforge (версия 1)', 'version', 'deploy', 'блок deploy']);
  });

  test('inside a flow mapping on one line ({ … }): its keys, never one already in it, flow-style objects, no block snippets', () => {
    assert.deepEqual(labels('version: 1\ndeploy: { port: 80, | }\n'), ['healthcheck', 'deploy_strategy', 'resources', 'max_instances']);
    assert.deepEqual(labels('version: 1\ndeploy:\n  resources: { memory_limit: 512, | }\n'), ['cpu_limit']);
    assert.deepEqual(labels('version: 1\ndeploy: { resources: { cpu| } }\n'), ['cpu_limit', 'memory_limit']);
    assert.deepEqual(labels('{ version: 1, | }\n'), ['deploy']);
    assert.deepEqual(labels('version: 1\ndeploy: { deploy_strategy: blue|, port: 80 }\n'), ['recreate', 'blue_green']);
    assert.deepEqual(labels('version: 1\ndeploy: [ | ]\n'), []);
    assert.equal(accept('version: 1\ndeploy: { port: 80, | }\n', 'resources'), 'version: 1\ndeploy: { port: 80, resources: {  } }\n');
    // Nothing where an edit would need what this line does not show, or where a comma must come first.
    assert.deepEqual(labels('version: 1\ndeploy: {|\n  port: 1 }\n'), []);
    assert.deepEqual(labels('version: 1\ndeploy: { resources: { cpu_limit: 1 } | }\n'), []);
    // A key typed again is not the entry it repeats; the entry under the cursor is not "already there".
    assert.ok(!labels('version: 1\ndeploy: { port: 1, port| }\n').includes('port'));
    assert.ok(!labels('version: 1\ndeploy: { port: 1, po|rt: 2 }\n').includes('port'));
    assert.ok(labels('version: 1\ndeploy: { po|rt: 2 }\n').includes('port'));
    assert.equal(accept('version: 1\ndeploy: { | port: 1 }\n', 'healthcheck'), 'version: 1\ndeploy: { healthcheck: /healthz,  port: 1 }\n');
    assert.equal(accept('version: 1\ndeploy: { healthcheck: |"/a,b" }\n', '/healthz'), 'version: 1\ndeploy: { healthcheck: /healthz }\n');
    assert.equal(accept('version: 1\ndeploy: { healthcheck: "/a|,b" }\n', '/healthz'), 'version: 1\ndeploy: { healthcheck: "/healthz" }\n');
    for (const [marked, label] of [
      ['version: 1\ndeploy: { | port: 1 }\n', 'deploy_strategy'],
      ['version: 1\ndeploy: {po|}\n', 'port'],
      ['version: 1\ndeploy: { deploy_strategy: blue|, port: 80 }\n', 'blue_green'],
      ['version: 1\ndeploy: {deploy_strategy:|}\n', 'recreate'],
      ['version: 1\ndeploy:\n  resources: { cpu_limit: 1, memory_li|: 512 }\n', 'memory_limit'],
    ] as const) {
      const result = accept(marked, label);
      assert.deepEqual(lintText(result).findings, [], result);
    }
  });

  test('key proposals carry the schema docs', () => {
    const port = complete('version: 1\ndeploy:\n  |\n').items.find((item) => item.label === 'port')!;
    assert.ok(port.documentation.includes(fieldAt(['deploy', 'port'])!.docs.en.markdownDescription));
    assert.equal(port.detail, 'Container port');
  });

  test('the deploy block snippet makes a valid file', () => {
    assert.deepEqual(lintText(accept('version: 1\n|', 'deploy block')).findings, []);
  });

  test('nothing in a comment, under a scalar, or under an unknown key', () => {
    assert.deepEqual(labels('version: 1 # |\n'), []);
    assert.deepEqual(labels('version: 1\ndeploy:\n  port: 1\n    |\n'), []);
    assert.deepEqual(labels('version: 1\nextra:\n  |\n'), []);
  });

  test('works on broken YAML', () => {
    assert.deepEqual(labels('version: 1\ndeploy:\n  port: [\n  |\n'), ['healthcheck', 'deploy_strategy', 'resources', 'max_instances']);
  });
});
