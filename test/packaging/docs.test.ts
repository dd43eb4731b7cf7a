import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { repoRoot } from '../support/lspClient';

const readme = (): string => readFileSync(join(repoRoot, 'README.md'), 'utf8');
const file = (relative: string): string => readFileSync(join(repoRoot, relative), 'utf8');

describe('the README shows the configurations the editor tests run, verbatim', () => {
  test('Neovim: docs/editors/neovim.lua (test/e2e/neovim.e2e.ts)', () => {
    const config = file('docs/editors/neovim.lua');
    // The file's opening comment is the README's prose; the code from the first statement on is the same.
    const code = config.slice(config.indexOf('local tinyforge_clients'));
    assert.ok(readme().includes(`\`\`\`lua\n-- docs/editors/neovim.lua\n${code}\`\`\``), 'the README block differs from docs/editors/neovim.lua');
  });

  test('Emacs: docs/editors/tinyforge-eglot.el (test/e2e/emacs.e2e.ts)', () => {
    assert.ok(readme().includes(`\`\`\`elisp\n${file('docs/editors/tinyforge-eglot.el')}\`\`\``), 'the README block differs from docs/editors/tinyforge-eglot.el');
  });

  test('Vim: docs/editors/tinyforge-ale.vim (test/e2e/vim.e2e.ts)', () => {
    assert.ok(readme().includes(`\`\`\`vim\n${file('docs/editors/tinyforge-ale.vim')}\`\`\``), 'the README block differs from docs/editors/tinyforge-ale.vim');
  });
});
