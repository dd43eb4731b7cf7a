import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { repoRoot } from '../support/lspClient';

describe('the README', () => {
  test("shows the Neovim configuration that test/e2e/neovim.e2e.ts runs, verbatim", () => {
    const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
    const config = readFileSync(join(repoRoot, 'docs/editors/neovim.lua'), 'utf8');
    // The file's opening comment is the README's prose; the code from the first statement on is the same.
    const code = config.slice(config.indexOf('local tinyforge_clients'));
    assert.ok(readme.includes(`\`\`\`lua\n-- docs/editors/neovim.lua\n${code}\`\`\``), 'the README block differs from docs/editors/neovim.lua');
  });
});
