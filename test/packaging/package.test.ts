import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { repoRoot } from '../support/lspClient';

const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));

describe('the extension package', () => {
  test('vsce ships only the bundles, the schema, the manifest, its translations, the icons and the docs', () => {
    const result = spawnSync(process.execPath, [join(repoRoot, 'node_modules/@vscode/vsce/vsce'), 'ls', '--no-dependencies'], { cwd: repoRoot, encoding: 'utf8' });
    assert.equal(result.status, 0, result.stderr);
    const files = result.stdout.split('\n').filter(Boolean).sort();
    assert.deepEqual(files, [
      'CHANGELOG.md',
      'LICENSE',
      'README.md',
      'dist/api.js',
      'dist/client.js',
      'dist/core.js',
      'dist/extension.js',
      'dist/languageClient.js',
      'dist/server.js',
      'dist/serverMain.js',
      'docs/images/demo.png',
      'docs/images/fleet-view.png',
      'docs/images/git-states.png',
      'l10n/bundle.l10n.ru.json',
      'package.json',
      'package.nls.json',
      'package.nls.ru.json',
      'resources/icon.png',
      'resources/tinyforge.svg',
      'schemas/tinyforge.v1.schema.json',
    ]);
  });

  test('the manifest has what the Marketplace and Open VSX list: a 128×128 PNG icon, bugs and homepage beside repository', () => {
    const png = readFileSync(join(repoRoot, manifest.icon));
    assert.equal(png.subarray(1, 4).toString(), 'PNG');
    assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [128, 128], 'width and height');
    assert.ok(manifest.repository.url && manifest.bugs.url && manifest.homepage);
  });

  test('the manifest: publisher, VS Code 1.139 accepted, activation, settings under tinyforge.*', () => {
    assert.equal(manifest.publisher, 'tinyforge');
    const minimum = /^\^1\.(\d+)\.\d+$/.exec(manifest.engines.vscode);
    assert.ok(minimum && Number(minimum[1]) <= 139, manifest.engines.vscode);
    assert.deepEqual(manifest.activationEvents, ['workspaceContains:**/.tinyforge.{yml,yaml}', 'onLanguage:yaml']);
    assert.ok(Object.keys(manifest.contributes.configuration.properties).every((key) => key.startsWith('tinyforge.')));
    assert.equal(manifest.main, './dist/client.js');
    assert.equal(manifest.bin['tinyforge-lint'], './dist/cli.js');
    assert.deepEqual(manifest.dependencies ?? {}, {}, 'everything that runs is bundled');
  });

  test('npm pack ships the two commands and what they load, nothing else; every version says the same', () => {
    const result = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: repoRoot, encoding: 'utf8' });
    assert.equal(result.status, 0, result.stderr);
    const files = (JSON.parse(result.stdout) as Array<{ files: Array<{ path: string }> }>)[0].files.map((file) => file.path).sort();
    assert.deepEqual(files, ['LICENSE', 'README.md', 'dist/api.js', 'dist/cli.js', 'dist/core.js', 'dist/language-server.js', 'dist/server.js', 'dist/serverMain.js', 'package.json']);
    assert.deepEqual(manifest.bin, { 'tinyforge-lint': './dist/cli.js', 'tinyforge-language-server': './dist/language-server.js' });
    for (const bin of Object.values(manifest.bin as Record<string, string>)) assert.match(readFileSync(join(repoRoot, bin), 'utf8'), /^#!\/usr\/bin\/env node\n/, bin);
    assert.match(readFileSync(join(repoRoot, 'core/src/version.ts'), 'utf8'), new RegExp(`productVersion = '${manifest.version.replace(/\./g, '\\.')}'`));
  });

  test('what activation loads holds neither the YAML parser nor the language client nor the API library: they load when a Tinyforge file or live data needs them', () => {
    const client = readFileSync(join(repoRoot, 'dist/client.js'), 'utf8');
    assert.ok(readFileSync(join(repoRoot, 'dist/core.js'), 'utf8').includes('YAMLParseError'), 'the marker is in the core, where yaml belongs');
    assert.ok(!client.includes('YAMLParseError'), 'yaml is bundled into dist/client.js: some client file imports a core module that imports yaml; go through loadCore()');
    assert.ok(readFileSync(join(repoRoot, 'dist/languageClient.js'), 'utf8').includes('Content-Length'), 'the marker is in the language client');
    assert.ok(!client.includes('Content-Length'), 'the language client is bundled into dist/client.js');
    assert.ok(Buffer.byteLength(client) < 100_000, `dist/client.js is ${Buffer.byteLength(client)} bytes`);
  });
});
