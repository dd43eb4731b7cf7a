import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { repoRoot } from '../support/lspClient';

const coreDir = join(repoRoot, 'core/src');
/** What the pure core may import besides its own files: the YAML parser, ajv's runtime helpers and the schema. */
const allowed = [/^\.\.?\//, /^yaml$/, /^ajv(\/dist\/runtime\/.*)?$/];

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sources(join(dir, entry.name)) : /\.(ts|js)$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [join(dir, entry.name)] : [],
  );
}

describe('the core is pure', () => {
  test('no core file imports vscode, the language server library, the network, fs or any Node built-in', () => {
    const files = sources(coreDir);
    assert.ok(files.length > 10, 'core sources not found');
    const offenders: string[] = [];
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(/(?:import|export)[^'"]*?from\s*['"]([^'"]+)['"]|require\(\s*['"]([^'"]+)['"]\s*\)|import\(\s*['"]([^'"]+)['"]\s*\)/g)) {
        const specifier = match[1] ?? match[2] ?? match[3];
        if (!allowed.some((pattern) => pattern.test(specifier))) offenders.push(`${file.slice(repoRoot.length + 1)} imports ${specifier}`);
      }
      if (/\bprocess\.|\bBuffer\b|\bfetch\(/.test(text)) offenders.push(`${file.slice(repoRoot.length + 1)} uses process, Buffer or fetch`);
    }
    assert.deepEqual(offenders, []);
  });
});
